//! What every submission is, whatever its kind: its kind and its filing state. Pure.

use serde::{Deserialize, Serialize};

/// The kinds of submission: one side's half of a CMP joint project, a Grands Rendez-vous
/// candidacy. Receipts, assignments, conflicts and recommendations are keyed by a submission
/// and so serve both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmissionKind {
    CmpHalf,
    GrvCandidacy,
}

impl SubmissionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionKind::CmpHalf => "cmp_half",
            SubmissionKind::GrvCandidacy => "grv_candidacy",
        }
    }
    pub fn parse(s: &str) -> Option<SubmissionKind> {
        [SubmissionKind::CmpHalf, SubmissionKind::GrvCandidacy]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where a submission stands: drafted (autosaved, never seen by the administration), filed
/// (a receipt per version; filing again before the deadline makes a new version) or withdrawn
/// by its author.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilingState {
    Draft,
    Submitted,
    Withdrawn,
}

impl FilingState {
    pub fn as_str(self) -> &'static str {
        match self {
            FilingState::Draft => "draft",
            FilingState::Submitted => "submitted",
            FilingState::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<FilingState> {
        [
            FilingState::Draft,
            FilingState::Submitted,
            FilingState::Withdrawn,
        ]
        .into_iter()
        .find(|h| h.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("submissions-state-{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_parse_strictly() {
        for k in [SubmissionKind::CmpHalf, SubmissionKind::GrvCandidacy] {
            assert_eq!(SubmissionKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(SubmissionKind::parse("CMP_HALF"), None);
        assert_eq!(
            FilingState::parse("submitted"),
            Some(FilingState::Submitted)
        );
        assert_eq!(FilingState::parse("filed"), None);
    }
}
