//! SQL of a funded project's objectives, missions, spending and activity reports.

use crate::{
    db::Tx,
    followup::model::{FundedMission, MissionStatus, ObjectiveStatus},
    on_tx, on_tx_exec,
    projects::Mission,
};

pub async fn insert_objective(
    tx: &mut Tx,
    funded: i64,
    position: i64,
    text: &str,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into funded_objectives (funded_id, position, text, status, updated_at) values ($1, $2, $3, 'planned', $4)"
    )
    .bind(funded)
    .bind(position)
    .bind(text)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// A project's objectives: (id, text, status).
pub async fn objectives(
    tx: &mut Tx,
    funded: i64,
) -> sqlx::Result<Vec<(i64, String, ObjectiveStatus)>> {
    let rows: Vec<(i64, String, String)> = on_tx!(tx, |c| sqlx::query_as(
        "select id, text, status from funded_objectives where funded_id = $1 order by position"
    )
    .bind(funded)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, t, s)| {
            (
                id,
                t,
                ObjectiveStatus::parse(&s).unwrap_or(ObjectiveStatus::Planned),
            )
        })
        .collect())
}

pub async fn set_objective_status(
    tx: &mut Tx,
    id: i64,
    status: ObjectiveStatus,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_objectives set status = $2, updated_at = $3 where id = $1"
    )
    .bind(id)
    .bind(status.as_str())
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn insert_mission(tx: &mut Tx, funded: i64, m: &Mission, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into funded_missions (funded_id, from_side_id, to_side_id, travellers, starts_on, days, purpose, status, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'planned', $8)"
    )
    .bind(funded)
    .bind(m.from_side_id)
    .bind(m.to_side_id)
    .bind(m.travellers)
    .bind(&m.starts_on)
    .bind(m.days)
    .bind(&m.purpose)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

type MissionRow = (
    i64,
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    String,
    Option<String>,
);

pub async fn missions(tx: &mut Tx, funded: i64) -> sqlx::Result<Vec<FundedMission>> {
    let rows: Vec<MissionRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, from_side_id, to_side_id, travellers, starts_on, days, purpose, status, report
         from funded_missions where funded_id = $1 order by starts_on, id"
    )
    .bind(funded)
    .fetch_all(c)
    .await
    })?;
    let mut out = Vec::new();
    for (id, from, to, travellers, starts_on, days, purpose, status, report) in rows {
        let spending: Vec<(i64, i64)> = on_tx!(tx, |c| {
            sqlx::query_as(
            "select side_id, amount from mission_spending where mission_id = $1 order by side_id"
        )
        .bind(id)
        .fetch_all(c)
        .await
        })?;
        out.push(FundedMission {
            id,
            mission: Mission {
                id,
                from_side_id: from,
                to_side_id: to,
                travellers,
                starts_on,
                days,
                purpose,
            },
            status: MissionStatus::parse(&status).unwrap_or(MissionStatus::Planned),
            report,
            spending,
        });
    }
    Ok(out)
}

pub async fn set_mission_status(tx: &mut Tx, id: i64, status: MissionStatus) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_missions set status = $2 where id = $1"
    )
    .bind(id)
    .bind(status.as_str())
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn save_mission_report(tx: &mut Tx, id: i64, report: &str, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_missions set report = $2, report_submitted_at = $3 where id = $1"
    )
    .bind(id)
    .bind(report)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn record_spending(
    tx: &mut Tx,
    mission: i64,
    side: i64,
    amount: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into mission_spending (mission_id, side_id, amount, recorded_by, recorded_at) values ($1, $2, $3, $4, $5)
         on conflict (mission_id, side_id) do update set amount = excluded.amount, recorded_by = excluded.recorded_by,
             recorded_at = excluded.recorded_at"
    )
    .bind(mission)
    .bind(side)
    .bind(amount)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

pub async fn set_mission_start(tx: &mut Tx, id: i64, starts_on: &str) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update funded_missions set starts_on = $2 where id = $1"
    )
    .bind(id)
    .bind(starts_on)
    .execute(c)
    .await)?;
    Ok(())
}
