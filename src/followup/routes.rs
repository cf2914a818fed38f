//! Routes of project follow-up: a funded project's page and its forms, a commission's
//! follow-up, dashboards, exports and new calendars.

use super::{
    commission_pages as commission, dashboard_pages as dashboards, form_pages as forms, pages,
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
    r.get("/funded/{id}", AnyOf(FOLLOWUP_VIEWERS), pages::show)
        .post(
            "/funded/{id}/objectives",
            AnyOf(APPLICANTS),
            forms::objective,
        )
        .post(
            "/funded/{id}/missions/status",
            AnyOf(APPLICANTS_AND_OFFICERS),
            forms::mission_status,
        )
        .post(
            "/funded/{id}/missions/spending",
            AnyOf(OFFICERS),
            forms::mission_spending,
        )
        .post(
            "/funded/{id}/missions/report",
            AnyOf(APPLICANTS),
            forms::mission_report,
        )
        .post("/funded/{id}/progress", AnyOf(APPLICANTS), forms::progress)
        .post("/funded/{id}/opinion", AnyOf(OFFICERS), forms::opinion)
        .post("/funded/{id}/year2", AnyOf(OFFICERS), forms::year2)
        .post(
            "/funded/{id}/final-report",
            AnyOf(APPLICANTS),
            forms::final_report,
        )
        .post(
            "/funded/{id}/final-report/approve",
            AnyOf(OFFICERS),
            forms::approve_final,
        )
        .post("/funded/{id}/close", AnyOf(OFFICERS), forms::close)
        .post(
            "/funded/{id}/extensions",
            AnyOf(OFFICERS),
            forms::propose_extension,
        )
        .post(
            "/funded/{id}/extensions/{extension_id}/approve",
            AnyOf(OFFICERS),
            forms::approve_extension,
        )
        .get(
            "/commissions/{id}/followup",
            AnyOf(COMMISSION),
            commission::show,
        )
        .get(
            "/commissions/{id}/dashboard",
            AnyOf(COMMISSION),
            dashboards::dashboard,
        )
        .get(
            "/programmes/{id}/dashboard",
            AnyOf(COMMISSION),
            dashboards::programme_dashboard,
        )
        .get(
            "/commissions/{id}/funded.csv",
            AnyOf(COMMISSION),
            commission::csv,
        )
        .get(
            "/commissions/{id}/iati.xml",
            AnyOf(OFFICERS),
            commission::iati,
        )
        .post(
            "/commissions/{id}/midterm",
            AnyOf(OFFICERS),
            commission::open_campaign,
        )
        .get(
            "/resolutions/{id}/calendar",
            AnyOf(COMMISSION),
            commission::preview,
        )
        .post(
            "/resolutions/{id}/calendar",
            AnyOf(OFFICERS),
            commission::apply,
        )
}
