//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

use crate::ids::CallId;

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}")]
pub struct CallsById {
    pub id: CallId,
}

impl CallsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsById {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/edit")]
pub struct CallsEdit {
    pub id: CallId,
}

impl CallsEdit {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEdit {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/approve")]
pub struct CallsApprove {
    pub id: CallId,
}

impl CallsApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsApprove {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/archive")]
pub struct CallsArchive {
    pub id: CallId,
}

impl CallsArchive {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsArchive {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}
