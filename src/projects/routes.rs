//! Routes of joint projects: applicants' halves, filing and receipts, the officers' list and
//! decisions on admissibility and extensions, attachments.

use axum::{extract::DefaultBodyLimit, handler::Handler};
use axum_extra::routing::TypedPath;

use super::{
    application_pages as application, edit_pages as edit, filing_pages, officer_pages as officer,
    pages, partner_pages as partner, paths, receipt_pages as receipts, review_pages,
};
use crate::{
    http::{
        Access::{AnyOf, Public},
        Registry,
    },
    viewer::Role,
};

const APPLICANTS: &[Role] = &[Role::Applicant];
const OFFICERS: &[Role] = &[Role::Officer];
/// Who may open a project page; the policy then narrows to its leads and its sides' officers.
const PROJECT_VIEWERS: &[Role] = &[Role::Applicant, Role::Officer, Role::Administrator];
/// Who may read an application as filed; the policy then narrows to its leads, its sides'
/// officers and commission members (their own side's half), administrators.
const APPLICATION_READERS: &[Role] = &[
    Role::Applicant,
    Role::Officer,
    Role::CommissionMember,
    Role::Administrator,
];

pub fn routes(r: Registry) -> Registry {
    r.get("/calls/{id}/apply", AnyOf(APPLICANTS), pages::start_form)
        .post("/calls/{id}/apply", AnyOf(APPLICANTS), pages::start)
        .get(
            paths::CallsApplications::PATH,
            AnyOf(OFFICERS),
            officer::officer_list,
        )
        .get(
            paths::CallsApplicationsCsv::PATH,
            AnyOf(OFFICERS),
            officer::officer_csv,
        )
        .get(
            paths::CallsApplicationsXlsx::PATH,
            AnyOf(OFFICERS),
            officer::officer_xlsx,
        )
        .get("/projects", AnyOf(APPLICANTS), pages::mine)
        .get("/projects/join", AnyOf(APPLICANTS), partner::join_form)
        .post("/projects/join", AnyOf(APPLICANTS), partner::join)
        .get(
            paths::ProjectsById::PATH,
            AnyOf(PROJECT_VIEWERS),
            pages::show,
        )
        .get(
            paths::ProjectsApplication::PATH,
            AnyOf(APPLICATION_READERS),
            application::show,
        )
        .get(
            paths::ProjectsApplicationFile::PATH,
            AnyOf(APPLICATION_READERS),
            application::file,
        )
        .get("/projects/{id}/edit", AnyOf(APPLICANTS), edit::edit_form)
        .post("/projects/{id}/edit", AnyOf(APPLICANTS), edit::edit)
        .get("/projects/{id}/half", AnyOf(APPLICANTS), edit::half_form)
        .post("/projects/{id}/half", AnyOf(APPLICANTS), edit::half)
        .get(
            paths::ProjectsMissionsNew::PATH,
            AnyOf(APPLICANTS),
            edit::mission_form,
        )
        .post(
            paths::ProjectsMissionsNew::PATH,
            AnyOf(APPLICANTS),
            edit::add_mission,
        )
        .post(
            paths::ProjectsMissionsDelete::PATH,
            AnyOf(APPLICANTS),
            edit::delete_mission,
        )
        .get(
            paths::ProjectsInvite::PATH,
            AnyOf(APPLICANTS),
            partner::invite_form,
        )
        .post(
            paths::ProjectsInvite::PATH,
            AnyOf(APPLICANTS),
            partner::invite,
        )
        .get(
            paths::ProjectsReview::PATH,
            AnyOf(APPLICANTS),
            review_pages::review,
        )
        .post(
            paths::ProjectsFile::PATH,
            AnyOf(APPLICANTS),
            filing_pages::file,
        )
        .post(
            paths::ProjectsWithdraw::PATH,
            AnyOf(APPLICANTS),
            filing_pages::withdraw,
        )
        .post(
            paths::ProjectsReopen::PATH,
            AnyOf(APPLICANTS),
            filing_pages::reopen,
        )
        .post(
            paths::ProjectsAttachments::PATH,
            AnyOf(APPLICANTS),
            // The context layer already enforces the upload limit (413 with its message);
            // axum's default 2 MB cap on bodies would refuse a valid file with a wrong one.
            officer::upload.layer(DefaultBodyLimit::disable()),
        )
        .get(
            paths::AttachmentsById::PATH,
            AnyOf(PROJECT_VIEWERS),
            officer::download,
        )
        .post(
            paths::AttachmentsDelete::PATH,
            AnyOf(APPLICANTS),
            officer::remove_attachment,
        )
        .get("/receipts/public-key", Public, receipts::public_key)
        .get(
            paths::ReceiptsPdf::PATH,
            AnyOf(PROJECT_VIEWERS),
            receipts::receipt_pdf,
        )
        .get(
            paths::ReceiptsById::PATH,
            AnyOf(PROJECT_VIEWERS),
            receipts::receipt,
        )
        .post(
            paths::HalvesAdmissibility::PATH,
            AnyOf(OFFICERS),
            officer::admissibility,
        )
        .post(
            paths::HalvesExtension::PATH,
            AnyOf(OFFICERS),
            officer::extension,
        )
}
