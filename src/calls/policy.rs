//! Who may do what with a call for projects (DOMAIN.md: a call is prepared and approved by the
//! officers of every side before publication; applicants of a side apply while their side's
//! deadline runs; evaluators of a side declare conflicts once it is published). Pure: the
//! viewer, the permission and the facts of the call.

use super::model::{Call, Phase};
use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Read the call's page (drafts are the programme's officers' business).
    View,
    /// Draft a new call for the programme.
    Create,
    /// Change a draft.
    Edit,
    /// Approve a draft for one's own side (publication needs every side).
    Approve,
    /// Archive a published call.
    Archive,
    /// Start a project on it.
    Apply,
    /// Declare conflicts of interest on its projects.
    DeclareConflicts,
    /// See the side's applications and evaluation.
    SeeApplications,
}

/// What the policy needs to know of a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The programme's sides (every call has one set of terms per side).
    pub sides: Vec<i64>,
    pub phase: Phase,
    /// Sides that approved the draft.
    pub approved_by: Vec<i64>,
}

impl Facts {
    /// The facts of `call` at `now`.
    pub fn of(call: &Call, now: i64) -> Facts {
        Facts {
            sides: call.sides.iter().map(|s| s.side_id).collect(),
            phase: call.phase(now),
            approved_by: call.approved_by_sides.clone(),
        }
    }
}

fn on_a_side(user: &Viewer, role: Role, f: &Facts) -> bool {
    f.sides.iter().any(|s| user.has_role_on(role, *s))
}

pub fn can(user: Option<&Viewer>, perm: Perm, f: &Facts) -> bool {
    let Some(u) = user else {
        return perm == Perm::View && f.phase != Phase::Draft;
    };
    let officer = on_a_side(u, Role::Officer, f);
    match perm {
        Perm::View => f.phase != Phase::Draft || officer || u.is_admin(),
        Perm::Create => officer,
        Perm::Edit => officer && f.phase == Phase::Draft,
        Perm::Approve => {
            f.phase == Phase::Draft
                && f.sides
                    .iter()
                    .any(|s| u.has_role_on(Role::Officer, *s) && !f.approved_by.contains(s))
        }
        // Not while open: archiving would cut a running deadline short (rule 2).
        Perm::Archive => officer && matches!(f.phase, Phase::Published | Phase::Closed),
        Perm::Apply => f.phase == Phase::Open && on_a_side(u, Role::Applicant, f),
        Perm::DeclareConflicts => f.phase != Phase::Draft && on_a_side(u, Role::Evaluator, f),
        Perm::SeeApplications => officer && f.phase != Phase::Draft,
    }
}
