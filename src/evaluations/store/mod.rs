//! SQL of grids, conflicts, assignments and scores; `side.rs`: places, affiliations,
//! reminders and recommendations.

mod side;
mod tasks;
pub use side::*;
pub use tasks::*;

use super::model::{Criterion, Grid, Method, Score};
use crate::{db::Tx, i18n::Localized, on_tx, on_tx_exec};

pub async fn find_grid(tx: &mut Tx, call_id: i64, side_id: i64) -> sqlx::Result<Option<Grid>> {
    let row: Option<(i64, i64, String, Option<i64>)> = on_tx!(tx, |c| sqlx::query_as(
        "select id, scale_max, method, due_at from grids where call_id = $1 and side_id = $2"
    )
    .bind(call_id)
    .bind(side_id)
    .fetch_optional(c)
    .await)?;
    let Some((id, scale_max, method, due_at)) = row else {
        return Ok(None);
    };
    let rows: Vec<(i64, String, String, i64)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, label_fr, label_en, weight from grid_criteria where grid_id = $1 order by position"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    let criteria = rows
        .into_iter()
        .map(|(id, fr, en, weight)| Criterion {
            id,
            label: Localized::new(fr, en),
            weight,
        })
        .collect();
    Ok(Some(Grid {
        id,
        call_id,
        side_id,
        method: Method::parse(&method)
            .ok_or_else(|| crate::db::unknown("evaluation method", &method))?,
        scale_max,
        due_at,
        criteria,
    }))
}

/// Creates or replaces a side's grid for a call (only while nothing is scored).
pub async fn save_grid(
    tx: &mut Tx,
    g: &Grid,
    criteria: &[(String, String, i64)],
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into grids (call_id, side_id, scale_max, method, due_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6)
         on conflict (call_id, side_id) do update set scale_max = excluded.scale_max, method = excluded.method,
             due_at = excluded.due_at, updated_at = excluded.updated_at
         returning id"
    )
    .bind(g.call_id)
    .bind(g.side_id)
    .bind(g.scale_max)
    .bind(g.method.as_str())
    .bind(g.due_at)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from grid_criteria where grid_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    for (i, (fr, en, weight)) in criteria.iter().enumerate() {
        on_tx_exec!(tx, |c| {
            sqlx::query(
            "insert into grid_criteria (grid_id, label_fr, label_en, weight, position) values ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(fr)
        .bind(en)
        .bind(weight)
        .bind(i as i64)
        .execute(c)
        .await
        })?;
    }
    Ok(id)
}

/// Scores given with a grid, plus places given on the grid's call and side.
pub async fn count_scores_of_grid(tx: &mut Tx, grid_id: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "select (select count(*) from scores s join grid_criteria g on g.id = s.criterion_id where g.grid_id = $1)
              + (select count(*) from evaluation_ranks r join assignments a on a.id = r.assignment_id
                 join project_halves h on h.id = a.submission_id join projects p on p.id = h.project_id
                 join grids g on g.call_id = p.call_id and g.side_id = h.side_id where g.id = $1)"
    )
    .bind(grid_id)
    .fetch_one(c)
    .await
    })
}

/// A conflict of `evaluator` with each of these submissions (a joint project's halves).
pub async fn insert_conflicts(
    tx: &mut Tx,
    evaluator: i64,
    submissions: &[i64],
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    for submission in submissions {
        on_tx_exec!(tx, |c| {
            sqlx::query(
                "insert into conflicts (evaluator_id, submission_id, reason, created_at)
                 values ($1, $2, $3, $4) on conflict (evaluator_id, submission_id) do nothing",
            )
            .bind(evaluator)
            .bind(*submission)
            .bind(reason)
            .bind(now)
            .execute(c)
            .await
        })?;
    }
    Ok(())
}

/// Every declared (evaluator, submission) conflict.
pub async fn list_conflicts(tx: &mut Tx) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select evaluator_id, submission_id from conflicts"
    )
    .fetch_all(c)
    .await)
}

/// Whether the evaluator declared a conflict with the submission.
pub async fn has_conflict(tx: &mut Tx, evaluator: i64, submission: i64) -> sqlx::Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "select count(*) from conflicts where evaluator_id = $1 and submission_id = $2"
    )
    .bind(evaluator)
    .bind(submission)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn insert_assignment(
    tx: &mut Tx,
    half: i64,
    evaluator: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into assignments (submission_id, evaluator_id, assigned_by, state, created_at) values ($1, $2, $3, 'assigned', $4) returning id"
    )
    .bind(half)
    .bind(evaluator)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// An assignment: (id, half, evaluator, state).
pub async fn find_assignment(
    tx: &mut Tx,
    id: i64,
) -> sqlx::Result<Option<(i64, i64, i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, submission_id, evaluator_id, state from assignments where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// Assignments of halves on `side_id`: (id, half, evaluator, evaluator name, state).
pub async fn list_side_assignments(
    tx: &mut Tx,
    side_id: i64,
) -> sqlx::Result<Vec<(i64, i64, i64, String, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select a.id, a.submission_id, a.evaluator_id, u.name, a.state from assignments a
         join project_halves h on h.id = a.submission_id join users u on u.id = a.evaluator_id
         where h.side_id = $1 order by a.id"
    )
    .bind(side_id)
    .fetch_all(c)
    .await)
}

/// An evaluator's assignments: (id, half, project, state, call).
pub async fn list_evaluator_assignments(
    tx: &mut Tx,
    evaluator: i64,
) -> sqlx::Result<Vec<(i64, i64, i64, String, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select a.id, a.submission_id, p.id, a.state, p.call_id from assignments a
         join project_halves h on h.id = a.submission_id join projects p on p.id = h.project_id
         where a.evaluator_id = $1 order by a.id"
    )
    .bind(evaluator)
    .fetch_all(c)
    .await)
}

/// The scores of these assignments: (assignment, score), in one statement.
pub async fn scores_of(tx: &mut Tx, assignments: &[i64]) -> sqlx::Result<Vec<(i64, Score)>> {
    let rows: Vec<(i64, i64, Option<i64>, String)> = crate::db::fetch_all_in(
        tx,
        "select assignment_id, criterion_id, score, comment from scores where assignment_id in ({ids})",
        assignments,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(a, criterion_id, score, comment)| {
            (
                a,
                Score {
                    criterion_id,
                    score,
                    comment,
                },
            )
        })
        .collect())
}

pub async fn list_scores(tx: &mut Tx, assignment: i64) -> sqlx::Result<Vec<Score>> {
    let rows: Vec<(i64, Option<i64>, String)> = on_tx!(tx, |c| sqlx::query_as(
        "select criterion_id, score, comment from scores where assignment_id = $1"
    )
    .bind(assignment)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(criterion_id, score, comment)| Score {
            criterion_id,
            score,
            comment,
        })
        .collect())
}

pub async fn save_scores(tx: &mut Tx, assignment: i64, scores: &[Score]) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from scores where assignment_id = $1"
    )
    .bind(assignment)
    .execute(c)
    .await)?;
    for s in scores {
        on_tx_exec!(tx, |c| {
            sqlx::query("insert into scores (assignment_id, criterion_id, score, comment) values ($1, $2, $3, $4)")
            .bind(assignment)
            .bind(s.criterion_id)
            .bind(s.score)
            .bind(&s.comment)
            .execute(c)
            .await
        })?;
    }
    Ok(())
}

pub async fn submit_assignment(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update assignments set state = 'submitted', submitted_at = $2 where id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

/// Evaluators of a side: (id, name).
pub async fn list_evaluators(tx: &mut Tx, side_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select u.id, u.name from users u join role_grants g on g.user_id = u.id
         where g.role = 'evaluator' and g.side_id = $1 and u.disabled_at is null order by u.name"
    )
    .bind(side_id)
    .fetch_all(c)
    .await)
}

/// The call of the side's newest grid on another call (the next call's grid starts from it).
pub async fn latest_grid_call(
    tx: &mut Tx,
    side_id: i64,
    except_call: i64,
) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select call_id from grids where side_id = $1 and call_id <> $2 order by id desc limit 1"
    )
    .bind(side_id)
    .bind(except_call)
    .fetch_optional(c)
    .await)
}
