//! Routes of the joint commission session: the session, its decisions and resolutions, the
//! minutes and their signature, the calendar file, decision letters.

use axum_extra::routing::TypedPath;

use super::{document_pages as documents, pages, paths, resolution_pages as resolutions};
use crate::{
    http::{
        Access::{AnyOf, SignedIn},
        Registry,
    },
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];
const APPLICANTS: &[Role] = &[Role::Applicant];
/// Who reads a session: those who take part, and administrators (the policy narrows to the
/// programme's sides).
const SESSION_READERS: &[Role] = &[Role::CommissionMember, Role::Officer, Role::Administrator];
/// Who takes part in a session: the programme's commission members and officers.
const SESSION_MEMBERS: &[Role] = &[Role::CommissionMember, Role::Officer];

pub fn routes(r: Registry) -> Registry {
    r.get(
        paths::SessionsById::PATH,
        AnyOf(SESSION_READERS),
        pages::show,
    )
    .get(paths::SessionsIcs::PATH, SignedIn, documents::ics)
    .get(
        paths::SessionsMinutes::PATH,
        AnyOf(SESSION_READERS),
        documents::minutes,
    )
    .get(
        paths::SessionsMinutesPdf::PATH,
        AnyOf(SESSION_READERS),
        documents::minutes_pdf,
    )
    .post(
        paths::SessionsRelease::PATH,
        AnyOf(OFFICERS),
        pages::release,
    )
    .post(
        paths::SessionsOpen::PATH,
        AnyOf(SESSION_MEMBERS),
        pages::open,
    )
    .post(
        paths::SessionsClose::PATH,
        AnyOf(SESSION_MEMBERS),
        pages::close,
    )
    .post(
        paths::SessionsDecisions::PATH,
        AnyOf(SESSION_MEMBERS),
        pages::propose,
    )
    .post(
        paths::SessionsDecisionsApprove::PATH,
        AnyOf(SESSION_MEMBERS),
        pages::approve,
    )
    .get(
        paths::SessionsNextCall::PATH,
        AnyOf(SESSION_MEMBERS),
        resolutions::next_call_form,
    )
    .post(
        paths::SessionsNextCall::PATH,
        AnyOf(SESSION_MEMBERS),
        resolutions::next_call,
    )
    .get(
        paths::SessionsCalendar::PATH,
        AnyOf(SESSION_MEMBERS),
        resolutions::calendar_form,
    )
    .post(
        paths::SessionsCalendar::PATH,
        AnyOf(SESSION_MEMBERS),
        resolutions::calendar,
    )
    .post(
        paths::SessionsResolutionsApprove::PATH,
        AnyOf(SESSION_MEMBERS),
        resolutions::approve,
    )
    .post(
        paths::SessionsSign::PATH,
        // The co-chairs: accounts of officers or commission members named on the edition.
        AnyOf(SESSION_MEMBERS),
        documents::sign,
    )
    .get(
        paths::ProjectsLetterPdf::PATH,
        AnyOf(APPLICANTS),
        documents::letter_pdf,
    )
}
