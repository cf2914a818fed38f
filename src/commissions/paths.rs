//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::{CommissionId, RawId, SessionId};

/// The list of the programme's editions, and the form to draft one.
pub const EDITIONS: &str = "/commissions";
pub const EDITIONS_NEW: &str = "/commissions/new";

macro_rules! id_path {
    ($name:ident, $path:literal, $id:ident) => {
        #[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
        #[typed_path($path)]
        pub struct $name {
            pub id: $id,
        }

        impl $name {
            /// The URL of this route for this id (templates and emails build links with it).
            pub fn url(id: impl RawId) -> String {
                $name { id: $id(id.raw()) }.to_string()
            }
        }
    };
}

id_path!(EditionsById, "/commissions/{id}", CommissionId);
id_path!(EditionsEdit, "/commissions/{id}/edit", CommissionId);
id_path!(EditionsApprove, "/commissions/{id}/approve", CommissionId);
id_path!(
    EditionsSessionsNew,
    "/commissions/{id}/sessions/new",
    CommissionId
);
id_path!(SessionsMove, "/sessions/{id}/move", SessionId);
id_path!(SessionsCancel, "/sessions/{id}/cancel", SessionId);
