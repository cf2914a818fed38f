//! SQL of funded projects.

use jiff::civil::Date;

use super::model::FundedProject;
use crate::{db::Tx, on_tx, on_tx_exec};

/// Creates the funded project of a selection; 0 if the project already has one.
pub async fn insert(
    tx: &mut Tx,
    project: i64,
    decision: i64,
    commission: i64,
    term: (Date, Date),
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into funded_projects (project_id, decision_id, commission_id, state, starts_on, ends_on, created_at)
         values ($1, $2, $3, 'active', $4, $5, $6) on conflict (project_id) do nothing"
    )
    .bind(project)
    .bind(decision)
    .bind(commission)
    .bind(term.0.to_string())
    .bind(term.1.to_string())
    .bind(now)
    .execute(c)
    .await
    })
}

type Row = (i64, i64, i64, i64, String, String, String);

fn to_model(r: Row) -> Option<FundedProject> {
    Some(FundedProject {
        id: r.0,
        project_id: r.1,
        decision_id: r.2,
        commission_id: r.3,
        state: r.4,
        starts_on: r.5.parse().ok()?,
        ends_on: r.6.parse().ok()?,
    })
}

pub async fn find_by_project(tx: &mut Tx, project: i64) -> sqlx::Result<Option<FundedProject>> {
    let row: Option<Row> = on_tx!(tx, |c| sqlx::query_as(
        "select id, project_id, decision_id, commission_id, state, starts_on, ends_on
         from funded_projects where project_id = $1"
    )
    .bind(project)
    .fetch_optional(c)
    .await)?;
    Ok(row.and_then(to_model))
}
