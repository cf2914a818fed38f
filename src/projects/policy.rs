//! Who may do what with a joint project (DOMAIN.md rules 1, 4 and the filing rules): the lead
//! of a half works on the shared project and on their own half; officers of a side see the
//! shared project and only their own side's half, and decide for their side; nobody else
//! learns that a project exists. Pure: the viewer, the permission and the facts.

use super::model::{HalfState, Project, may_file};
use crate::{
    calls::Call,
    viewer::{Role, Viewer},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Open the project's page (anyone else is told it does not exist).
    View,
    /// Read the filing data of the half of `Facts::half_side` (rule 4: not the other side's
    /// officers).
    SeeHalf,
    /// Read the filed version of the half of `Facts::half_side` (the application as filed):
    /// its leads, administrators, and that side's officers and commission members, who
    /// decide on it (rule 4: never the other side's).
    ReadFiled,
    /// Change the shared project, one's own half, its missions and attachments: only while
    /// one's half is a draft and its side's filing window is open (a filed half is frozen).
    Edit,
    /// File one's own half.
    File,
    /// Reopen one's filed half as a new draft, before its side's deadline and any decision
    /// (the filed version stands until the next one is filed).
    Reopen,
    /// Withdraw one's own half: once, until a decision.
    Withdraw,
    /// Invite the other side's partner.
    Invite,
    /// Decide the admissibility of the half of `Facts::half_side`, or extend its deadline.
    Decide,
    /// Read the decision letter addressed to one's own half (by its side's administration).
    ReadLetter,
}

/// What the policy needs to know of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The call's sides.
    pub call_sides: Vec<i64>,
    /// The side of the half the viewer leads, if any.
    pub lead_of: Option<i64>,
    /// The state of the viewer's own half.
    pub own_state: Option<HalfState>,
    /// The half a permission is about (`SeeHalf`, `Decide`).
    pub half_side: Option<i64>,
    /// Whether the project already has a half on every side.
    pub paired: bool,
    /// Whether the viewer's side still accepts filings (deadline or extension, to the ms).
    pub filing_open: bool,
    /// Whether the project has a decision (proposed or taken) at a commission session.
    pub decided: bool,
}

impl Facts {
    /// The facts of `p` for `user` at `now`, about the half on `half_side` if given.
    pub fn of(p: &Project, call: &Call, user: &Viewer, half_side: Option<i64>, now: i64) -> Facts {
        let own = p.half_led_by(user.id);
        Facts {
            call_sides: call.sides.iter().map(|s| s.side_id).collect(),
            lead_of: own.map(|h| h.side_id),
            own_state: own.map(|h| h.state),
            half_side,
            paired: p.is_paired(call),
            filing_open: own.is_some_and(|h| may_file(call, h, now)),
            decided: false,
        }
    }
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    let lead = f.lead_of.is_some();
    let officer_of =
        |side: i64| f.call_sides.contains(&side) && user.has_role_on(Role::Officer, side);
    let own_open = lead && f.own_state.is_some_and(|s| s != HalfState::Withdrawn);
    let own_draft = lead && f.own_state == Some(HalfState::Draft);
    let own_filed = lead && f.own_state == Some(HalfState::Submitted);
    match perm {
        Perm::View => lead || user.is_admin() || f.call_sides.iter().any(|s| officer_of(*s)),
        Perm::SeeHalf => lead || user.is_admin() || f.half_side.is_some_and(officer_of),
        Perm::ReadFiled => {
            lead || user.is_admin()
                || f.half_side.is_some_and(|side| {
                    officer_of(side)
                        || f.call_sides.contains(&side)
                            && user.has_role_on(Role::CommissionMember, side)
                })
        }
        // Rule 16: filing freezes; after the deadline nothing changes but by an extension.
        Perm::Edit | Perm::File => own_draft && f.filing_open && !f.decided,
        Perm::Reopen => own_filed && f.filing_open && !f.decided,
        Perm::Withdraw => own_open && !f.decided,
        Perm::Invite => lead && !f.paired,
        Perm::Decide => f.half_side.is_some_and(officer_of),
        Perm::ReadLetter => lead,
    }
}
