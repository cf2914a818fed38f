//! Who may do what in a funded project's follow-up (DOMAIN.md rules 6–10): its leads report
//! (objectives, activity and progress reports, the final report); each side's officers record
//! their side's spending, give their side's opinion, release year 2 once the joint opinion is
//! favourable, approve the final report and close; the programme's officers and commission
//! members follow every project. Pure: the viewer, the permission and the facts.

use super::model::FundedState;
use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Open the funded project's page.
    View,
    /// File reports and objectives' statuses (the project's leads).
    Report,
    /// Record one's side's spending, opinion, extensions.
    ActForSide,
    /// Release one's side's year-2 funding (rule 8).
    ReleaseYear2,
    /// Approve the filed final report for one's side (rule 10).
    ApproveFinalReport,
    /// Close the project (rule 10: once completed).
    Close,
    /// Propose or approve, for one's side, ending a running project early — only after an
    /// unfavourable joint mid-term opinion (issue 11); it ends once every side approved.
    Terminate,
    /// See a commission's follow-up, dashboard and CSV.
    SeeCommission,
    /// Open the mid-term campaign, export IATI, apply a new calendar.
    ManageCommission,
}

/// What the policy needs to know of a funded project (or, for the commission permissions, of
/// its programme).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The programme's sides.
    pub sides: Vec<i64>,
    /// The side whose half the viewer leads.
    pub lead_of: Option<i64>,
    pub state: Option<FundedState>,
    /// The joint mid-term opinion, once shared at the mid-term session.
    pub joint_favourable: Option<bool>,
    /// Sides that released year 2.
    pub year2_released: Vec<i64>,
    /// Sides that approved the final report, if one is filed.
    pub final_report_approved_by: Option<Vec<i64>>,
    /// Sides that approved the proposal to end it early as it stands.
    pub termination_approved_by: Vec<i64>,
}

fn officer_sides<'a>(user: &'a Viewer, f: &'a Facts) -> impl Iterator<Item = i64> + 'a {
    f.sides
        .iter()
        .copied()
        .filter(|s| user.has_role_on(Role::Officer, *s))
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    let officer = officer_sides(user, f).next().is_some();
    let member = f
        .sides
        .iter()
        .any(|s| user.has_role_on(Role::CommissionMember, *s));
    let closed = f.state == Some(FundedState::Closed);
    // Once every side approved the final report (completed) there is nothing left to report;
    // once closed, nothing left to do for a side either (rule 10).
    let finished = matches!(f.state, Some(FundedState::Completed | FundedState::Closed));
    match perm {
        Perm::View => f.lead_of.is_some() || officer || member || user.is_admin(),
        Perm::Report => f.lead_of.is_some() && !finished,
        Perm::ActForSide => officer && !closed,
        Perm::ManageCommission => officer,
        Perm::ReleaseYear2 => {
            !closed
                && f.joint_favourable == Some(true)
                && officer_sides(user, f).any(|s| !f.year2_released.contains(&s))
        }
        Perm::ApproveFinalReport => {
            !closed
                && f.final_report_approved_by
                    .as_ref()
                    .is_some_and(|a| officer_sides(user, f).any(|s| !a.contains(&s)))
        }
        Perm::Close => officer && f.state == Some(FundedState::Completed),
        Perm::Terminate => {
            f.state.is_some_and(FundedState::is_running)
                && f.joint_favourable == Some(false)
                && officer_sides(user, f).any(|s| !f.termination_approved_by.contains(&s))
        }
        Perm::SeeCommission => officer || member || user.is_admin(),
    }
}
