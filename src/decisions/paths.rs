//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

use crate::ids::{ProjectId, ResolutionId, SessionId};

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}")]
pub struct SessionsById {
    pub id: SessionId,
}

impl SessionsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsById {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/ics")]
pub struct SessionsIcs {
    pub id: SessionId,
}

impl SessionsIcs {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsIcs {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/minutes")]
pub struct SessionsMinutes {
    pub id: SessionId,
}

impl SessionsMinutes {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsMinutes {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/minutes.pdf")]
pub struct SessionsMinutesPdf {
    pub id: SessionId,
}

impl SessionsMinutesPdf {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsMinutesPdf {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/release")]
pub struct SessionsRelease {
    pub id: SessionId,
}

impl SessionsRelease {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsRelease {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/open")]
pub struct SessionsOpen {
    pub id: SessionId,
}

impl SessionsOpen {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsOpen {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/close")]
pub struct SessionsClose {
    pub id: SessionId,
}

impl SessionsClose {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsClose {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/decisions")]
pub struct SessionsDecisions {
    pub id: SessionId,
}

impl SessionsDecisions {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsDecisions {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/decisions/{decision_id}/approve")]
pub struct SessionsDecisionsApprove {
    pub id: SessionId,
    pub decision_id: i64,
}

impl SessionsDecisionsApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, decision_id: impl RawId) -> String {
        SessionsDecisionsApprove {
            id: SessionId(id.raw()),
            decision_id: decision_id.raw(),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/next-call")]
pub struct SessionsNextCall {
    pub id: SessionId,
}

impl SessionsNextCall {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsNextCall {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/calendar")]
pub struct SessionsCalendar {
    pub id: SessionId,
}

impl SessionsCalendar {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsCalendar {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/resolutions/{resolution_id}/approve")]
pub struct SessionsResolutionsApprove {
    pub id: SessionId,
    pub resolution_id: ResolutionId,
}

impl SessionsResolutionsApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, resolution_id: impl RawId) -> String {
        SessionsResolutionsApprove {
            id: SessionId(id.raw()),
            resolution_id: ResolutionId(resolution_id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/sessions/{id}/sign")]
pub struct SessionsSign {
    pub id: SessionId,
}

impl SessionsSign {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        SessionsSign {
            id: SessionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/letter.pdf")]
pub struct ProjectsLetterPdf {
    pub id: ProjectId,
}

impl ProjectsLetterPdf {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsLetterPdf {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}
