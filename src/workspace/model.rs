//! What an applicant's project needs next: pure, from the states of its halves, the side's
//! deadline and what was decided.

use crate::{decisions::model::Outcome, projects::model::HalfState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// The half is a draft and its side's deadline is ahead: complete and file it.
    File,
    /// The half is still a draft and its deadline has passed.
    Missed,
    /// The half is filed; the other side's partner has not joined.
    InvitePartner,
    /// The half is filed; the other side's is still a draft.
    PartnerFiling,
    /// The other side withdrew its half.
    PartnerWithdrew,
    /// Both halves are filed: evaluation by each side, then the joint session.
    AwaitDecision,
    /// The joint session decided and the side released it.
    Decided(Outcome),
    /// Selected and funded: the follow-up (missions, reports).
    FollowUp,
    Withdrawn,
}

impl NextStep {
    /// Fluent key of what the applicant reads.
    pub fn key(self) -> &'static str {
        match self {
            NextStep::File => "workspace-step-file",
            NextStep::Missed => "workspace-step-missed",
            NextStep::InvitePartner => "workspace-step-invite",
            NextStep::PartnerFiling => "workspace-step-partner-filing",
            NextStep::PartnerWithdrew => "workspace-step-partner-withdrew",
            NextStep::AwaitDecision => "workspace-step-await-decision",
            NextStep::Decided(Outcome::Selected) => "workspace-step-selected",
            NextStep::Decided(Outcome::NotSelected) => "workspace-step-not-selected",
            NextStep::Decided(Outcome::Deferred) => "workspace-step-deferred",
            NextStep::FollowUp => "workspace-step-follow-up",
            NextStep::Withdrawn => "workspace-step-withdrawn",
        }
    }
    /// Whether the step runs against the half's deadline (shown beside it).
    pub fn has_deadline(self) -> bool {
        matches!(
            self,
            NextStep::File | NextStep::InvitePartner | NextStep::PartnerFiling
        )
    }
}

/// The next step of a half in `mine` state, the other side's half in `other` (None: not
/// joined), the side's deadline (with its extension) against `now`, the outcome released to
/// the side and whether the project is funded.
pub fn next_step(
    mine: HalfState,
    other: Option<HalfState>,
    deadline: i64,
    now: i64,
    outcome: Option<Outcome>,
    funded: bool,
) -> NextStep {
    match (mine, outcome) {
        (HalfState::Withdrawn, _) => NextStep::Withdrawn,
        (_, Some(Outcome::Selected)) if funded => NextStep::FollowUp,
        (_, Some(o)) => NextStep::Decided(o),
        (HalfState::Draft, None) if now <= deadline => NextStep::File,
        (HalfState::Draft, None) => NextStep::Missed,
        (HalfState::Submitted, None) => match other {
            None => NextStep::InvitePartner,
            Some(HalfState::Draft) => NextStep::PartnerFiling,
            Some(HalfState::Withdrawn) => NextStep::PartnerWithdrew,
            Some(HalfState::Submitted) => NextStep::AwaitDecision,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HalfState::*;

    const DEADLINE: i64 = 1_000;

    #[test]
    fn a_draft_half_is_to_file_until_its_deadline_then_missed() {
        assert_eq!(
            next_step(Draft, None, DEADLINE, DEADLINE, None, false),
            NextStep::File
        );
        assert_eq!(
            next_step(Draft, Some(Submitted), DEADLINE, DEADLINE + 1, None, false),
            NextStep::Missed
        );
    }

    #[test]
    fn a_filed_half_waits_for_the_other_side() {
        assert_eq!(
            next_step(Submitted, None, DEADLINE, 0, None, false),
            NextStep::InvitePartner
        );
        assert_eq!(
            next_step(Submitted, Some(Draft), DEADLINE, 0, None, false),
            NextStep::PartnerFiling
        );
        assert_eq!(
            next_step(Submitted, Some(Withdrawn), DEADLINE, 0, None, false),
            NextStep::PartnerWithdrew
        );
        assert_eq!(
            next_step(Submitted, Some(Submitted), DEADLINE, 0, None, false),
            NextStep::AwaitDecision
        );
    }

    #[test]
    fn a_released_outcome_comes_before_the_halves_states() {
        let selected = Some(Outcome::Selected);
        assert_eq!(
            next_step(Submitted, Some(Submitted), DEADLINE, 0, selected, true),
            NextStep::FollowUp
        );
        assert_eq!(
            next_step(Submitted, Some(Submitted), DEADLINE, 0, selected, false),
            NextStep::Decided(Outcome::Selected)
        );
        assert_eq!(
            next_step(
                Submitted,
                Some(Submitted),
                DEADLINE,
                0,
                Some(Outcome::NotSelected),
                false
            ),
            NextStep::Decided(Outcome::NotSelected)
        );
        assert_eq!(
            next_step(Withdrawn, Some(Submitted), DEADLINE, 0, selected, true),
            NextStep::Withdrawn
        );
    }
}
