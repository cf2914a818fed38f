//! Routes of project follow-up: a funded project's page and its forms, a commission's
//! follow-up, dashboards, exports and new calendars.

use axum_extra::routing::TypedPath;

use super::{
    commission_pages as commission, dashboard_pages as dashboards, form_pages as forms, pages,
    paths,
};
use crate::{
    http::{Access::AnyOf, Registry},
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];
const APPLICANTS: &[Role] = &[Role::Applicant];
const APPLICANTS_AND_OFFICERS: &[Role] = &[Role::Applicant, Role::Officer];
/// Who may open a funded project's page; the policy narrows to its leads and the programme's
/// officers and members.
const FOLLOWUP_VIEWERS: &[Role] = &[
    Role::Applicant,
    Role::Officer,
    Role::CommissionMember,
    Role::Administrator,
];
/// The programme's officers and commission members (and administrators).
const COMMISSION: &[Role] = &[Role::CommissionMember, Role::Officer, Role::Administrator];

pub fn routes(r: Registry) -> Registry {
    r.get(
        paths::FundedById::PATH,
        AnyOf(FOLLOWUP_VIEWERS),
        pages::show,
    )
    .post(
        paths::FundedObjectives::PATH,
        AnyOf(APPLICANTS),
        forms::objective,
    )
    .post(
        paths::FundedMissionsStatus::PATH,
        AnyOf(APPLICANTS_AND_OFFICERS),
        forms::mission_status,
    )
    .post(
        paths::FundedMissionsSpending::PATH,
        AnyOf(OFFICERS),
        forms::mission_spending,
    )
    .post(
        paths::FundedMissionsReport::PATH,
        AnyOf(APPLICANTS),
        forms::mission_report,
    )
    .post(
        paths::FundedProgress::PATH,
        AnyOf(APPLICANTS),
        forms::progress,
    )
    .post(paths::FundedOpinion::PATH, AnyOf(OFFICERS), forms::opinion)
    .post(paths::FundedYear2::PATH, AnyOf(OFFICERS), forms::year2)
    .post(
        paths::FundedTerminate::PATH,
        AnyOf(OFFICERS),
        forms::terminate,
    )
    .post(
        paths::FundedTerminateApprove::PATH,
        AnyOf(OFFICERS),
        forms::approve_termination,
    )
    .post(
        paths::FundedMissionChanges::PATH,
        AnyOf(APPLICANTS_AND_OFFICERS),
        forms::propose_mission_change,
    )
    .post(
        paths::FundedMissionChangesApprove::PATH,
        AnyOf(OFFICERS),
        forms::approve_mission_change,
    )
    .post(
        paths::FundedFinalReport::PATH,
        AnyOf(APPLICANTS),
        forms::final_report,
    )
    .post(
        paths::FundedFinalReportApprove::PATH,
        AnyOf(OFFICERS),
        forms::approve_final,
    )
    .post(paths::FundedClose::PATH, AnyOf(OFFICERS), forms::close)
    .post(
        paths::FundedExtensions::PATH,
        AnyOf(OFFICERS),
        forms::propose_extension,
    )
    .post(
        paths::FundedExtensionsApprove::PATH,
        AnyOf(OFFICERS),
        forms::approve_extension,
    )
    .get(
        paths::CommissionsFollowup::PATH,
        AnyOf(COMMISSION),
        commission::show,
    )
    .get(
        paths::CommissionsDashboard::PATH,
        AnyOf(COMMISSION),
        dashboards::dashboard,
    )
    .get(
        paths::ProgrammesDashboard::PATH,
        AnyOf(COMMISSION),
        dashboards::programme_dashboard,
    )
    .get(
        paths::CommissionsFundedCsv::PATH,
        AnyOf(COMMISSION),
        commission::csv,
    )
    .get(
        paths::CommissionsFundedXlsx::PATH,
        AnyOf(COMMISSION),
        commission::xlsx,
    )
    .get(
        paths::CommissionsIatiXml::PATH,
        AnyOf(OFFICERS),
        commission::iati,
    )
    .post(
        paths::CommissionsMidterm::PATH,
        AnyOf(OFFICERS),
        commission::open_campaign,
    )
    .get(
        paths::ResolutionsCalendar::PATH,
        AnyOf(COMMISSION),
        commission::preview,
    )
    .post(
        paths::ResolutionsCalendar::PATH,
        AnyOf(OFFICERS),
        commission::apply,
    )
}
