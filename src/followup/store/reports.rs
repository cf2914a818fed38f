//! SQL of final reports and their approvals.

use crate::db::{Fingerprint, SideAct, fetch_all_in, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{db::Tx, on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("final_report_approvals", "funded_id");

/// Files (or re-files, which clears approvals) a project's final report.
pub async fn save_final_report(
    tx: &mut Tx,
    funded: i64,
    report: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into final_reports (funded_id, report, submitted_by, submitted_at) values ($1, $2, $3, $4)
         on conflict (funded_id) do update set report = excluded.report, submitted_by = excluded.submitted_by,
             submitted_at = excluded.submitted_at"
    )
    .bind(funded)
    .bind(report)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from final_report_approvals where funded_id = $1"
    )
    .bind(funded)
    .execute(c)
    .await)?;
    Ok(())
}

/// Which of these funded projects have filed their final report.
pub async fn with_final_report(tx: &mut Tx, funded: &[i64]) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all_in(
        tx,
        "select funded_id from final_reports where funded_id in ({ids})",
        funded,
    )
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A project's final report: (text, submitted at).
pub async fn final_report(tx: &mut Tx, funded: i64) -> sqlx::Result<Option<(String, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select report, submitted_at from final_reports where funded_id = $1"
    )
    .bind(funded)
    .fetch_optional(c)
    .await)
}

pub async fn approve_final_report(
    tx: &mut Tx,
    funded: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(
        tx,
        &APPROVALS,
        funded,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await?;
    Ok(())
}

/// Sides that approved a project's final report as it is now (`content`).
pub async fn final_report_approvals(
    tx: &mut Tx,
    funded: i64,
    content: &Fingerprint,
) -> sqlx::Result<Vec<i64>> {
    crate::db::sides_acted_on(tx, &APPROVALS, funded, content).await
}
