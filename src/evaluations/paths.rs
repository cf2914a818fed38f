//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

use crate::ids::CallId;

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/evaluations")]
pub struct CallsEvaluations {
    pub id: CallId,
}

impl CallsEvaluations {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEvaluations {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/evaluations/assign")]
pub struct CallsEvaluationsAssign {
    pub id: CallId,
}

impl CallsEvaluationsAssign {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEvaluationsAssign {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/evaluations/propose")]
pub struct CallsEvaluationsPropose {
    pub id: CallId,
}

impl CallsEvaluationsPropose {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEvaluationsPropose {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/evaluations/recommend")]
pub struct CallsEvaluationsRecommend {
    pub id: CallId,
}

impl CallsEvaluationsRecommend {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEvaluationsRecommend {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/evaluations/affiliations")]
pub struct CallsEvaluationsAffiliations {
    pub id: CallId,
}

impl CallsEvaluationsAffiliations {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsEvaluationsAffiliations {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/grid")]
pub struct CallsGrid {
    pub id: CallId,
}

impl CallsGrid {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsGrid {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/conflicts")]
pub struct CallsConflicts {
    pub id: CallId,
}

impl CallsConflicts {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsConflicts {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/evaluations/{id}")]
pub struct EvaluationsById {
    pub id: i64,
}

impl EvaluationsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        EvaluationsById { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/evaluations/{id}/files/{file}")]
pub struct EvaluationsFile {
    pub id: i64,
    pub file: i64,
}
