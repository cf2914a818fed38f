//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::{GrvEditionId, RawId};

/// The list of the programme's Grands Rendez-vous editions, and the form to draft one.
pub const EDITIONS: &str = "/grv/editions";
pub const EDITIONS_NEW: &str = "/grv/editions/new";

macro_rules! id_path {
    ($name:ident, $path:literal) => {
        #[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
        #[typed_path($path)]
        pub struct $name {
            pub id: GrvEditionId,
        }

        impl $name {
            /// The URL of this route for this id (templates build links with it).
            pub fn url(id: impl RawId) -> String {
                $name {
                    id: GrvEditionId(id.raw()),
                }
                .to_string()
            }
        }
    };
}

id_path!(EditionsById, "/grv/editions/{id}");
id_path!(EditionsEdit, "/grv/editions/{id}/edit");
id_path!(EditionsApprove, "/grv/editions/{id}/approve");
id_path!(EditionsAdvance, "/grv/editions/{id}/advance");
