//! Who may set up Grands Rendez-vous editions (issue 14): as CMP editions, the programme's
//! officers draft one, each side's officers approve the same content (it stands once every side
//! approved); then each step of its lifecycle is asked for by every side's officers, and taken
//! once all have (a joint programme moves jointly).
//! Administrators read them. Pure: the viewer, the permission and the facts.

use super::model::EditionState;
use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// See the programme's editions, their places and state.
    View,
    /// Draft a new edition of the programme.
    Draft,
    /// Change a draft edition (its approvals are cleared).
    Edit,
    /// Approve a draft edition for one's side (a side not yet approved).
    Approve,
    /// Ask, for one's side, that a standing edition move to its next state.
    Advance,
}

/// What the policy needs to know of an edition (or of the programme, for `Draft`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The programme's sides.
    pub sides: Vec<i64>,
    pub state: EditionState,
    /// Sides that approved the edition's current content (a draft), or asked for its next
    /// step (a standing edition).
    pub approved_by: Vec<i64>,
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    let officer_of = |s: &i64| user.has_role_on(Role::Officer, *s);
    let officer = f.sides.iter().any(officer_of);
    let draft = f.state == EditionState::Draft;
    let side_yet_to_act = f
        .sides
        .iter()
        .any(|s| officer_of(s) && !f.approved_by.contains(s));
    match perm {
        Perm::View => officer || user.is_admin(),
        Perm::Draft => officer,
        Perm::Edit => officer && draft,
        Perm::Approve => draft && side_yet_to_act,
        // Screening ends when every side approves the cohort (`screening::Perm::Approve`),
        // not by asking for the next step.
        Perm::Advance => {
            f.state.next().is_some() && f.state != EditionState::Screening && side_yet_to_act
        }
    }
}

/// Who screens and who selects (issue 14, item 3): each side's officers screen their own side's
/// filed candidacies, alone, until they send the side's shortlist to the joint meeting (then it
/// stands as sent); the sides read each other's screening only once every side has sent its
/// own; then the programme's officers propose the cohort and each side approves it as shown.
/// Administrators read the joint meeting once it is open.
pub mod screening {
    use crate::{
        grv::model::EditionState,
        viewer::{Role, Viewer},
    };

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Perm {
        /// Read one's side's screening.
        ReadSide,
        /// Change one's side's verdicts, and send them as the side's shortlist.
        Screen,
        /// Read every side's screening and the proposed cohort.
        ReadJoint,
        /// Change the proposed cohort.
        Propose,
        /// Approve the proposed cohort for one's side.
        Approve,
    }

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Facts {
        /// The programme's sides.
        pub sides: Vec<i64>,
        pub state: EditionState,
        /// The side whose screening the permission is about (`ReadSide`, `Screen`).
        pub side: Option<i64>,
        /// Sides that sent their shortlist.
        pub sent_by: Vec<i64>,
        /// Sides that approved the cohort as it is now.
        pub approved_by: Vec<i64>,
    }

    pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
        let officer_of = |s: &i64| user.has_role_on(Role::Officer, *s);
        let officer = f.sides.iter().any(officer_of);
        let own_side = f
            .side
            .filter(|s| f.sides.contains(s))
            .is_some_and(|s| officer_of(&s));
        let screening = f.state == EditionState::Screening;
        let met = !f.sides.is_empty() && f.sides.iter().all(|s| f.sent_by.contains(s));
        match perm {
            Perm::ReadSide => own_side && f.state >= EditionState::Screening,
            Perm::Screen => {
                own_side && screening && f.side.is_some_and(|s| !f.sent_by.contains(&s))
            }
            Perm::ReadJoint => {
                (officer || user.is_admin()) && met && f.state >= EditionState::Screening
            }
            Perm::Propose => officer && met && screening,
            Perm::Approve => {
                met && screening
                    && f.sides
                        .iter()
                        .any(|s| officer_of(s) && !f.approved_by.contains(s))
            }
        }
    }
}

/// Who may apply to an edition's call and do what with a candidacy (issue 14, item 2): a
/// person applies once, on their own side, while the call is open and their side's deadline
/// has not passed; the candidacy is theirs alone to change, file, and decide about a public
/// announcement, or to withdraw; their side's officers read it once it is filed, as filed, and
/// the other side's once the sides have met (every side sent its shortlist, item 3); nobody
/// else does.
pub mod candidacies {
    use crate::{
        grv::model::EditionState,
        submissions::FilingState,
        viewer::{Role, Viewer},
    };

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Perm {
        /// Start a candidacy to the edition.
        Apply,
        /// Change one's candidacy, file it (again), see its review.
        Edit,
        /// Read a candidacy and its receipts.
        Read,
        /// Give or withdraw consent to a public announcement.
        Consent,
        /// Withdraw the candidacy (a selected candidate declines their place).
        Withdraw,
    }

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Facts {
        /// The programme's sides.
        pub sides: Vec<i64>,
        pub state: EditionState,
        /// The candidacy's side, or for `Apply` the side the person would apply on (their
        /// account's).
        pub side: Option<i64>,
        /// The candidacy's author and state (`None` for `Apply`).
        pub author: Option<i64>,
        pub filing: Option<FilingState>,
        /// Whether the side's deadline (or the candidacy's extension) is still ahead.
        pub before_deadline: bool,
        /// Whether every side has sent its shortlist: the sides have met (item 3).
        pub sides_met: bool,
    }

    pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
        let own = f.author == Some(user.id);
        let side = f.side.filter(|s| f.sides.contains(s));
        let open = f.state == EditionState::CallOpen && f.before_deadline;
        match perm {
            // Officers of the programme run the call; they do not apply to it.
            Perm::Apply => {
                f.author.is_none()
                    && open
                    && side.is_some()
                    && user.side_id == side
                    && !f.sides.iter().any(|s| user.has_role_on(Role::Officer, *s))
            }
            Perm::Edit => own && open && f.filing.is_some_and(|s| s != FilingState::Withdrawn),
            // Officers read what was filed, never a draft nobody sent them.
            // Once the sides have met, the other side's officers read it too.
            Perm::Read => {
                // (A candidacy withdrawn after filing stays readable as filed: the cohort
                // shows who gave up a place; one never filed has nothing to read.)
                own || (matches!(
                    f.filing,
                    Some(FilingState::Submitted | FilingState::Withdrawn)
                ) && side.is_some_and(|s| {
                    user.has_role_on(Role::Officer, s)
                        || (f.sides_met
                            && f.sides.iter().any(|o| user.has_role_on(Role::Officer, *o)))
                }))
            }
            // Consent is apart from filing: the author decides at any time, even before filing.
            Perm::Consent => own,
            // Until the edition is completed: a selected candidate declines, a waiting one
            // leaves the list, a draft is dropped.
            Perm::Withdraw => {
                own && f.filing.is_some_and(|s| s != FilingState::Withdrawn)
                    && f.state < EditionState::Completed
            }
        }
    }
}

/// Who takes part in the programme and what each reads (issue 14, item 4): the programme's
/// officers organise it (sessions, coaches) from the moment the cohort stands until the demo
/// day, and follow every participant; the cohort's participants read its sessions and their
/// own page; each coach reads the sessions and follows the participants assigned to them (notes,
/// milestones, attendance). The online meeting's link is for those three only; administrators
/// read the programme's sessions, not the meeting or anyone's follow-up.
pub mod programme {
    use crate::{
        grv::model::EditionState,
        viewer::{Role, Viewer},
    };

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Perm {
        /// Read the programme's sessions (times, kinds; not the meeting link).
        Read,
        /// Add or cancel sessions, assign coaches.
        Organise,
        /// Read the meeting link and the sessions' calendar files.
        JoinMeeting,
        /// Read a participant's page: their sessions, attendance, coach's notes and milestones.
        ReadParticipant,
        /// Write a participant's notes and milestones and record their attendance.
        Follow,
        /// Have, renew or revoke one's calendar feed.
        Subscribe,
    }

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Facts {
        /// The programme's sides.
        pub sides: Vec<i64>,
        pub state: EditionState,
        /// The cohort's participants' accounts (selected, not declined).
        pub cohort: Vec<i64>,
        /// The coaches assigned to the cohort's participants.
        pub coaches: Vec<i64>,
        /// The participant the permission is about (their account) and their coach, if any.
        pub participant: Option<i64>,
        pub coach: Option<i64>,
    }

    pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
        let officer = f.sides.iter().any(|s| user.has_role_on(Role::Officer, *s));
        let stands = f.state >= EditionState::CohortSelected;
        let running = stands && f.state < EditionState::Completed;
        let in_cohort = f.cohort.contains(&user.id);
        let coaching = user.has_role(Role::Coach) && f.coaches.contains(&user.id);
        // The participant must still be part of the cohort (one who gave up their place is not).
        let participant = f.participant.filter(|p| f.cohort.contains(p));
        let their_coach = participant.is_some()
            && user.has_role(Role::Coach)
            && f.coach.is_some_and(|c| c == user.id);
        match perm {
            Perm::Read => stands && (officer || user.is_admin() || in_cohort || coaching),
            Perm::Organise => officer && running,
            Perm::JoinMeeting => stands && (officer || in_cohort || coaching),
            Perm::ReadParticipant => {
                stands
                    && participant.is_some()
                    && (officer || participant == Some(user.id) || their_coach)
            }
            Perm::Follow => running && participant.is_some() && (officer || their_coach),
            Perm::Subscribe => running && participant.is_some_and(|p| p == user.id),
        }
    }

    /// Whether a participant's calendar feed answers (its address is its only credential: no
    /// viewer): while the cohort stands and the participant is part of it.
    pub fn feed_answers(f: &Facts) -> bool {
        f.state >= EditionState::CohortSelected
            && f.participant.is_some_and(|p| f.cohort.contains(&p))
    }
}
