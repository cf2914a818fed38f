//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::RawId;

use crate::ids::{CommissionId, FundedId, ProgrammeId, ResolutionId};

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}")]
pub struct FundedById {
    pub id: FundedId,
}

impl FundedById {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedById {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/objectives")]
pub struct FundedObjectives {
    pub id: FundedId,
}

impl FundedObjectives {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedObjectives {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/missions/status")]
pub struct FundedMissionsStatus {
    pub id: FundedId,
}

impl FundedMissionsStatus {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedMissionsStatus {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/missions/spending")]
pub struct FundedMissionsSpending {
    pub id: FundedId,
}

impl FundedMissionsSpending {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedMissionsSpending {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/missions/report")]
pub struct FundedMissionsReport {
    pub id: FundedId,
}

impl FundedMissionsReport {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedMissionsReport {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/progress")]
pub struct FundedProgress {
    pub id: FundedId,
}

impl FundedProgress {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedProgress {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/opinion")]
pub struct FundedOpinion {
    pub id: FundedId,
}

impl FundedOpinion {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedOpinion {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/year2")]
pub struct FundedYear2 {
    pub id: FundedId,
}

impl FundedYear2 {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedYear2 {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/final-report")]
pub struct FundedFinalReport {
    pub id: FundedId,
}

impl FundedFinalReport {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedFinalReport {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/final-report/approve")]
pub struct FundedFinalReportApprove {
    pub id: FundedId,
}

impl FundedFinalReportApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedFinalReportApprove {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/close")]
pub struct FundedClose {
    pub id: FundedId,
}

impl FundedClose {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedClose {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/extensions")]
pub struct FundedExtensions {
    pub id: FundedId,
}

impl FundedExtensions {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedExtensions {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/extensions/{extension_id}/approve")]
pub struct FundedExtensionsApprove {
    pub id: FundedId,
    pub extension_id: i64,
}

impl FundedExtensionsApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, extension_id: impl RawId) -> String {
        FundedExtensionsApprove {
            id: FundedId(id.raw()),
            extension_id: extension_id.raw(),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/followup")]
pub struct CommissionsFollowup {
    pub id: CommissionId,
}

impl CommissionsFollowup {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsFollowup {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/dashboard")]
pub struct CommissionsDashboard {
    pub id: CommissionId,
}

impl CommissionsDashboard {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsDashboard {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/programmes/{id}/dashboard")]
pub struct ProgrammesDashboard {
    pub id: ProgrammeId,
}

impl ProgrammesDashboard {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ProgrammesDashboard {
            id: ProgrammeId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/funded.csv")]
pub struct CommissionsFundedCsv {
    pub id: CommissionId,
}

impl CommissionsFundedCsv {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsFundedCsv {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/funded.xlsx")]
pub struct CommissionsFundedXlsx {
    pub id: CommissionId,
}

impl CommissionsFundedXlsx {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsFundedXlsx {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/iati.xml")]
pub struct CommissionsIatiXml {
    pub id: CommissionId,
}

impl CommissionsIatiXml {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsIatiXml {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/commissions/{id}/midterm")]
pub struct CommissionsMidterm {
    pub id: CommissionId,
}

impl CommissionsMidterm {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        CommissionsMidterm {
            id: CommissionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/resolutions/{id}/calendar")]
pub struct ResolutionsCalendar {
    pub id: ResolutionId,
}

impl ResolutionsCalendar {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        ResolutionsCalendar {
            id: ResolutionId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/terminate")]
pub struct FundedTerminate {
    pub id: FundedId,
}

impl FundedTerminate {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedTerminate {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/terminate/approve")]
pub struct FundedTerminateApprove {
    pub id: FundedId,
}

impl FundedTerminateApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedTerminateApprove {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/mission-changes")]
pub struct FundedMissionChanges {
    pub id: FundedId,
}

impl FundedMissionChanges {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId) -> String {
        FundedMissionChanges {
            id: FundedId(id.raw()),
        }
        .to_string()
    }
}

#[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
#[typed_path("/funded/{id}/mission-changes/{change_id}/approve")]
pub struct FundedMissionChangesApprove {
    pub id: FundedId,
    pub change_id: i64,
}

impl FundedMissionChangesApprove {
    /// The URL of this route for these ids (templates and emails build links with it).
    pub fn url(id: impl RawId, change_id: impl RawId) -> String {
        FundedMissionChangesApprove {
            id: FundedId(id.raw()),
            change_id: change_id.raw(),
        }
        .to_string()
    }
}
