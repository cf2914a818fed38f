//! The joint meeting of a Grands Rendez-vous (issue 14, item 3): once every side has sent its
//! shortlist ([`super::screening`]), both sides read each other's screening and propose the
//! cohort (a quota of places per side, a waiting list per side); each side approves it as
//! shown, and the cohort stands: every candidate is written to in their language. A selected
//! candidate who withdraws before the programme starts frees a place, and the first of their
//! side's waiting list moves up. Each function is one transaction; each write takes the
//! edition's lock first.

use std::collections::HashMap;

use super::{
    candidacy::Candidacy,
    model::{Edition, EditionState},
    paths,
    policy::screening::{Perm, can},
    screening::{Entry, Pool, pool, side_fingerprint},
    selection::{Outcome, Placement, next_up, position, proposal_errors, undecided},
    store::{self, candidacies as cstore, selection as sstore},
};
use crate::{
    audit,
    db::{Db, Fingerprint, Tx},
    email,
    error::{AppError, AppResult, FieldErrors},
    programmes::Side,
    viewer::{Role, Viewer},
};

/// One side's part of the joint meeting: its quota of places and its screened candidacies.
pub struct SideCohort {
    pub side: Side,
    pub places: i64,
    pub entries: Vec<Entry>,
}

/// The joint meeting: both sides' screening and the cohort as proposed. Before every side has
/// sent its shortlist it holds no candidacy (only who is awaited).
pub struct CohortView {
    pub edition: Edition,
    pub sides: Vec<SideCohort>,
    pub placements: Vec<Placement>,
    /// Sides that approved the cohort as it is now.
    pub approved_by: Vec<i64>,
    /// Sides yet to send their shortlist.
    pub waiting_for: Vec<Side>,
    pub met: bool,
    /// The cohort stands (every side approved it).
    pub stands: bool,
    pub can_propose: bool,
    pub can_approve: bool,
    /// Whether the viewer reads the candidacies themselves (officers do; administrators read
    /// the meeting, not the people's files).
    pub can_read_candidacies: bool,
    /// Candidacies still without an outcome.
    pub undecided: Vec<i64>,
    /// What is wrong with the proposal as it is (over a quota, a rank twice).
    pub problems: FieldErrors,
    pub seen: String,
}

impl CohortView {
    pub fn placement(&self, candidacy: i64) -> Option<&Placement> {
        self.placements.iter().find(|p| p.candidacy == candidacy)
    }
    pub fn selected_on(&self, side: i64) -> usize {
        self.placements
            .iter()
            .filter(|p| p.side == side && p.outcome == Outcome::Selected)
            .count()
    }
}

/// What the joint meeting's page showed: the candidacies (as filed), their verdicts, the
/// places and the proposal.
fn cohort_fingerprint(p: &Pool, placements: &[Placement]) -> Fingerprint {
    let mut places: Vec<_> = p.places().into_iter().collect();
    places.sort();
    let rows: Vec<_> = placements
        .iter()
        .map(|r| serde_json::json!([r.candidacy, r.outcome.as_str(), r.rank]))
        .collect();
    Fingerprint::of(&serde_json::json!({
        "screening": side_fingerprint(&p.entries).0,
        "places": places,
        "cohort": rows,
    }))
}

/// The placements of candidacies still in the pool (a proposal row of a candidacy withdrawn
/// since is not part of it).
fn live(p: &Pool, placements: Vec<Placement>) -> Vec<Placement> {
    if p.edition.state >= EditionState::CohortSelected {
        return placements;
    }
    placements
        .into_iter()
        .filter(|r| p.entries.iter().any(|e| e.candidacy == r.candidacy))
        .collect()
}

pub async fn cohort_page(db: &Db, user: &Viewer, id: i64) -> AppResult<CohortView> {
    let mut tx = db.read().await?;
    let p = pool(&mut tx, user, id).await?;
    let officer = p
        .sides
        .iter()
        .any(|s| user.has_role_on(Role::Officer, s.id));
    if !(officer || user.is_admin()) || p.edition.state < EditionState::Screening {
        return Err(AppError::Forbidden);
    }
    let waiting_for: Vec<Side> = p
        .sides
        .iter()
        .filter(|s| !p.sent_by().contains(&s.id))
        .cloned()
        .collect();
    let acts = sstore::cohort_approvals(&mut tx, id).await?;
    let placements = live(&p, sstore::placements(&mut tx, id).await?);
    let content = cohort_fingerprint(&p, &placements);
    let approved_by: Vec<i64> = acts
        .iter()
        .filter(|(_, h)| *h == content.0)
        .map(|(s, _)| *s)
        .collect();
    let f = p.facts(None, approved_by.clone());
    let met = can(user, Perm::ReadJoint, &f);
    let places = p.places();
    let pool_ids: Vec<i64> = p.entries.iter().map(|e| e.candidacy).collect();
    Ok(CohortView {
        // Nothing of a side's screening before every side has sent its own.
        sides: p
            .sides
            .iter()
            .map(|s| SideCohort {
                side: s.clone(),
                places: places.get(&s.id).copied().unwrap_or(0),
                // Once it stands, those who withdrew before it did are not part of it.
                entries: if met {
                    p.of_side(s.id)
                        .into_iter()
                        .filter(|e| {
                            !e.withdrawn || placements.iter().any(|r| r.candidacy == e.candidacy)
                        })
                        .collect()
                } else {
                    vec![]
                },
            })
            .collect(),
        undecided: if met {
            undecided(&pool_ids, &placements)
        } else {
            vec![]
        },
        problems: proposal_errors(&placements, &places),
        placements: if met { placements } else { vec![] },
        approved_by,
        waiting_for,
        met,
        stands: p.edition.state >= EditionState::CohortSelected,
        can_propose: can(user, Perm::Propose, &f),
        can_approve: can(user, Perm::Approve, &f),
        can_read_candidacies: officer,
        seen: content.0,
        edition: p.edition,
    })
}

/// One row of the proposal as typed: the outcome (`None`: not decided yet) and the rank.
#[derive(Clone, Debug)]
pub struct ProposalRow {
    pub candidacy: i64,
    pub outcome: Option<Outcome>,
    pub rank: Option<i64>,
}

/// Saves the proposed cohort (all or nothing); refused when the meeting's page changed since it
/// showed it. Errors name their field (`rank-{id}`, `quota-{side}`). Any change clears the
/// sides' approvals (they approved other content).
pub async fn save_cohort(
    db: &Db,
    user: &Viewer,
    id: i64,
    seen: &str,
    rows: &[ProposalRow],
) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let p = pool(&mut tx, user, id).await?;
    if !can(user, Perm::Propose, &p.facts(None, vec![])) {
        return Err(refusal(user, &p));
    }
    let placements = live(&p, sstore::placements(&mut tx, id).await?);
    cohort_fingerprint(&p, &placements).check_seen(seen)?;
    let mut proposed = Vec::new();
    for r in rows {
        let entry = p
            .entries
            .iter()
            .find(|e| e.candidacy == r.candidacy)
            .ok_or(AppError::NotFound)?;
        let Some(outcome) = r.outcome else { continue };
        if !Outcome::PROPOSABLE.contains(&outcome) {
            return Err(AppError::Invalid(FieldErrors::single(
                &format!("outcome-{}", r.candidacy),
                "common-error-choice",
            )));
        }
        proposed.push(Placement {
            candidacy: r.candidacy,
            side: entry.side_id,
            outcome,
            rank: r.rank.filter(|_| outcome == Outcome::Waiting),
        });
    }
    proposal_errors(&proposed, &p.places()).into_result()?;
    let now = tx.now_ms();
    sstore::replace_placements(&mut tx, id, &proposed, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.propose_cohort",
        "grv_edition",
        id,
        &format!("{} placed", proposed.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Why a joint act is refused: not the viewer's to do (403), or not now (409, with why).
fn refusal(user: &Viewer, p: &Pool) -> AppError {
    let officer = p
        .sides
        .iter()
        .any(|s| user.has_role_on(Role::Officer, s.id));
    if !officer {
        AppError::Forbidden
    } else if !p.met() {
        AppError::Conflict("grv-error-sides-not-met".into())
    } else if p.edition.state != EditionState::Screening {
        AppError::Conflict("grv-error-cohort-stands".into())
    } else {
        AppError::Conflict("grv-error-cohort-approved".into())
    }
}

/// Approves, for the officer's side, the cohort as its page showed it (`seen`). Once every side
/// approved the same cohort it stands: the edition moves to "cohort selected" and every
/// candidate is written to at `base` in their language. Returns whether it stands.
pub async fn approve_cohort(
    db: &Db,
    base: Option<&str>,
    user: &Viewer,
    id: i64,
    seen: &str,
) -> AppResult<bool> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let p = pool(&mut tx, user, id).await?;
    let placements = live(&p, sstore::placements(&mut tx, id).await?);
    let content = cohort_fingerprint(&p, &placements);
    let approved: Vec<i64> = sstore::cohort_approvals(&mut tx, id)
        .await?
        .into_iter()
        .filter(|(_, h)| *h == content.0)
        .map(|(s, _)| s)
        .collect();
    if !can(user, Perm::Approve, &p.facts(None, approved)) {
        return Err(refusal(user, &p));
    }
    content.check_seen(seen)?;
    let pool_ids: Vec<i64> = p.entries.iter().map(|e| e.candidacy).collect();
    if !undecided(&pool_ids, &placements).is_empty() {
        return Err(AppError::Conflict("grv-error-cohort-incomplete".into()));
    }
    if !proposal_errors(&placements, &p.places()).is_empty() {
        return Err(AppError::Conflict("grv-error-cohort-invalid".into()));
    }
    let now = tx.now_ms();
    for s in p
        .sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.id))
    {
        sstore::approve_cohort(&mut tx, id, s.id, user.id, now, &content).await?;
        audit::record(
            &mut tx,
            &user.actor(),
            "grv.approve_cohort",
            "grv_edition",
            id,
            &format!("side {}", s.id),
        )
        .await?;
    }
    let approved: Vec<i64> = sstore::cohort_approvals(&mut tx, id)
        .await?
        .into_iter()
        .filter(|(_, h)| *h == content.0)
        .map(|(s, _)| s)
        .collect();
    let all = p.sides.iter().all(|s| approved.contains(&s.id));
    if all
        && store::set_state(
            &mut tx,
            id,
            EditionState::Screening,
            EditionState::CohortSelected,
            now,
        )
        .await?
            == 1
    {
        audit::record(
            &mut tx,
            &user.actor(),
            "grv.cohort_stands",
            "grv_edition",
            id,
            "approved by every side",
        )
        .await?;
        if let Some(base) = base {
            let people: HashMap<i64, Candidacy> = cstore::of_editions(&mut tx, &[id])
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect();
            for r in &placements {
                if let Some(c) = people.get(&r.candidacy) {
                    let news = match r.outcome {
                        Outcome::Selected => News::Selected,
                        Outcome::Waiting => {
                            News::Waiting(position(&placements, r.candidacy).unwrap_or(1))
                        }
                        _ => News::NotSelected,
                    };
                    email::enqueue(&mut tx, &letter(base, &p.edition, c, news)).await?;
                }
            }
        }
    }
    tx.commit().await?;
    Ok(all)
}

/// What a candidate is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    Selected,
    /// On the waiting list, at this position.
    Waiting(i64),
    NotSelected,
    /// A place freed and they moved up from the waiting list.
    MovedUp,
}

/// The letter telling a candidate their outcome, in their language, linking to their
/// candidacy.
pub fn letter(base: &str, e: &Edition, c: &Candidacy, news: News) -> email::Message {
    let l = c.locale;
    let (key, position) = match news {
        News::Selected => ("selected", 0),
        News::Waiting(n) => ("waiting", n),
        News::NotSelected => ("not-selected", 0),
        News::MovedUp => ("moved-up", 0),
    };
    let args = [("edition", e.name(l).into()), ("position", position.into())];
    email::Letter::new(
        &c.email,
        l,
        l.t_args(&format!("grv-letter-{key}-subject"), &args),
        &l.t_args(&format!("grv-letter-{key}-body"), &args),
        &format!("{base}{}", paths::CandidaciesReview::url(c.id)),
    )
    .greet(&c.name)
    .action(l.t("grv-letter-action"))
    .message()
}

/// Where a candidacy stands in its edition's cohort once the cohort stands: its outcome and,
/// on a waiting list, its position.
pub async fn outcome_in(
    tx: &mut Tx,
    e: &Edition,
    candidacy: i64,
) -> AppResult<Option<(Outcome, Option<i64>)>> {
    if e.state < EditionState::CohortSelected {
        return Ok(None);
    }
    let rows = sstore::placements(tx, e.id).await?;
    Ok(rows
        .iter()
        .find(|r| r.candidacy == candidacy)
        .map(|r| (r.outcome, position(&rows, candidacy))))
}

/// What a withdrawal does to the cohort, in the withdrawing transaction: before the cohort
/// stands the candidacy leaves the proposal; after, a selected candidate declines and, until
/// the programme starts, the first of their side's waiting list moves up (told at `base`); a
/// waiting one leaves the list.
/// Returns who moved up.
pub async fn on_withdrawal_in(
    tx: &mut Tx,
    base: Option<&str>,
    user: &Viewer,
    e: &Edition,
    candidacy: i64,
    now: i64,
) -> AppResult<Option<i64>> {
    if e.state < EditionState::CohortSelected {
        sstore::remove_placement(tx, candidacy).await?;
        return Ok(None);
    }
    let rows = sstore::placements(tx, e.id).await?;
    let Some(mine) = rows.iter().find(|r| r.candidacy == candidacy).copied() else {
        return Ok(None);
    };
    if !matches!(mine.outcome, Outcome::Selected | Outcome::Waiting) {
        return Ok(None);
    }
    let declined = Placement {
        outcome: Outcome::Declined,
        rank: None,
        ..mine
    };
    sstore::set_outcome(tx, e.id, &declined, now).await?;
    // Places are filled from the waiting list until the programme starts; a place freed during
    // it stays free (a newcomer could not catch up).
    if mine.outcome != Outcome::Selected || e.state != EditionState::CohortSelected {
        return Ok(None);
    }
    let rest: Vec<Placement> = rows
        .iter()
        .filter(|r| r.candidacy != candidacy)
        .copied()
        .collect();
    let Some(up) = next_up(&rest, mine.side) else {
        return Ok(None);
    };
    let moved = Placement {
        candidacy: up,
        side: mine.side,
        outcome: Outcome::Selected,
        rank: None,
    };
    sstore::set_outcome(tx, e.id, &moved, now).await?;
    audit::record(
        tx,
        &user.actor(),
        "grv.move_up",
        "grv_candidacy",
        up,
        &format!("in place of {candidacy}"),
    )
    .await?;
    if let Some(base) = base
        && let Some(c) = cstore::get(tx, up).await?
    {
        email::enqueue(tx, &letter(base, e, &c, News::MovedUp)).await?;
    }
    Ok(Some(up))
}
