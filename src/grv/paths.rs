//! The typed paths of this domain's routes: the router registers them, handlers extract
//! them and redirects build them, so a URL cannot drift from its route.

use axum_extra::routing::TypedPath;
use serde::Deserialize;

use crate::ids::{GrvCandidacyId, GrvEditionId, GrvSessionId, RawId};

/// The list of the programme's Grands Rendez-vous editions, and the form to draft one.
pub const EDITIONS: &str = "/grv/editions";
pub const EDITIONS_NEW: &str = "/grv/editions/new";
/// The public list of the Grands Rendez-vous and their calls for candidates.
pub const CALLS: &str = "/grands-rendez-vous";

macro_rules! id_path {
    ($name:ident, $path:literal) => {
        id_path!($name, $path, GrvEditionId);
    };
    ($name:ident, $path:literal, $id:ident) => {
        #[derive(TypedPath, Deserialize, Clone, Copy, Debug)]
        #[typed_path($path)]
        pub struct $name {
            pub id: $id,
        }

        impl $name {
            /// The URL of this route for this id (templates build links with it).
            pub fn url(id: impl RawId) -> String {
                $name { id: $id(id.raw()) }.to_string()
            }
        }
    };
}

id_path!(EditionsById, "/grv/editions/{id}");
id_path!(EditionsEdit, "/grv/editions/{id}/edit");
id_path!(EditionsApprove, "/grv/editions/{id}/approve");
id_path!(EditionsAdvance, "/grv/editions/{id}/advance");

// The public call for candidates of an edition, and starting a candidacy to it.
id_path!(Call, "/grands-rendez-vous/{id}");
id_path!(CallApply, "/grands-rendez-vous/{id}/apply");
// A candidacy: its form (autosaved), its review and filing, its consent.
id_path!(Candidacies, "/candidacies/{id}", GrvCandidacyId);
id_path!(
    CandidaciesReview,
    "/candidacies/{id}/review",
    GrvCandidacyId
);
id_path!(CandidaciesFile, "/candidacies/{id}/file", GrvCandidacyId);
id_path!(
    CandidaciesConsent,
    "/candidacies/{id}/consent",
    GrvCandidacyId
);

// Screening: a side's own screening and its shortlist sent; the joint meeting's cohort, its
// proposal and its approval by each side.
id_path!(EditionsScreening, "/grv/editions/{id}/screening");
id_path!(EditionsScreeningSend, "/grv/editions/{id}/screening/send");
id_path!(EditionsCohort, "/grv/editions/{id}/cohort");
id_path!(EditionsCohortApprove, "/grv/editions/{id}/cohort/approve");
// A candidate withdraws (declines a place).
id_path!(
    CandidaciesWithdraw,
    "/candidacies/{id}/withdraw",
    GrvCandidacyId
);

// The programme (item 4): its sessions, each session's page (attendance), calendar file and
// cancellation; each participant's page, coach, notes and milestones, calendar feed.
id_path!(EditionsProgramme, "/grv/editions/{id}/programme");
id_path!(EditionsSessionsNew, "/grv/editions/{id}/sessions/new");
id_path!(GrvSessions, "/grv/sessions/{id}", GrvSessionId);
id_path!(GrvSessionsIcs, "/grv/sessions/{id}/ics", GrvSessionId);
id_path!(GrvSessionsCancel, "/grv/sessions/{id}/cancel", GrvSessionId);
id_path!(Participants, "/grv/participants/{id}", GrvCandidacyId);
id_path!(
    ParticipantsCoach,
    "/grv/participants/{id}/coach",
    GrvCandidacyId
);
id_path!(
    ParticipantsNotes,
    "/grv/participants/{id}/notes",
    GrvCandidacyId
);
id_path!(
    ParticipantsMilestones,
    "/grv/participants/{id}/milestones",
    GrvCandidacyId
);
id_path!(
    ParticipantsFeed,
    "/grv/participants/{id}/feed",
    GrvCandidacyId
);

/// A participant's calendar feed: the secret token is the whole of its access (a calendar
/// application signs in to nothing), so an unknown or revoked one answers 404.
#[derive(TypedPath, Deserialize, Clone, Debug)]
#[typed_path("/grv/calendar/{token}")]
pub struct Feed {
    pub token: String,
}

// The public announcement (item 5): the cohort's page, its photos; a candidate's photo.
id_path!(CallCohort, "/grands-rendez-vous/{id}/cohort");
id_path!(CandidaciesPhoto, "/candidacies/{id}/photo", GrvCandidacyId);
id_path!(
    CandidaciesPhotoRemove,
    "/candidacies/{id}/photo/remove",
    GrvCandidacyId
);

/// A participant's photo on the public page: its random key is its address, answered only
/// while its participant is announced.
#[derive(TypedPath, Deserialize, Clone, Debug)]
#[typed_path("/grands-rendez-vous/photos/{key}")]
pub struct Photo {
    pub key: String,
}
