//! Routes of joint projects: applicants' halves, filing and receipts, the officers' list and
//! decisions on admissibility and extensions, attachments.

use super::{
    edit_pages as edit, officer_pages as officer, pages, partner_pages as partner,
    receipt_pages as receipts,
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

pub fn routes(r: Registry) -> Registry {
    r.get("/calls/{id}/apply", AnyOf(APPLICANTS), pages::start_form)
        .post("/calls/{id}/apply", AnyOf(APPLICANTS), pages::start)
        .get(
            "/calls/{id}/applications",
            AnyOf(OFFICERS),
            officer::officer_list,
        )
        .get(
            "/calls/{id}/applications.csv",
            AnyOf(OFFICERS),
            officer::officer_csv,
        )
        .get("/projects", AnyOf(APPLICANTS), pages::mine)
        .get("/projects/join", AnyOf(APPLICANTS), partner::join_form)
        .post("/projects/join", AnyOf(APPLICANTS), partner::join)
        .get("/projects/{id}", AnyOf(PROJECT_VIEWERS), pages::show)
        .get("/projects/{id}/edit", AnyOf(APPLICANTS), edit::edit_form)
        .post("/projects/{id}/edit", AnyOf(APPLICANTS), edit::edit)
        .get("/projects/{id}/half", AnyOf(APPLICANTS), edit::half_form)
        .post("/projects/{id}/half", AnyOf(APPLICANTS), edit::half)
        .get(
            "/projects/{id}/missions/new",
            AnyOf(APPLICANTS),
            edit::mission_form,
        )
        .post(
            "/projects/{id}/missions/new",
            AnyOf(APPLICANTS),
            edit::add_mission,
        )
        .post(
            "/projects/{id}/missions/{mission_id}/delete",
            AnyOf(APPLICANTS),
            edit::delete_mission,
        )
        .get(
            "/projects/{id}/invite",
            AnyOf(APPLICANTS),
            partner::invite_form,
        )
        .post("/projects/{id}/invite", AnyOf(APPLICANTS), partner::invite)
        .post("/projects/{id}/file", AnyOf(APPLICANTS), pages::file)
        .post(
            "/projects/{id}/withdraw",
            AnyOf(APPLICANTS),
            pages::withdraw,
        )
        .post(
            "/projects/{id}/attachments",
            AnyOf(APPLICANTS),
            officer::upload,
        )
        .get(
            "/attachments/{id}",
            AnyOf(PROJECT_VIEWERS),
            officer::download,
        )
        .post(
            "/attachments/{id}/delete",
            AnyOf(APPLICANTS),
            officer::remove_attachment,
        )
        .get("/receipts/public-key", Public, receipts::public_key)
        .get(
            "/receipts/{id}/pdf",
            AnyOf(PROJECT_VIEWERS),
            receipts::receipt_pdf,
        )
        .get("/receipts/{id}", AnyOf(PROJECT_VIEWERS), receipts::receipt)
        .post(
            "/halves/{id}/admissibility",
            AnyOf(OFFICERS),
            officer::admissibility,
        )
        .post(
            "/halves/{id}/extension",
            AnyOf(OFFICERS),
            officer::extension,
        )
}
