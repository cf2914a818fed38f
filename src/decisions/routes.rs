//! Routes of the joint commission session: the session, its decisions and resolutions, the
//! minutes and their signature, the calendar file, decision letters.

use super::{document_pages as documents, pages, resolution_pages as resolutions};
use crate::{
    http::{
        Access::{AnyOf, SignedIn},
        Registry,
    },
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];
const APPLICANTS: &[Role] = &[Role::Applicant];
const COMMISSION_MEMBERS: &[Role] = &[Role::CommissionMember];
/// Who reads a session: those who take part, and administrators (the policy narrows to the
/// programme's sides).
const SESSION_READERS: &[Role] = &[Role::CommissionMember, Role::Officer, Role::Administrator];
/// Who takes part in a session: the programme's commission members and officers.
const SESSION_MEMBERS: &[Role] = &[Role::CommissionMember, Role::Officer];

pub fn routes(r: Registry) -> Registry {
    r.get("/sessions/{id}", AnyOf(SESSION_READERS), pages::show)
        .get("/sessions/{id}/ics", SignedIn, documents::ics)
        .get(
            "/sessions/{id}/minutes",
            AnyOf(SESSION_READERS),
            documents::minutes,
        )
        .get(
            "/sessions/{id}/minutes.pdf",
            AnyOf(SESSION_READERS),
            documents::minutes_pdf,
        )
        .post("/sessions/{id}/release", AnyOf(OFFICERS), pages::release)
        .post("/sessions/{id}/open", AnyOf(SESSION_MEMBERS), pages::open)
        .post("/sessions/{id}/close", AnyOf(SESSION_MEMBERS), pages::close)
        .post(
            "/sessions/{id}/decisions",
            AnyOf(SESSION_MEMBERS),
            pages::propose,
        )
        .post(
            "/sessions/{id}/decisions/{decision_id}/approve",
            AnyOf(SESSION_MEMBERS),
            pages::approve,
        )
        .get(
            "/sessions/{id}/next-call",
            AnyOf(SESSION_MEMBERS),
            resolutions::next_call_form,
        )
        .post(
            "/sessions/{id}/next-call",
            AnyOf(SESSION_MEMBERS),
            resolutions::next_call,
        )
        .get(
            "/sessions/{id}/calendar",
            AnyOf(SESSION_MEMBERS),
            resolutions::calendar_form,
        )
        .post(
            "/sessions/{id}/calendar",
            AnyOf(SESSION_MEMBERS),
            resolutions::calendar,
        )
        .post(
            "/sessions/{id}/resolutions/{resolution_id}/approve",
            AnyOf(SESSION_MEMBERS),
            resolutions::approve,
        )
        .post(
            "/sessions/{id}/sign",
            AnyOf(COMMISSION_MEMBERS),
            documents::sign,
        )
        .get(
            "/projects/{id}/letter.pdf",
            AnyOf(APPLICANTS),
            documents::letter_pdf,
        )
}
