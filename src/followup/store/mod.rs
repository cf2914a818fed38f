//! SQL of funded projects and their term changes; `missions.rs`: objectives, missions,
//! spending; `midterm.rs`: the mid-term review; `reports.rs`: final reports;
//! `extensions.rs`: individual extensions and activity-report reminders.

mod extensions;
mod midterm;
mod mission_changes;
mod missions;
mod reports;
mod tasks;
mod termination;
pub use extensions::*;
pub use midterm::*;
pub use mission_changes::*;
pub use missions::*;
pub use reports::*;
pub use tasks::*;
pub use termination::*;

use jiff::civil::Date;

use super::model::{FundedProject, FundedState, TermChangeLine};
use crate::{
    db::{Tx, fetch_all_in, unknown},
    on_tx, on_tx_exec,
};

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

const COLUMNS: &str = "select id, project_id, decision_id, commission_id, state, starts_on, ends_on from funded_projects";

fn to_model(r: Row) -> sqlx::Result<FundedProject> {
    Ok(FundedProject {
        id: r.0,
        project_id: r.1,
        decision_id: r.2,
        commission_id: r.3,
        state: FundedState::parse(&r.4).ok_or_else(|| unknown("funded project state", &r.4))?,
        starts_on: r.5.parse().map_err(|_| unknown("date", &r.5))?,
        ends_on: r.6.parse().map_err(|_| unknown("date", &r.6))?,
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
    row.map(to_model).transpose()
}

pub async fn find(tx: &mut Tx, id: i64) -> sqlx::Result<Option<FundedProject>> {
    let sql = format!("{COLUMNS} where id = $1");
    let row: Option<Row> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .fetch_optional(c)
        .await)?;
    row.map(to_model).transpose()
}

/// These funded projects, by id (unknown ids skipped).
pub async fn find_many(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Vec<FundedProject>> {
    let sql = format!("{COLUMNS} where id in ({{ids}}) order by id");
    let rows: Vec<Row> = fetch_all_in(tx, &sql, ids).await?;
    rows.into_iter().map(to_model).collect()
}

/// Funded projects of a commission, by id.
pub async fn list_by_commission(tx: &mut Tx, commission: i64) -> sqlx::Result<Vec<FundedProject>> {
    let sql = format!("{COLUMNS} where commission_id = $1 order by id");
    let rows: Vec<Row> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(commission)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(to_model).collect()
}

pub async fn set_state(tx: &mut Tx, id: i64, state: FundedState) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_projects set state = $2 where id = $1"
    )
    .bind(id)
    .bind(state.as_str())
    .execute(c)
    .await)?;
    Ok(())
}

/// Running projects whose term ended before `today` (ISO dates compare as text): (id, project,
/// end).
pub async fn ended_running(tx: &mut Tx, today: &str) -> sqlx::Result<Vec<(i64, i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, project_id, ends_on from funded_projects
         where state in ('active', 'midterm_reviewed', 'rescheduled') and ends_on < $1
         order by id"
    )
    .bind(today)
    .fetch_all(c)
    .await)
}

/// Moves a running project to "final report due"; false if it was not running any more (so
/// an instance that lost the race sends nothing).
pub async fn enter_final_report_due(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    Ok(on_tx_exec!(tx, |c| sqlx::query(
        "update funded_projects set state = 'final_report_due'
         where id = $1 and state in ('active', 'midterm_reviewed', 'rescheduled')"
    )
    .bind(id)
    .execute(c)
    .await)?
        == 1)
}

/// A change of end date, as recorded in the history.
pub struct TermChange<'a> {
    pub old: Date,
    pub new: Date,
    pub resolution: Option<i64>,
    pub reason: &'a str,
}

/// Moves a project's end date and keeps the old one in `term_changes`.
pub async fn change_end(
    tx: &mut Tx,
    id: i64,
    ch: &TermChange<'_>,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    let (old, new, resolution, reason) = (ch.old, ch.new, ch.resolution, ch.reason);
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into term_changes (funded_id, old_ends_on, new_ends_on, resolution_id, reason, applied_by, applied_at)
         values ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(id)
    .bind(old.to_string())
    .bind(new.to_string())
    .bind(resolution)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update funded_projects set ends_on = $2, state = case when state = 'active' or state = 'midterm_reviewed' then 'rescheduled' else state end where id = $1"
    )
    .bind(id)
    .bind(new.to_string())
    .execute(c)
    .await
    })?;
    Ok(())
}

/// The end-date histories of these projects, oldest first, in one statement.
pub async fn term_histories(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Vec<TermChangeLine>> {
    fetch_all_in(
        tx,
        "select funded_id, old_ends_on, new_ends_on, resolution_id, reason, applied_at from term_changes
         where funded_id in ({ids}) order by funded_id, id",
        ids,
    )
    .await
}

/// Marks a resolution applied; false if it already was (a second click applies nothing).
pub async fn mark_resolution_applied(tx: &mut Tx, resolution: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| {
        sqlx::query(
        "update resolutions set applied_at = $2 where id = $1 and applied_at is null and decided_at is not null"
    )
    .bind(resolution)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(n == 1)
}

/// The projects a new calendar is limited to (empty: all running ones).
pub async fn resolution_scope(tx: &mut Tx, resolution: i64) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select funded_id from resolution_projects where resolution_id = $1 order by funded_id"
    )
    .bind(resolution)
    .fetch_all(c)
    .await)
}

/// What an applied new calendar changed: (funded project, old end, new end).
pub async fn changes_of_resolution(
    tx: &mut Tx,
    resolution: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select funded_id, old_ends_on, new_ends_on from term_changes where resolution_id = $1 order by funded_id"
    )
    .bind(resolution)
    .fetch_all(c)
    .await
    })
}
