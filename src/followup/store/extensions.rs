//! SQL of individual extensions and of activity-report reminders.

use crate::db::{Fingerprint, SideAct, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{db::Tx, on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("extension_approvals", "extension_id");

/// Replaces the project's pending extension (approvals cleared) or creates one; returns its id.
pub async fn propose_extension(
    tx: &mut Tx,
    funded: i64,
    new_end: &str,
    reason: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "delete from extension_approvals where extension_id in (select id from extensions where funded_id = $1 and decided_at is null)"
    )
    .bind(funded)
    .execute(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from extensions where funded_id = $1 and decided_at is null"
    )
    .bind(funded)
    .execute(c)
    .await)?;
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into extensions (funded_id, new_ends_on, reason, proposed_by, proposed_at) values ($1, $2, $3, $4, $5) returning id"
    )
    .bind(funded)
    .bind(new_end)
    .bind(reason)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn approve_extension(
    tx: &mut Tx,
    id: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(tx, &APPROVALS, id, SideId(side), UserId(by), now, content).await?;
    Ok(())
}

/// Marks an extension decided; false if it already was.
pub async fn decide_extension(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| sqlx::query(
        "update extensions set decided_at = $2 where id = $1 and decided_at is null"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(n == 1)
}

/// A project's extensions: (id, new end, reason, decided at, sides that approved).
pub async fn extensions(
    tx: &mut Tx,
    funded: i64,
) -> sqlx::Result<Vec<(i64, String, String, Option<i64>, Vec<i64>)>> {
    let rows: Vec<(i64, String, String, Option<i64>)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, new_ends_on, reason, decided_at from extensions where funded_id = $1 order by id"
    )
    .bind(funded)
    .fetch_all(c)
    .await
    })?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let approvals: Vec<(i64, i64, String)> = crate::db::fetch_all_in(
        tx,
        "select extension_id, side_id, content_hash from extension_approvals
         where extension_id in ({ids}) order by extension_id, side_id",
        &ids,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, end, reason, decided)| {
            // Only approvals of the extension as it is now count.
            let seen = crate::followup::model::extension_fingerprint(id, &end, &reason);
            let sides = approvals
                .iter()
                .filter(|a| a.0 == id && a.2 == seen.0)
                .map(|a| a.1)
                .collect();
            (id, end, reason, decided, sides)
        })
        .collect())
}

/// The project of an extension.
pub async fn funded_of_extension(tx: &mut Tx, id: i64) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select funded_id from extensions where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// Missions whose activity report is still missing: (mission, funded project).
pub async fn missions_without_report(tx: &mut Tx) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, funded_id from funded_missions where report is null and status in ('done', 'online') order by id"
    )
    .fetch_all(c)
    .await
    })
}

/// Records a reminder about a mission; 0 if it was already sent (by this or another instance).
pub async fn insert_mission_reminder(
    tx: &mut Tx,
    mission: i64,
    kind: &str,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into mission_reminders (mission_id, kind, sent_at) values ($1, $2, $3)
         on conflict (mission_id, kind) do nothing"
    )
    .bind(mission)
    .bind(kind)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn sent_mission_reminders(tx: &mut Tx, mission: i64) -> sqlx::Result<Vec<String>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select kind from mission_reminders where mission_id = $1"
    )
    .bind(mission)
    .fetch_all(c)
    .await)
}
