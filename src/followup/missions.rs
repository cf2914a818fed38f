//! Missions of funded projects as they happen: done, cancelled or held online (the pandemic
//! case); what each side spent, in its own currency; the activity report after each mission
//! (rule 10), with the overdue list officers watch.

use jiff::civil::Date;

use super::{
    actions::{FundedView, load, of_commission_in},
    model::{MissionStatus, report_due},
    policy::Perm,
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    users::Viewer,
};

/// The mission `mission` of the funded project `id` as `user` may see it.
fn mission_of(v: &FundedView, mission: i64) -> AppResult<()> {
    v.missions
        .iter()
        .any(|m| m.id == mission)
        .then_some(())
        .ok_or(AppError::NotFound)
}

/// A lead of either side or an officer records what became of a mission.
pub async fn set_status(
    db: &Db,
    user: &Viewer,
    id: i64,
    mission: i64,
    status: MissionStatus,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    mission_of(&v, mission)?;
    if v.require(user, Perm::Report).is_err() {
        v.require(user, Perm::ActForSide)?;
    }
    store::set_mission_status(&mut tx, mission, status).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "mission.status",
        "funded_mission",
        mission,
        status.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An officer records what their own side spent on a mission (rule 6: each side pays its own).
pub async fn record_spending(
    db: &Db,
    user: &Viewer,
    id: i64,
    mission: i64,
    amount: i64,
) -> AppResult<()> {
    if amount < 0 {
        return Err(AppError::Invalid(FieldErrors::single(
            "amount",
            "followup-error-amount",
        )));
    }
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    mission_of(&v, mission)?;
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    store::record_spending(&mut tx, mission, side, amount, user.id, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "mission.spending",
        "funded_mission",
        mission,
        &format!("side {side} {amount}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A lead files the activity report of a mission that took place (in person or online).
pub async fn submit_report(
    db: &Db,
    user: &Viewer,
    id: i64,
    mission: i64,
    report: &str,
) -> AppResult<()> {
    if report.trim().is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "report",
            "common-error-required",
        )));
    }
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    mission_of(&v, mission)?;
    v.require(user, Perm::Report)?;
    let m = v
        .missions
        .iter()
        .find(|m| m.id == mission)
        .ok_or(AppError::NotFound)?;
    if report_due(m).is_none() {
        return Err(AppError::Conflict("followup-error-report-not-due".into()));
    }
    store::save_mission_report(&mut tx, mission, report.trim(), db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "mission.report",
        "funded_mission",
        mission,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Activity reports overdue on `today` across a commission's funded projects:
/// (funded project, title, mission start, due date).
pub async fn overdue_reports(
    db: &Db,
    user: &Viewer,
    commission: i64,
    today: Date,
) -> AppResult<Vec<(i64, String, String, Date)>> {
    let mut tx = db.read().await?;
    overdue_reports_in(&mut tx, user, commission, today).await
}

/// [`overdue_reports`] inside the caller's transaction: (funded, title, mission start, due).
pub(super) async fn overdue_reports_in(
    tx: &mut Tx,
    user: &Viewer,
    commission: i64,
    today: Date,
) -> AppResult<Vec<(i64, String, String, Date)>> {
    let funded = of_commission_in(tx, user, commission).await?;
    let ids: Vec<i64> = funded.iter().map(|(f, _)| f.id).collect();
    let missions = store::missions_of(tx, &ids).await?;
    let mut out = Vec::new();
    for (f, title) in funded {
        for (_, m) in missions.iter().filter(|(owner, _)| *owner == f.id) {
            if let Some(due) = report_due(m)
                && m.report.is_none()
                && due < today
            {
                out.push((f.id, title.clone(), m.mission.starts_on.clone(), due));
            }
        }
    }
    Ok(out)
}
