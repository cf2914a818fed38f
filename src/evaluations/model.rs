//! Grids, assignments, scores; the balanced automatic proposal and the ranking. Pure.

use std::collections::HashMap;

use crate::i18n::Localized;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub id: i64,
    pub label: Localized,
    pub weight: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    pub id: i64,
    pub call_id: i64,
    pub side_id: i64,
    pub scale_max: i64,
    pub criteria: Vec<Criterion>,
}

/// One criterion's score with its comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub criterion_id: i64,
    pub score: i64,
    pub comment: String,
}

/// Weighted score of one evaluation, in thousandths of the maximum (0..=1000), when every
/// criterion is scored.
pub fn weighted(grid: &Grid, scores: &[Score]) -> Option<i64> {
    let total_weight: i64 = grid.criteria.iter().map(|c| c.weight).sum();
    if total_weight == 0 || grid.scale_max == 0 {
        return None;
    }
    let mut sum = 0;
    for c in &grid.criteria {
        sum += scores.iter().find(|s| s.criterion_id == c.id)?.score * c.weight;
    }
    Some(sum * 1000 / (grid.scale_max * total_weight))
}

/// Halves ordered best first by the mean of their submitted evaluations; halves without any
/// come last, in id order. Returns (half, mean) with rank = position + 1.
pub fn ranking(means: &HashMap<i64, Vec<i64>>, halves: &[i64]) -> Vec<(i64, Option<i64>)> {
    let mut out: Vec<(i64, Option<i64>)> = halves
        .iter()
        .map(|h| {
            let v = means.get(h).filter(|v| !v.is_empty());
            (*h, v.map(|v| v.iter().sum::<i64>() / v.len() as i64))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A balanced proposal: each half without enough evaluators gets the least-loaded evaluators
/// who have no conflict with its project and are not already on it.
/// `halves`: (half, project); `load`: evaluator → current assignments;
/// `conflicts`: (evaluator, project); `existing`: (half, evaluator).
pub fn propose(
    halves: &[(i64, i64)],
    load: &HashMap<i64, usize>,
    conflicts: &[(i64, i64)],
    existing: &[(i64, i64)],
    per_half: usize,
) -> Vec<(i64, i64)> {
    let mut load = load.clone();
    let mut out = Vec::new();
    for (half, project) in halves {
        let have = existing.iter().filter(|(h, _)| h == half).count();
        for _ in have..per_half {
            let pick = load
                .iter()
                .filter(|(e, _)| !conflicts.contains(&(**e, *project)))
                .filter(|(e, _)| !existing.contains(&(*half, **e)) && !out.contains(&(*half, **e)))
                .min_by_key(|(e, n)| (**n, **e))
                .map(|(e, _)| *e);
            match pick {
                Some(e) => {
                    *load.get_mut(&e).expect("picked from the map") += 1;
                    out.push((*half, e));
                }
                None => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid {
            id: 1,
            call_id: 1,
            side_id: 1,
            scale_max: 10,
            criteria: vec![
                Criterion {
                    id: 1,
                    label: Localized::default(),
                    weight: 3,
                },
                Criterion {
                    id: 2,
                    label: Localized::default(),
                    weight: 1,
                },
            ],
        }
    }

    fn s(c: i64, v: i64) -> Score {
        Score {
            criterion_id: c,
            score: v,
            comment: String::new(),
        }
    }

    #[test]
    fn weighted_score_needs_every_criterion() {
        assert_eq!(weighted(&grid(), &[s(1, 10), s(2, 2)]), Some(800));
        assert_eq!(weighted(&grid(), &[s(1, 10)]), None);
    }

    #[test]
    fn ranking_puts_unscored_halves_last() {
        let mut m = HashMap::new();
        m.insert(1, vec![500, 700]);
        m.insert(2, vec![900]);
        assert_eq!(
            ranking(&m, &[1, 2, 3]),
            vec![(2, Some(900)), (1, Some(600)), (3, None)]
        );
    }

    #[test]
    fn the_proposal_balances_load_and_respects_conflicts() {
        let load: HashMap<i64, usize> = [(10, 2), (11, 0), (12, 0)].into_iter().collect();
        // Evaluator 11 has a conflict with project 100.
        let p = propose(&[(1, 100), (2, 200), (3, 300)], &load, &[(11, 100)], &[], 1);
        assert_eq!(p, vec![(1, 12), (2, 11), (3, 11)]);
        // Nobody without a conflict: the half stays unassigned rather than break the rule.
        let only: HashMap<i64, usize> = [(11, 0)].into_iter().collect();
        assert_eq!(propose(&[(1, 100)], &only, &[(11, 100)], &[], 1), vec![]);
    }
}
