//! Grids, assignments, scores; the balanced automatic proposal and the ranking. Pure.

use std::collections::HashMap;

use crate::i18n::Localized;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub id: i64,
    pub label: Localized,
    pub weight: i64,
}

/// How a side evaluates: weighted scores per criterion, or a jury's ranking (DOMAIN: "on the
/// WB side a jury ranks").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Score,
    Rank,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Score => "score",
            Method::Rank => "rank",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        [Method::Score, Method::Rank]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    pub id: i64,
    pub call_id: i64,
    pub side_id: i64,
    pub method: Method,
    pub scale_max: i64,
    /// Evaluations are due at this instant (ms); reminders are sent before it.
    pub due_at: Option<i64>,
    pub criteria: Vec<Criterion>,
}

/// The side's consolidated recommendation on one of its halves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Priority,
    Recommended,
    Reserved,
    NotRecommended,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Priority,
        Verdict::Recommended,
        Verdict::Reserved,
        Verdict::NotRecommended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Priority => "priority",
            Verdict::Recommended => "recommended",
            Verdict::Reserved => "reserved",
            Verdict::NotRecommended => "not_recommended",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("evaluations-verdict-{}", self.as_str().replace('_', "-"))
    }
}

/// A side's ranking: halves best first with their mean (weighted score in thousandths for
/// `Score`, mean place in hundredths for `Rank`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideRanking {
    pub method: Method,
    pub order: Vec<(i64, Option<i64>)>,
}

/// One criterion's score with its comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub criterion_id: i64,
    /// None while the evaluator has written a comment but no score yet.
    pub score: Option<i64>,
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
        sum += scores.iter().find(|s| s.criterion_id == c.id)?.score? * c.weight;
    }
    Some(sum * 1000 / (grid.scale_max * total_weight))
}

/// Halves ordered best first by the mean of their submitted evaluations (highest score, or
/// lowest place when ranking); halves without any come last, in id order. Places are given
/// as 1, 2, … and their mean is returned in hundredths.
pub fn ranking(values: &HashMap<i64, Vec<i64>>, halves: &[i64], method: Method) -> SideRanking {
    let mut order: Vec<(i64, Option<i64>)> = halves
        .iter()
        .map(|h| {
            let v = values.get(h).filter(|v| !v.is_empty());
            let scale = if method == Method::Rank { 100 } else { 1 };
            (
                *h,
                v.map(|v| v.iter().sum::<i64>() * scale / v.len() as i64),
            )
        })
        .collect();
    order.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) if method == Method::Rank => x.cmp(&y).then(a.0.cmp(&b.0)),
        (Some(x), Some(y)) => y.cmp(&x).then(a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    SideRanking { method, order }
}

/// Conflicts that follow from affiliations: an evaluator belonging to an organisation that
/// leads a half of a project may not evaluate that project.
/// `affiliations`: (evaluator, organisation); `project_orgs`: (project, organisation).
pub fn affiliation_conflicts(
    affiliations: &[(i64, i64)],
    project_orgs: &[(i64, i64)],
) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = affiliations
        .iter()
        .flat_map(|(e, o)| {
            project_orgs
                .iter()
                .filter(move |(_, po)| po == o)
                .map(move |(p, _)| (*e, *p))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reminder kinds: a few days before the due date, then once it has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    DueSoon,
    Overdue,
}

impl Reminder {
    pub fn as_str(self) -> &'static str {
        match self {
            Reminder::DueSoon => "due_soon",
            Reminder::Overdue => "overdue",
        }
    }
    pub fn parse(s: &str) -> Option<Reminder> {
        [Reminder::DueSoon, Reminder::Overdue]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// How long before the due date the first reminder goes out.
pub const REMINDER_LEAD_MS: i64 = 3 * 24 * 3600 * 1000;

/// The reminder an unsubmitted evaluation needs now, if any, given those already sent. Once
/// overdue, the "due soon" one is no longer worth sending.
pub fn reminder_due(due_at: i64, now: i64, sent: &[Reminder]) -> Option<Reminder> {
    if now >= due_at {
        (!sent.contains(&Reminder::Overdue)).then_some(Reminder::Overdue)
    } else if now >= due_at - REMINDER_LEAD_MS {
        (!sent.contains(&Reminder::DueSoon)).then_some(Reminder::DueSoon)
    } else {
        None
    }
}

/// A balanced proposal: each submission without enough evaluators gets the least-loaded
/// evaluators who have no conflict with it and are not already on it.
/// `submissions`: the ones to cover; `load`: evaluator → current assignments;
/// `conflicts`: (evaluator, submission); `existing`: (submission, evaluator).
pub fn propose(
    submissions: &[i64],
    load: &HashMap<i64, usize>,
    conflicts: &[(i64, i64)],
    existing: &[(i64, i64)],
    per_half: usize,
) -> Vec<(i64, i64)> {
    let mut load = load.clone();
    let mut out = Vec::new();
    for half in submissions {
        let have = existing.iter().filter(|(h, _)| h == half).count();
        for _ in have..per_half {
            let pick = load
                .iter()
                .filter(|(e, _)| !conflicts.contains(&(**e, *half)))
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
            method: Method::Score,
            scale_max: 10,
            due_at: None,
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
            score: Some(v),
            comment: String::new(),
        }
    }

    #[test]
    fn weighted_score_needs_every_criterion() {
        assert_eq!(weighted(&grid(), &[s(1, 10), s(2, 2)]), Some(800));
        assert_eq!(weighted(&grid(), &[s(1, 10)]), None);
        let comment_only = Score {
            score: None,
            ..s(2, 0)
        };
        assert_eq!(weighted(&grid(), &[s(1, 10), comment_only]), None);
    }

    #[test]
    fn ranking_puts_unscored_halves_last() {
        let mut m = HashMap::new();
        m.insert(1, vec![500, 700]);
        m.insert(2, vec![900]);
        assert_eq!(
            ranking(&m, &[1, 2, 3], Method::Score).order,
            vec![(2, Some(900)), (1, Some(600)), (3, None)]
        );
    }

    #[test]
    fn a_jury_ranking_puts_the_lowest_mean_place_first() {
        let mut m = HashMap::new();
        m.insert(1, vec![2, 3]);
        m.insert(2, vec![1, 1]);
        m.insert(3, vec![]);
        assert_eq!(
            ranking(&m, &[3, 1, 2], Method::Rank).order,
            vec![(2, Some(100)), (1, Some(250)), (3, None)]
        );
    }

    #[test]
    fn affiliation_to_a_lead_organisation_is_a_conflict() {
        // Evaluator 10 belongs to organisation 7, which leads a half of project 100 only.
        let c = affiliation_conflicts(&[(10, 7), (11, 8)], &[(100, 7), (100, 9), (200, 5)]);
        assert_eq!(c, vec![(10, 100)]);
    }

    #[test]
    fn reminders_go_three_days_before_then_once_overdue() {
        let due = 10 * REMINDER_LEAD_MS;
        assert_eq!(reminder_due(due, due - REMINDER_LEAD_MS - 1, &[]), None);
        assert_eq!(
            reminder_due(due, due - REMINDER_LEAD_MS, &[]),
            Some(Reminder::DueSoon)
        );
        assert_eq!(reminder_due(due, due - 1, &[Reminder::DueSoon]), None);
        assert_eq!(
            reminder_due(due, due, &[Reminder::DueSoon]),
            Some(Reminder::Overdue)
        );
        assert_eq!(reminder_due(due, due + 5, &[Reminder::Overdue]), None);
    }

    #[test]
    fn the_proposal_balances_load_and_respects_conflicts() {
        let load: HashMap<i64, usize> = [(10, 2), (11, 0), (12, 0)].into_iter().collect();
        // Evaluator 11 has a conflict with submission 1.
        let p = propose(&[1, 2, 3], &load, &[(11, 1)], &[], 1);
        assert_eq!(p, vec![(1, 12), (2, 11), (3, 11)]);
        // Nobody without a conflict: the submission stays unassigned rather than break the rule.
        let only: HashMap<i64, usize> = [(11, 0)].into_iter().collect();
        assert_eq!(propose(&[1], &only, &[(11, 1)], &[], 1), vec![]);
    }
}
