//! SQL of early terminations and their approvals.

use crate::db::{Fingerprint, SideAct, Tx, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("termination_approvals", "funded_id");

/// Records (or replaces, clearing its approvals) the proposal to end a project early.
pub async fn propose_termination(
    tx: &mut Tx,
    funded: i64,
    reason: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from termination_approvals where funded_id = $1"
    )
    .bind(funded)
    .execute(c)
    .await)?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from terminations where funded_id = $1"
    )
    .bind(funded)
    .execute(c)
    .await)?;
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into terminations (funded_id, reason, proposed_by, proposed_at) values ($1, $2, $3, $4)"
    )
    .bind(funded)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// The proposal to end a project early, if any: its reason.
pub async fn termination(tx: &mut Tx, funded: i64) -> sqlx::Result<Option<String>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select reason from terminations where funded_id = $1"
    )
    .bind(funded)
    .fetch_optional(c)
    .await)
}

pub async fn approve_termination(
    tx: &mut Tx,
    funded: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    record_side_act(
        tx,
        &APPROVALS,
        funded,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await
}

/// The sides that approved the proposal as it stands.
pub async fn termination_approvals(
    tx: &mut Tx,
    funded: i64,
    content: &Fingerprint,
) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from termination_approvals where funded_id = $1 and content_hash = $2
         order by side_id"
    )
    .bind(funded)
    .bind(content.as_str())
    .fetch_all(c)
    .await)
}
