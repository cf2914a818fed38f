//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/admin/users/{id}")]
pub struct AdminUsersItem {
    pub id: i64,
}

impl AdminUsersItem {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        AdminUsersItem { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/admin/users/{id}/grants")]
pub struct AdminUsersGrants {
    pub id: i64,
}

impl AdminUsersGrants {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        AdminUsersGrants { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/admin/users/{id}/grants/{grant_id}/revoke")]
pub struct AdminUsersGrantsRevoke {
    pub id: i64,
    pub grant_id: i64,
}

impl AdminUsersGrantsRevoke {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, grant_id: impl RawId) -> String {
        AdminUsersGrantsRevoke {
            id: id.raw(),
            grant_id: grant_id.raw(),
        }
        .to_string()
    }
}
