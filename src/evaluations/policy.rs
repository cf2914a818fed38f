//! Who may do what in a side's separate evaluation (DOMAIN.md rule 4: each side evaluates on
//! its own, and neither sees the other's work before the joint session opens it). Pure: the
//! viewer, the permission and the facts.

use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Read the side's evaluations and ranking, as the side's officer.
    ManageSide,
    /// Change the side's evaluation: its grid, assignments, affiliations and recommendations
    /// (its officers, until the joint session opens and shows it: rules 4 and 17).
    ChangeSide,
    /// Declare a conflict of interest on a project of the side.
    DeclareConflicts,
    /// Score or rank an assignment.
    Evaluate,
    /// Read the filed application of one's own assignment, and the files it names (before,
    /// during and after scoring: the evaluation is of what was filed).
    ReadApplication,
    /// Read the side's ranking and recommendations.
    SeeResults,
}

/// What the policy needs to know of a side's evaluation of a call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The call's sides.
    pub call_sides: Vec<i64>,
    /// The side whose evaluation the permission is about.
    pub side: i64,
    /// For `Evaluate`: the assignment is the viewer's own, not yet submitted, and the viewer
    /// declared no conflict with the project.
    pub assigned_to_viewer: bool,
    pub submitted: bool,
    pub conflict: bool,
    /// Whether the joint session deciding on the call has opened (rule 4).
    pub session_open: bool,
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    if !f.call_sides.contains(&f.side) {
        return false;
    }
    let on_side = |role| user.has_role_on(role, f.side);
    let in_programme = |role| f.call_sides.iter().any(|s| user.has_role_on(role, *s));
    match perm {
        Perm::ManageSide => on_side(Role::Officer),
        Perm::ChangeSide => on_side(Role::Officer) && !f.session_open,
        Perm::DeclareConflicts => on_side(Role::Evaluator),
        // Once the joint session has opened the side's work is shown to the other side and
        // stays as it was shown (rules 4 and 17).
        Perm::Evaluate => {
            on_side(Role::Evaluator)
                && f.assigned_to_viewer
                && !f.submitted
                && !f.conflict
                && !f.session_open
        }
        // A conflict declared after the assignment ends the reading too.
        Perm::ReadApplication => on_side(Role::Evaluator) && f.assigned_to_viewer && !f.conflict,
        Perm::SeeResults => {
            on_side(Role::Officer)
                || (f.session_open
                    && (in_programme(Role::Officer)
                        || in_programme(Role::CommissionMember)
                        || user.is_admin()))
        }
    }
}
