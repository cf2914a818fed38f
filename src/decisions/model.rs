//! Decisions and their approval rule. Pure.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Selected,
    NotSelected,
    Deferred,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::NotSelected => "not_selected",
            Outcome::Deferred => "deferred",
        }
    }
    pub fn parse(s: &str) -> Option<Outcome> {
        [Outcome::Selected, Outcome::NotSelected, Outcome::Deferred]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("decisions-outcome-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub id: i64,
    pub project_id: i64,
    pub outcome: Outcome,
    /// (side, amount in that side's currency, minor units)
    pub amounts: Vec<(i64, i64)>,
    pub approved_by_sides: Vec<i64>,
    pub decided_at: Option<i64>,
}

/// Rule 5: a proposal is a decision only once every side has approved it.
pub fn is_decided(approved: &[i64], sides: &[i64]) -> bool {
    !sides.is_empty() && sides.iter().all(|s| approved.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sides_approval_is_not_a_decision() {
        assert!(!is_decided(&[1], &[1, 2]));
        assert!(is_decided(&[2, 1], &[1, 2]));
        assert!(!is_decided(&[], &[]));
    }
}
