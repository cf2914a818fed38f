//! SQL of jury places, evaluators' affiliations, reminders sent and recommendations.

use crate::{db::Tx, on_tx, on_tx_exec};

/// The places given in these assignments: (assignment, place), in one statement.
pub async fn ranks_of(tx: &mut Tx, assignments: &[i64]) -> sqlx::Result<Vec<(i64, Option<i64>)>> {
    crate::db::fetch_all_in(
        tx,
        "select assignment_id, rank from evaluation_ranks where assignment_id in ({ids})",
        assignments,
    )
    .await
}

/// An evaluation's place and comment in a ranking grid.
pub async fn find_rank(
    tx: &mut Tx,
    assignment: i64,
) -> sqlx::Result<Option<(Option<i64>, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select rank, comment from evaluation_ranks where assignment_id = $1"
    )
    .bind(assignment)
    .fetch_optional(c)
    .await)
}

pub async fn save_rank(
    tx: &mut Tx,
    assignment: i64,
    rank: Option<i64>,
    comment: &str,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into evaluation_ranks (assignment_id, rank, comment) values ($1, $2, $3)
         on conflict (assignment_id) do update set rank = excluded.rank, comment = excluded.comment"
    )
    .bind(assignment)
    .bind(rank)
    .bind(comment)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Places an evaluator has already submitted for halves of one call: (assignment, place).
pub async fn submitted_ranks(
    tx: &mut Tx,
    evaluator: i64,
    call: i64,
) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select a.id, r.rank from evaluation_ranks r join assignments a on a.id = r.assignment_id
         join project_halves h on h.id = a.submission_id join projects p on p.id = h.project_id
         where a.evaluator_id = $1 and p.call_id = $2 and a.state = 'submitted' and r.rank is not null"
    )
    .bind(evaluator)
    .bind(call)
    .fetch_all(c)
    .await
    })
}

/// Every (evaluator, organisation) affiliation.
pub async fn all_affiliations(tx: &mut Tx) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select user_id, organisation_id from evaluator_affiliations"
    )
    .fetch_all(c)
    .await)
}

/// Affiliations of a side's evaluators: (evaluator, organisation, evaluator name, organisation name).
pub async fn side_affiliations(
    tx: &mut Tx,
    side: i64,
) -> sqlx::Result<Vec<(i64, i64, String, String)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select a.user_id, a.organisation_id, u.name, o.name from evaluator_affiliations a
         join users u on u.id = a.user_id join organisations o on o.id = a.organisation_id
         where exists (select 1 from role_grants g where g.user_id = a.user_id and g.role = 'evaluator' and g.side_id = $1)
         order by u.name, o.name"
    )
    .bind(side)
    .fetch_all(c)
    .await
    })
}

pub async fn insert_affiliation(tx: &mut Tx, user: i64, org: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into evaluator_affiliations (user_id, organisation_id, created_at) values ($1, $2, $3)
         on conflict (user_id, organisation_id) do nothing"
    )
    .bind(user)
    .bind(org)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Unsubmitted assignments whose grid has a due date:
/// (assignment, due_at, evaluator, project, side).
pub async fn open_assignments_with_due_date(
    tx: &mut Tx,
) -> sqlx::Result<Vec<(i64, i64, i64, i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select a.id, g.due_at, a.evaluator_id, p.id, h.side_id from assignments a
         join project_halves h on h.id = a.submission_id join projects p on p.id = h.project_id
         join grids g on g.call_id = p.call_id and g.side_id = h.side_id
         where a.state = 'assigned' and g.due_at is not null order by a.id"
    )
    .fetch_all(c)
    .await)
}

pub async fn sent_reminders(tx: &mut Tx, assignment: i64) -> sqlx::Result<Vec<String>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select kind from evaluation_reminders where assignment_id = $1"
    )
    .bind(assignment)
    .fetch_all(c)
    .await)
}

/// Records a reminder; 0 when another instance already did (then it must not be sent twice).
pub async fn insert_reminder(
    tx: &mut Tx,
    assignment: i64,
    kind: &str,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into evaluation_reminders (assignment_id, kind, sent_at) values ($1, $2, $3)
         on conflict (assignment_id, kind) do nothing"
    )
    .bind(assignment)
    .bind(kind)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn save_recommendation(
    tx: &mut Tx,
    half: i64,
    verdict: &str,
    note: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into recommendations (submission_id, verdict, note, written_by, updated_at) values ($1, $2, $3, $4, $5)
         on conflict (submission_id) do update set verdict = excluded.verdict, note = excluded.note,
             written_by = excluded.written_by, updated_at = excluded.updated_at"
    )
    .bind(half)
    .bind(verdict)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Recommendations on these submissions (of any kind): (submission, verdict, note), in one
/// statement.
pub async fn recommendations_of(
    tx: &mut Tx,
    submissions: &[i64],
) -> sqlx::Result<Vec<(i64, String, String)>> {
    crate::db::fetch_all_in(
        tx,
        "select submission_id, verdict, note from recommendations where submission_id in ({ids})
         order by submission_id",
        submissions,
    )
    .await
}

/// Recommendations on a side's halves: (half, verdict, note).
pub async fn side_recommendations(
    tx: &mut Tx,
    side: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select r.submission_id, r.verdict, r.note from recommendations r
         join project_halves h on h.id = r.submission_id where h.side_id = $1"
    )
    .bind(side)
    .fetch_all(c)
    .await)
}
