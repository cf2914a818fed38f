//! The joint selection of a Grands Rendez-vous cohort (issue 14, item 3), pure: what the sides
//! may propose for each screened candidacy, the quota of places per side, and the waiting list
//! that moves up when a selected candidate withdraws.

use std::collections::{HashMap, HashSet};

use crate::error::FieldErrors;

/// Where a candidacy stands in the cohort the sides propose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Selected,
    /// On its side's waiting list, at a rank.
    Waiting,
    NotSelected,
    /// Selected or waiting, then withdrew once the cohort stood (never proposed).
    Declined,
}

impl Outcome {
    /// What the sides may propose (a withdrawal declines, the form never does).
    pub const PROPOSABLE: [Outcome; 3] =
        [Outcome::Selected, Outcome::Waiting, Outcome::NotSelected];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::Waiting => "waiting",
            Outcome::NotSelected => "not_selected",
            Outcome::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        [
            Outcome::Selected,
            Outcome::Waiting,
            Outcome::NotSelected,
            Outcome::Declined,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("grv-outcome-{}", self.as_str().replace('_', "-"))
    }
}

/// The highest rank a waiting list takes (the column's CHECK says the same).
pub const MAX_RANK: i64 = 10_000;

/// One candidacy's place in the cohort: its side, outcome and (waiting only) rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub candidacy: i64,
    pub side: i64,
    pub outcome: Outcome,
    pub rank: Option<i64>,
}

/// What is wrong with a proposed cohort, at its fields: `rank-{candidacy}` for a waiting
/// candidacy without a rank, or with one its side's list already has, `quota-{side}` for a side
/// with more selected than its places. `places` gives each side's quota.
pub fn proposal_errors(rows: &[Placement], places: &HashMap<i64, i64>) -> FieldErrors {
    let mut e = FieldErrors::default();
    let mut ranks: HashSet<(i64, i64)> = HashSet::new();
    let mut selected: HashMap<i64, i64> = HashMap::new();
    for r in rows {
        match r.outcome {
            Outcome::Waiting => match r.rank {
                Some(k) if (1..=MAX_RANK).contains(&k) => {
                    if !ranks.insert((r.side, k)) {
                        e.add(&format!("rank-{}", r.candidacy), "grv-error-rank-taken");
                    }
                }
                Some(_) => e.add(&format!("rank-{}", r.candidacy), "grv-error-rank-range"),
                None => e.add(&format!("rank-{}", r.candidacy), "grv-error-rank-missing"),
            },
            Outcome::Selected => *selected.entry(r.side).or_default() += 1,
            Outcome::NotSelected | Outcome::Declined => {}
        }
    }
    let mut sides: Vec<_> = selected.into_iter().collect();
    sides.sort();
    for (side, n) in sides {
        if n > places.get(&side).copied().unwrap_or(0) {
            e.add(&format!("quota-{side}"), "grv-error-over-quota");
        }
    }
    e
}

/// The candidacies of `pool` the proposal leaves without an outcome (the cohort stands only
/// once each has one).
pub fn undecided(pool: &[i64], rows: &[Placement]) -> Vec<i64> {
    pool.iter()
        .copied()
        .filter(|c| !rows.iter().any(|r| r.candidacy == *c))
        .collect()
}

/// Who moves up when a place of `side` frees: the first of its waiting list (lowest rank).
pub fn next_up(rows: &[Placement], side: i64) -> Option<i64> {
    rows.iter()
        .filter(|r| r.side == side && r.outcome == Outcome::Waiting)
        .min_by_key(|r| (r.rank, r.candidacy))
        .map(|r| r.candidacy)
}

/// A waiting candidacy's place in its side's list, counted from 1 (ranks may have gaps once
/// people moved up or withdrew).
pub fn position(rows: &[Placement], candidacy: i64) -> Option<i64> {
    let me = rows
        .iter()
        .find(|r| r.candidacy == candidacy && r.outcome == Outcome::Waiting)?;
    let ahead = rows
        .iter()
        .filter(|r| r.side == me.side && r.outcome == Outcome::Waiting && r.rank < me.rank)
        .count();
    Some(ahead as i64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(candidacy: i64, side: i64, outcome: Outcome, rank: Option<i64>) -> Placement {
        Placement {
            candidacy,
            side,
            outcome,
            rank,
        }
    }

    #[test]
    fn a_side_selects_no_more_than_its_places() {
        let places = HashMap::from([(1, 2), (2, 1)]);
        let ok = [
            p(10, 1, Outcome::Selected, None),
            p(11, 1, Outcome::Selected, None),
            p(20, 2, Outcome::Selected, None),
            p(21, 2, Outcome::NotSelected, None),
        ];
        assert!(proposal_errors(&ok, &places).is_empty());
        let over = [
            p(20, 2, Outcome::Selected, None),
            p(21, 2, Outcome::Selected, None),
        ];
        let e = proposal_errors(&over, &places);
        assert_eq!(e.get("quota-2"), Some("grv-error-over-quota"));
        assert_eq!(e.get("quota-1"), None, "side 1 selected none");
        // A side without places selects nobody.
        let e = proposal_errors(&[p(30, 3, Outcome::Selected, None)], &places);
        assert!(e.get("quota-3").is_some());
    }

    #[test]
    fn a_waiting_list_has_one_candidacy_per_rank_on_each_side() {
        let places = HashMap::from([(1, 1), (2, 1)]);
        let rows = [
            p(10, 1, Outcome::Waiting, Some(1)),
            p(11, 1, Outcome::Waiting, Some(1)),
            // The same rank on the other side's list is that list's.
            p(20, 2, Outcome::Waiting, Some(1)),
            p(21, 2, Outcome::Waiting, None),
            p(22, 2, Outcome::Waiting, Some(0)),
            p(23, 2, Outcome::Waiting, Some(MAX_RANK + 1)),
        ];
        let e = proposal_errors(&rows, &places);
        assert_eq!(e.get("rank-11"), Some("grv-error-rank-taken"));
        assert_eq!(e.get("rank-10"), None);
        assert_eq!(e.get("rank-20"), None);
        assert_eq!(e.get("rank-21"), Some("grv-error-rank-missing"));
        assert_eq!(e.get("rank-22"), Some("grv-error-rank-range"));
        assert_eq!(e.get("rank-23"), Some("grv-error-rank-range"));
    }

    #[test]
    fn the_first_of_the_sides_waiting_list_moves_up_and_positions_close_gaps() {
        let rows = [
            p(10, 1, Outcome::Selected, None),
            p(11, 1, Outcome::Waiting, Some(5)),
            p(12, 1, Outcome::Waiting, Some(2)),
            p(13, 1, Outcome::Declined, None),
            p(20, 2, Outcome::Waiting, Some(1)),
        ];
        assert_eq!(next_up(&rows, 1), Some(12), "rank 2 before rank 5");
        assert_eq!(next_up(&rows, 2), Some(20), "each side its own list");
        assert_eq!(next_up(&rows, 3), None);
        assert_eq!(position(&rows, 12), Some(1));
        assert_eq!(position(&rows, 11), Some(2), "rank 5 is second");
        assert_eq!(position(&rows, 10), None, "selected is on no list");
        assert_eq!(undecided(&[10, 11, 14], &rows), vec![14]);
    }

    #[test]
    fn outcomes_parse_strictly() {
        for o in [
            Outcome::Selected,
            Outcome::Waiting,
            Outcome::NotSelected,
            Outcome::Declined,
        ] {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("Selected"), None);
        assert_eq!(Outcome::parse(" selected"), None);
    }
}
