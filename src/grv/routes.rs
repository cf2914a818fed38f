//! The routes of the Grands Rendez-vous: the officers' editions, the public call for
//! candidates and the candidates' candidacies.

use axum::{extract::DefaultBodyLimit, handler::Handler};
use axum_extra::routing::TypedPath;

use super::{
    announcement_pages, apply_pages, call_pages, cohort_pages, pages, participant_pages, paths,
    programme_pages, screening_pages, session_pages,
};
use crate::http::{
    Access::{AnyOf, Public, SignedIn},
    Registry,
};
use crate::viewer::Role::{Administrator, Officer};

pub fn routes(r: Registry) -> Registry {
    let readers = AnyOf(&[Officer, Administrator]);
    let officers = AnyOf(&[Officer]);
    r.get(paths::EDITIONS, readers, pages::list)
        .get(paths::EDITIONS_NEW, officers, pages::new_form)
        .post(paths::EDITIONS_NEW, officers, pages::create)
        .get(paths::EditionsById::PATH, readers, pages::show)
        .get(paths::EditionsEdit::PATH, officers, pages::edit_form)
        .post(paths::EditionsEdit::PATH, officers, pages::update)
        .post(paths::EditionsApprove::PATH, officers, pages::approve)
        .post(paths::EditionsAdvance::PATH, officers, pages::advance)
        // Screening is each side's officers'; the joint meeting's page is read by
        // administrators too, once it is open (the actions check).
        .get(
            paths::EditionsScreening::PATH,
            officers,
            screening_pages::screening,
        )
        .post(
            paths::EditionsScreening::PATH,
            officers,
            screening_pages::save_screening,
        )
        .post(
            paths::EditionsScreeningSend::PATH,
            officers,
            screening_pages::send,
        )
        .get(paths::EditionsCohort::PATH, readers, cohort_pages::cohort)
        .post(
            paths::EditionsCohort::PATH,
            officers,
            cohort_pages::save_cohort,
        )
        .post(
            paths::EditionsCohortApprove::PATH,
            officers,
            cohort_pages::approve,
        )
        // The call for candidates: public; candidacies are their author's (and their side's
        // officers', read only), which the actions check.
        .get(paths::CALLS, Public, call_pages::calls)
        .get(paths::Call::PATH, Public, call_pages::call)
        .post(paths::CallApply::PATH, SignedIn, call_pages::apply)
        .get(paths::Candidacies::PATH, SignedIn, apply_pages::form)
        .post(paths::Candidacies::PATH, SignedIn, apply_pages::save)
        .get(
            paths::CandidaciesReview::PATH,
            SignedIn,
            apply_pages::review,
        )
        .post(paths::CandidaciesFile::PATH, SignedIn, apply_pages::file)
        .post(
            paths::CandidaciesConsent::PATH,
            SignedIn,
            apply_pages::consent,
        )
        .post(
            paths::CandidaciesWithdraw::PATH,
            SignedIn,
            cohort_pages::withdraw,
        )
        // The programme (item 4): read by the cohort, their coaches, the officers (and the
        // sessions by administrators), which the actions check; organised by the officers.
        .get(
            paths::EditionsProgramme::PATH,
            SignedIn,
            programme_pages::programme,
        )
        .get(
            paths::EditionsSessionsNew::PATH,
            officers,
            session_pages::session_new,
        )
        .post(
            paths::EditionsSessionsNew::PATH,
            officers,
            session_pages::session_create,
        )
        .get(paths::GrvSessions::PATH, SignedIn, session_pages::session)
        .post(
            paths::GrvSessions::PATH,
            SignedIn,
            session_pages::record_attendance,
        )
        .get(
            paths::GrvSessionsIcs::PATH,
            SignedIn,
            session_pages::session_ics,
        )
        .post(
            paths::GrvSessionsCancel::PATH,
            officers,
            session_pages::cancel,
        )
        .post(
            paths::ParticipantsCoach::PATH,
            officers,
            programme_pages::assign_coach,
        )
        .get(
            paths::Participants::PATH,
            SignedIn,
            participant_pages::participant,
        )
        .post(
            paths::ParticipantsNotes::PATH,
            SignedIn,
            participant_pages::add_note,
        )
        .post(
            paths::ParticipantsMilestones::PATH,
            SignedIn,
            participant_pages::reach_milestone,
        )
        .post(
            paths::ParticipantsFeed::PATH,
            SignedIn,
            participant_pages::feed,
        )
        // A calendar application fetches the feed without signing in: its secret address is
        // the credential.
        .get(paths::Feed::PATH, Public, programme_pages::feed)
        // The public announcement (item 5): the cohort's page and its photos are public (a
        // photo answers only while its participant is announced); a photo is its author's.
        .get(paths::CallCohort::PATH, Public, announcement_pages::cohort)
        .get(paths::Photo::PATH, Public, announcement_pages::photo)
        .get(
            paths::CandidaciesPhoto::PATH,
            SignedIn,
            announcement_pages::own_photo,
        )
        .post(
            paths::CandidaciesPhoto::PATH,
            SignedIn,
            // The context layer enforces the upload limit (413 with its message).
            announcement_pages::give_photo.layer(DefaultBodyLimit::disable()),
        )
        .post(
            paths::CandidaciesPhotoRemove::PATH,
            SignedIn,
            announcement_pages::remove_photo,
        )
}
