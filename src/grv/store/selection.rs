//! SQL of screening and selection: the sides' shortlists sent, the cohort proposed and its
//! approvals. (The verdicts themselves are the shared recommendations, kept by `evaluations`.)

use super::super::selection::{Outcome, Placement};
use crate::{
    db::{Fingerprint, SideAct, Tx, record_side_act, unknown},
    ids::{SideId, UserId},
    on_tx, on_tx_exec,
};

/// A side's shortlist sent to the joint meeting: once, and it stands as sent.
const SHORTLISTS: SideAct = SideAct::approvals("grv_shortlists", "edition_id");
/// A side's approval of the cohort as its page showed it.
const COHORT: SideAct = SideAct::approvals("grv_cohort_approvals", "edition_id");

/// Each side that sent its shortlist: (side, when, by whom).
pub async fn shortlists(tx: &mut Tx, edition: i64) -> sqlx::Result<Vec<(i64, i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select s.side_id, s.approved_at, u.name from grv_shortlists s
         join users u on u.id = s.approved_by where s.edition_id = $1 order by s.side_id"
    )
    .bind(edition)
    .fetch_all(c)
    .await)
}

pub async fn send_shortlist(
    tx: &mut Tx,
    edition: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    record_side_act(
        tx,
        &SHORTLISTS,
        edition,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await
}

#[derive(sqlx::FromRow)]
struct PlacementRow {
    candidacy_id: i64,
    side_id: i64,
    outcome: String,
    waiting_rank: Option<i64>,
}

/// The cohort as proposed (or as it stands), with each candidacy's side.
pub async fn placements(tx: &mut Tx, edition: i64) -> sqlx::Result<Vec<Placement>> {
    let rows: Vec<PlacementRow> = on_tx!(tx, |c| sqlx::query_as(
        "select p.candidacy_id, c.side_id, p.outcome, p.waiting_rank from grv_cohort p
         join grv_candidacies c on c.id = p.candidacy_id
         where p.edition_id = $1 order by p.candidacy_id"
    )
    .bind(edition)
    .fetch_all(c)
    .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(Placement {
                candidacy: r.candidacy_id,
                side: r.side_id,
                outcome: Outcome::parse(&r.outcome)
                    .ok_or_else(|| unknown("cohort outcome", &r.outcome))?,
                rank: r.waiting_rank,
            })
        })
        .collect()
}

/// Replaces the proposed cohort of the edition by `rows`.
pub async fn replace_placements(
    tx: &mut Tx,
    edition: i64,
    rows: &[Placement],
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from grv_cohort where edition_id = $1"
    )
    .bind(edition)
    .execute(c)
    .await)?;
    for r in rows {
        set_outcome(tx, edition, r, now).await?;
    }
    Ok(())
}

/// Writes one candidacy's outcome (and rank, when waiting).
pub async fn set_outcome(tx: &mut Tx, edition: i64, r: &Placement, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into grv_cohort (candidacy_id, edition_id, outcome, waiting_rank, updated_at)
         values ($1, $2, $3, $4, $5)
         on conflict (candidacy_id) do update set outcome = excluded.outcome,
             waiting_rank = excluded.waiting_rank, updated_at = excluded.updated_at"
    )
    .bind(r.candidacy)
    .bind(edition)
    .bind(r.outcome.as_str())
    .bind(r.rank)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

/// Removes a candidacy from a proposed cohort (it was withdrawn before the cohort stood).
pub async fn remove_placement(tx: &mut Tx, candidacy: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from grv_cohort where candidacy_id = $1"
    )
    .bind(candidacy)
    .execute(c)
    .await)
}

pub async fn approve_cohort(
    tx: &mut Tx,
    edition: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    record_side_act(tx, &COHORT, edition, SideId(side), UserId(by), now, content).await
}

/// Each side's latest approval of the cohort: (side, the content it approved).
pub async fn cohort_approvals(tx: &mut Tx, edition: i64) -> sqlx::Result<Vec<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select side_id, content_hash from grv_cohort_approvals where edition_id = $1
         order by side_id"
    )
    .bind(edition)
    .fetch_all(c)
    .await)
}
