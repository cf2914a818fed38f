//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

use crate::ids::{CallId, HalfId, ProjectId};

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/apply")]
pub struct CallsApply {
    pub id: CallId,
}

impl CallsApply {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsApply {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/applications")]
pub struct CallsApplications {
    pub id: CallId,
}

impl CallsApplications {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsApplications {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/applications.csv")]
pub struct CallsApplicationsCsv {
    pub id: CallId,
}

impl CallsApplicationsCsv {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsApplicationsCsv {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/calls/{id}/applications.xlsx")]
pub struct CallsApplicationsXlsx {
    pub id: CallId,
}

impl CallsApplicationsXlsx {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CallsApplicationsXlsx {
            id: CallId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}")]
pub struct ProjectsById {
    pub id: ProjectId,
}

impl ProjectsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsById {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/edit")]
pub struct ProjectsEdit {
    pub id: ProjectId,
}

impl ProjectsEdit {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsEdit {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/half")]
pub struct ProjectsHalf {
    pub id: ProjectId,
}

impl ProjectsHalf {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsHalf {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/missions/new")]
pub struct ProjectsMissionsNew {
    pub id: ProjectId,
}

impl ProjectsMissionsNew {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsMissionsNew {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/missions/{mission_id}/delete")]
pub struct ProjectsMissionsDelete {
    pub id: ProjectId,
    pub mission_id: i64,
}

impl ProjectsMissionsDelete {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, mission_id: impl RawId) -> String {
        ProjectsMissionsDelete {
            id: ProjectId(id.raw()),
            mission_id: mission_id.raw(),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/invite")]
pub struct ProjectsInvite {
    pub id: ProjectId,
}

impl ProjectsInvite {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsInvite {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/file")]
pub struct ProjectsFile {
    pub id: ProjectId,
}

impl ProjectsFile {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsFile {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/review")]
pub struct ProjectsReview {
    pub id: ProjectId,
}

impl ProjectsReview {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsReview {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/withdraw")]
pub struct ProjectsWithdraw {
    pub id: ProjectId,
}

impl ProjectsWithdraw {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsWithdraw {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/attachments")]
pub struct ProjectsAttachments {
    pub id: ProjectId,
}

impl ProjectsAttachments {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsAttachments {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/attachments/{id}")]
pub struct AttachmentsById {
    pub id: i64,
}

impl AttachmentsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        AttachmentsById { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/attachments/{id}/delete")]
pub struct AttachmentsDelete {
    pub id: i64,
}

impl AttachmentsDelete {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        AttachmentsDelete { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/receipts/{id}/pdf")]
pub struct ReceiptsPdf {
    pub id: i64,
}

impl ReceiptsPdf {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ReceiptsPdf { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/receipts/{id}")]
pub struct ReceiptsById {
    pub id: i64,
}

impl ReceiptsById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ReceiptsById { id: id.raw() }.to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/halves/{id}/admissibility")]
pub struct HalvesAdmissibility {
    pub id: HalfId,
}

impl HalvesAdmissibility {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        HalvesAdmissibility {
            id: HalfId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/halves/{id}/extension")]
pub struct HalvesExtension {
    pub id: HalfId,
}

impl HalvesExtension {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        HalvesExtension {
            id: HalfId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/reopen")]
pub struct ProjectsReopen {
    pub id: ProjectId,
}

impl ProjectsReopen {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsReopen {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/application")]
pub struct ProjectsApplication {
    pub id: ProjectId,
}

impl ProjectsApplication {
    /// The URL of this route for this id (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProjectsApplication {
            id: ProjectId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/projects/{id}/application/files/{file}")]
pub struct ProjectsApplicationFile {
    pub id: ProjectId,
    pub file: i64,
}

impl ProjectsApplicationFile {
    /// The URL of this route for these ids.
    pub fn url(id: impl RawId, file: impl RawId) -> String {
        ProjectsApplicationFile {
            id: ProjectId(id.raw()),
            file: file.raw(),
        }
        .to_string()
    }
}
