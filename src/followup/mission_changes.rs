//! Missions after selection (issue 11): a lead or an officer proposes to add a mission, move
//! one (its start and length) or cancel one; each side's officers approve that same change;
//! once every side has, it is applied — one mission at a time, the rest of the plan unchanged.

use super::{
    actions::{FundedView, load},
    model::{MissionChange, MissionChangeKind, MissionStatus},
    policy::Perm,
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    projects::Mission,
    users::Viewer,
};

/// A change as the funded project's page lists it, with who approved it as it stands.
pub struct ChangeLine {
    pub change: MissionChange,
    pub approved_by: Vec<i64>,
    pub seen: String,
}

/// The changes of a project already loaded (so visible to the viewer), oldest first.
pub(super) async fn of_project_in(tx: &mut Tx, v: &FundedView) -> AppResult<Vec<ChangeLine>> {
    let changes = store::changes(tx, v.funded.id).await?;
    let ids: Vec<i64> = changes.iter().map(|c| c.id).collect();
    // Two statements whatever the number of changes; an approval counts for the change as
    // it stands (its fingerprint).
    let approvals = store::change_approvals_of(tx, &ids).await?;
    Ok(changes
        .into_iter()
        .map(|change| {
            let content = change.fingerprint();
            ChangeLine {
                approved_by: approvals
                    .iter()
                    .filter(|(c, _, hash)| *c == change.id && *hash == content.0)
                    .map(|(_, side, _)| *side)
                    .collect(),
                seen: content.0,
                change,
            }
        })
        .collect())
}

/// Proposes a change: `mission` is the new mission (add), the new start and length (move,
/// taken from it), or nothing (cancel). The proposer's side approves at once if they are
/// its officer.
pub async fn propose(
    db: &Db,
    user: &Viewer,
    id: i64,
    kind: MissionChangeKind,
    mission_id: Option<i64>,
    mission: Option<Mission>,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    if v.require(user, Perm::Report).is_err() {
        v.require(user, Perm::ActForSide)?;
    }
    if !v.funded.state.is_running() {
        return Err(AppError::Conflict("followup-error-not-running".into()));
    }
    let existing = |mid: Option<i64>| {
        v.missions
            .iter()
            .find(|m| Some(m.id) == mid && m.status == MissionStatus::Planned)
            .ok_or_else(|| {
                AppError::Invalid(FieldErrors::single(
                    "mission",
                    "followup-error-change-mission",
                ))
            })
    };
    let mission = match kind {
        MissionChangeKind::Add => {
            let m = mission.ok_or(AppError::NotFound)?;
            let sides: Vec<i64> = v.sides.iter().map(|s| s.id).collect();
            if m.from_side_id == m.to_side_id
                || !sides.contains(&m.from_side_id)
                || !sides.contains(&m.to_side_id)
            {
                return Err(AppError::Invalid(FieldErrors::single(
                    "direction",
                    "projects-error-direction",
                )));
            }
            m
        }
        MissionChangeKind::Move => {
            let new = mission.ok_or(AppError::NotFound)?;
            Mission {
                starts_on: new.starts_on,
                days: new.days,
                ..existing(mission_id)?.mission.clone()
            }
        }
        MissionChangeKind::Cancel => existing(mission_id)?.mission.clone(),
    };
    let mut change = MissionChange {
        id: 0,
        kind,
        mission_id: if kind == MissionChangeKind::Add {
            None
        } else {
            mission_id
        },
        mission,
        decided_at: None,
    };
    let now = tx.now_ms();
    change.id = store::insert_change(&mut tx, id, &change, user.id, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "mission_change.propose",
        "funded_project",
        id,
        kind.as_str(),
    )
    .await?;
    if !v.viewer.officer_of.is_empty() {
        approve_in(&mut tx, user, &v, &change).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Approves change `change` of project `id` as `seen` on the officer's page.
pub async fn approve(db: &Db, user: &Viewer, id: i64, change: i64, seen: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::ActForSide)?;
    let c = store::changes(&mut tx, id)
        .await?
        .into_iter()
        .find(|c| c.id == change)
        .ok_or(AppError::NotFound)?;
    if c.decided_at.is_some() {
        return Err(AppError::Conflict("followup-error-change-decided".into()));
    }
    let content = c.fingerprint();
    content.check_seen(seen)?;
    let approved = store::change_approvals(&mut tx, change, &content).await?;
    if v.viewer.officer_of.iter().all(|s| approved.contains(s)) {
        return Err(AppError::Conflict("followup-error-change-approved".into()));
    }
    approve_in(&mut tx, user, &v, &c).await?;
    tx.commit().await?;
    Ok(())
}

/// Records the officer's sides' approval; once every side approved, the change is applied.
async fn approve_in(
    tx: &mut Tx,
    user: &Viewer,
    v: &FundedView,
    c: &MissionChange,
) -> AppResult<()> {
    let content = c.fingerprint();
    let now = tx.now_ms();
    for side in &v.viewer.officer_of {
        store::approve_change(tx, c.id, *side, user.id, now, &content).await?;
    }
    let approved = store::change_approvals(tx, c.id, &content).await?;
    if !v.sides.iter().all(|s| approved.contains(&s.id)) {
        return Ok(());
    }
    if !store::decide_change(tx, c.id, now).await? {
        return Ok(());
    }
    let funded = v.funded.id;
    match (c.kind, c.mission_id) {
        (MissionChangeKind::Add, _) => store::insert_mission(tx, funded, &c.mission, now).await?,
        (MissionChangeKind::Move, Some(m)) => {
            store::move_mission(tx, m, &c.mission.starts_on, c.mission.days).await?
        }
        (MissionChangeKind::Cancel, Some(m)) => {
            store::set_mission_status(tx, m, MissionStatus::Cancelled).await?
        }
        _ => return Err(AppError::NotFound),
    }
    audit::record(
        tx,
        &user.actor(),
        "mission_change.apply",
        "funded_project",
        funded,
        c.kind.as_str(),
    )
    .await?;
    Ok(())
}
