//! Who may do what at a joint commission session (DOMAIN.md rules 5, 11 and 19): the
//! programme's officers and commission members take part (open, close, propose and approve
//! decisions for their side); each side's officers release its decisions to its applicants
//! once the session is closed; each side's commission members sign the minutes. Pure: the
//! viewer, the permission and the facts.

use crate::{
    commissions::SessionState,
    viewer::{Role, Viewer},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Read the session, its agenda, minutes and calendar file.
    View,
    /// Open or close it, propose and approve decisions and resolutions for one's side (until
    /// it is closed).
    TakePart,
    /// Release the closed session's decisions to one's side's applicants.
    Release,
    /// Sign the closed session's minutes for one's side.
    Sign,
    /// Receive an online session's meeting link (rule 19: only its members), whatever the
    /// session's state.
    JoinMeeting,
}

/// What the policy needs to know of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The programme's sides.
    pub sides: Vec<i64>,
    pub state: SessionState,
    /// Sides that released the decisions.
    pub released_by: Vec<i64>,
    /// Sides whose commission member signed the minutes.
    pub signed_by: Vec<i64>,
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    let sides_as = |role| {
        f.sides
            .iter()
            .copied()
            .filter(move |s| user.has_role_on(role, *s))
    };
    let takes_part = sides_as(Role::Officer).next().is_some()
        || sides_as(Role::CommissionMember).next().is_some();
    let closed = f.state == SessionState::Closed;
    match perm {
        Perm::View => takes_part || user.is_admin(),
        // Decisions are final once the session is closed (rule 5): nothing left to take part in.
        Perm::TakePart => takes_part && !closed,
        Perm::Release => closed && sides_as(Role::Officer).any(|s| !f.released_by.contains(&s)),
        Perm::JoinMeeting => takes_part,
        Perm::Sign => closed && sides_as(Role::CommissionMember).any(|s| !f.signed_by.contains(&s)),
    }
}
