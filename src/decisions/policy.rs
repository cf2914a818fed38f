//! Who may do what at a joint commission session (DOMAIN.md rules 5, 11 and 19): the
//! programme's officers and commission members take part (open, close, propose and approve
//! decisions for their side); each side's officers release its decisions to its applicants
//! once the session is closed; each side's co-chair signs the minutes; only the session's
//! participants receive its link and calendar file. Pure: the
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
    /// Sign the closed session's minutes as the co-chair of one's side (only the edition's
    /// co-chairs, once per side).
    Sign,
    /// Receive an online session's meeting link and its calendar file (rule 19: only the
    /// session's participants), whatever the session's state.
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
    /// Sides whose co-chair signed the minutes.
    pub signed_by: Vec<i64>,
    /// The accounts invited to the session: only they receive an online session's link and
    /// its calendar file.
    pub participants: Vec<i64>,
    /// The edition's co-chairs: (side, account).
    pub co_chairs: Vec<(i64, i64)>,
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
        Perm::JoinMeeting => f.participants.contains(&user.id),
        Perm::Sign => {
            closed
                && f.co_chairs
                    .iter()
                    .any(|(s, u)| *u == user.id && f.sides.contains(s) && !f.signed_by.contains(s))
        }
    }
}
