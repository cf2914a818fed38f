//! SQL of mission changes after selection and their approvals.

use crate::db::{Fingerprint, SideAct, Tx, fetch_all_in, record_side_act};
use crate::followup::model::{MissionChange, MissionChangeKind};
use crate::ids::{SideId, UserId};
use crate::projects::Mission;
use crate::{on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("mission_change_approvals", "change_id");

pub async fn insert_change(
    tx: &mut Tx,
    funded: i64,
    c: &MissionChange,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |conn| sqlx::query_scalar(
        "insert into mission_changes (funded_id, kind, mission_id, from_side_id, to_side_id,
             travellers, starts_on, days, purpose, proposed_by, proposed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id"
    )
    .bind(funded)
    .bind(c.kind.as_str())
    .bind(c.mission_id)
    .bind(c.mission.from_side_id)
    .bind(c.mission.to_side_id)
    .bind(c.mission.travellers)
    .bind(&c.mission.starts_on)
    .bind(c.mission.days)
    .bind(&c.mission.purpose)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await)
}

type ChangeRow = (
    i64,
    i64,
    String,
    Option<i64>,
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    Option<i64>,
);

/// A project's mission changes, oldest first.
pub async fn changes(tx: &mut Tx, funded: i64) -> sqlx::Result<Vec<MissionChange>> {
    let rows: Vec<ChangeRow> = fetch_all_in(
        tx,
        "select id, funded_id, kind, mission_id, from_side_id, to_side_id, travellers, starts_on,
             days, purpose, decided_at
         from mission_changes where funded_id in ({ids}) order by id",
        &[funded],
    )
    .await?;
    rows.into_iter()
        .map(
            |(
                id,
                _,
                kind,
                mission_id,
                from,
                to,
                travellers,
                starts_on,
                days,
                purpose,
                decided_at,
            )| {
                Ok(MissionChange {
                    id,
                    kind: MissionChangeKind::parse(&kind)
                        .ok_or_else(|| crate::db::unknown("mission change", &kind))?,
                    mission_id,
                    mission: Mission {
                        id: mission_id.unwrap_or_default(),
                        from_side_id: from,
                        to_side_id: to,
                        travellers,
                        starts_on,
                        days,
                        purpose,
                    },
                    decided_at,
                })
            },
        )
        .collect()
}

pub async fn approve_change(
    tx: &mut Tx,
    change: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    record_side_act(
        tx,
        &APPROVALS,
        change,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await
}

/// The sides that approved a change as it stands.
pub async fn change_approvals(
    tx: &mut Tx,
    change: i64,
    content: &Fingerprint,
) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from mission_change_approvals where change_id = $1 and content_hash = $2
         order by side_id"
    )
    .bind(change)
    .bind(content.as_str())
    .fetch_all(c)
    .await)
}

/// Marks a change decided; false if it already was (so it is applied once).
pub async fn decide_change(tx: &mut Tx, change: i64, now: i64) -> sqlx::Result<bool> {
    Ok(on_tx_exec!(tx, |c| sqlx::query(
        "update mission_changes set decided_at = $2 where id = $1 and decided_at is null"
    )
    .bind(change)
    .bind(now)
    .execute(c)
    .await)?
        == 1)
}

/// Moves a mission: its start and length.
pub async fn move_mission(tx: &mut Tx, id: i64, starts_on: &str, days: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_missions set starts_on = $2, days = $3 where id = $1"
    )
    .bind(id)
    .bind(starts_on)
    .bind(days)
    .execute(c)
    .await)?;
    Ok(())
}

/// The approvals of these changes: (change, side, content hash), in one statement.
pub async fn change_approvals_of(
    tx: &mut Tx,
    changes: &[i64],
) -> sqlx::Result<Vec<(i64, i64, String)>> {
    fetch_all_in(
        tx,
        "select change_id, side_id, content_hash from mission_change_approvals
         where change_id in ({ids}) order by change_id, side_id",
        changes,
    )
    .await
}
