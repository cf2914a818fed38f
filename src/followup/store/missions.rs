//! SQL of a funded project's objectives, missions, spending and activity reports.

use crate::{
    db::{Tx, fetch_all_in, unknown},
    followup::model::{FundedMission, MissionStatus, ObjectiveStatus},
    on_tx_exec,
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

/// The objectives of these funded projects: (funded, (id, text, status)), in their order.
pub async fn objectives_of(
    tx: &mut Tx,
    funded: &[i64],
) -> sqlx::Result<Vec<(i64, (i64, String, ObjectiveStatus))>> {
    let rows: Vec<(i64, i64, String, String)> = fetch_all_in(
        tx,
        "select funded_id, id, text, status from funded_objectives where funded_id in ({ids})
         order by funded_id, position",
        funded,
    )
    .await?;
    rows.into_iter()
        .map(|(f, id, t, s)| {
            let st = ObjectiveStatus::parse(&s).ok_or_else(|| unknown("objective status", &s))?;
            Ok((f, (id, t, st)))
        })
        .collect()
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
    i64,
    String,
    i64,
    String,
    String,
    Option<String>,
);

pub async fn missions(tx: &mut Tx, funded: i64) -> sqlx::Result<Vec<FundedMission>> {
    Ok(missions_of(tx, &[funded])
        .await?
        .into_iter()
        .map(|(_, m)| m)
        .collect())
}

/// The missions of these funded projects with each side's spending, in two statements:
/// (funded, mission), by project then date.
pub async fn missions_of(tx: &mut Tx, funded: &[i64]) -> sqlx::Result<Vec<(i64, FundedMission)>> {
    let rows: Vec<MissionRow> = fetch_all_in(
        tx,
        "select funded_id, id, from_side_id, to_side_id, travellers, starts_on, days, purpose, status, report
         from funded_missions where funded_id in ({ids}) order by funded_id, starts_on, id",
        funded,
    )
    .await?;
    let spending: Vec<(i64, i64, i64)> = fetch_all_in(
        tx,
        "select s.mission_id, s.side_id, s.amount from mission_spending s
         join funded_missions m on m.id = s.mission_id
         where m.funded_id in ({ids}) order by s.mission_id, s.side_id",
        funded,
    )
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (f, id, from, to, travellers, starts_on, days, purpose, status, report) in rows {
        out.push((
            f,
            FundedMission {
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
                status: MissionStatus::parse(&status)
                    .ok_or_else(|| unknown("mission status", &status))?,
                report,
                spending: spending
                    .iter()
                    .filter(|(m, _, _)| *m == id)
                    .map(|(_, side, amount)| (*side, *amount))
                    .collect(),
            },
        ));
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
