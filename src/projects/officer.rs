//! What officers do with their side's halves: list them, decide admissibility, extend a
//! deadline. Each decision is for the half's own side only.

use super::{
    actions::notify_lead,
    model::*,
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    commissions::Theme,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    users::{Role, Viewer},
};

/// The officers' list of a call's applications.
pub struct OfficerList {
    pub call: Call,
    pub themes: Vec<Theme>,
    /// The officer's sides among the call's.
    pub sides: Vec<i64>,
    pub projects: Vec<Project>,
}

/// The officers' list page: the call, its themes, and the projects with a half on one of the
/// officer's sides, in one read transaction.
pub async fn officer_list(db: &Db, user: &Viewer, call_id: i64) -> AppResult<OfficerList> {
    let mut tx = db.read().await?;
    let (call, sides, projects) = for_officer_in(&mut tx, user, call_id).await?;
    let (_, themes) = calls::actions::get_call_with_themes_in(&mut tx, Some(user), call_id).await?;
    Ok(OfficerList {
        call,
        themes,
        sides,
        projects,
    })
}

/// The projects of a call with a half on one of the officer's sides, and those sides.
pub async fn for_officer(
    db: &Db,
    user: &Viewer,
    call_id: i64,
) -> AppResult<(Call, Vec<i64>, Vec<Project>)> {
    let mut tx = db.read().await?;
    for_officer_in(&mut tx, user, call_id).await
}

async fn for_officer_in(
    tx: &mut Tx,
    user: &Viewer,
    call_id: i64,
) -> AppResult<(Call, Vec<i64>, Vec<Project>)> {
    let call = calls::actions::get_call_in(tx, call_id).await?;
    let sides: Vec<i64> = call
        .sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.side_id))
        .map(|s| s.side_id)
        .collect();
    if sides.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut ids = Vec::new();
    for side in &sides {
        ids.extend(store::list_project_ids(tx, call_id, Some(*side)).await?);
    }
    ids.sort_unstable();
    ids.dedup();
    // Officers read what was filed, never a lead's reopened draft.
    let mut out = store::find_projects(tx, &ids).await?;
    super::filed::as_filed_all(
        tx,
        &mut out,
        &super::actions::Relation::Officer(sides.clone()),
    )
    .await?;
    Ok((call, sides, out))
}

/// The half with this id and its project, if `user` is an officer of the half's side.
async fn officer_half(tx: &mut Tx, user: &Viewer, half_id: i64) -> AppResult<(Project, Half)> {
    let project_id = store::project_of_half(tx, half_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The filed version: a reopened half's stands (its admissibility is still decided).
    let p = super::actions::project_in(tx, project_id).await?;
    let half = p
        .halves
        .iter()
        .find(|h| h.id == half_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let call = calls::actions::get_call_in(tx, p.call_id).await?;
    let facts = policy::Facts::of(&p, &call, user, Some(half.side_id), tx.now_ms());
    if !policy::can(user, Perm::Decide, &facts) {
        return Err(AppError::Forbidden);
    }
    Ok((p, half))
}

/// Records the admissibility decision of the half's side, with its reason; the lead is told.
pub async fn decide_admissibility(
    db: &Db,
    base: &str,
    user: &Viewer,
    half_id: i64,
    admissible: bool,
    reason: &str,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (p, half) = officer_half(&mut tx, user, half_id).await?;
    if half.state != HalfState::Submitted {
        return Err(AppError::Conflict("projects-error-not-filed".into()));
    }
    if !admissible && reason.trim().is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "reason",
            "projects-error-reason",
        )));
    }
    let decision = if admissible {
        "admissible"
    } else {
        "inadmissible"
    };
    let reason = crate::http::form::clean_text(reason);
    store::set_admissibility(&mut tx, half_id, decision, &reason, db.now_ms()).await?;
    notify_lead(
        &mut tx,
        half.lead_user_id,
        &format!("projects-email-{decision}"),
        &format!("{base}/projects/{}", p.id),
        &p.title,
    )
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.admissibility",
        "project_half",
        half_id,
        &format!("{decision}: {reason}"),
    )
    .await?;
    tx.commit().await?;
    Ok(p.id)
}

/// Grants one half an individual extension until `until` (an officer of that half's side).
pub async fn grant_extension(db: &Db, user: &Viewer, half_id: i64, until: i64) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (p, half) = officer_half(&mut tx, user, half_id).await?;
    if until <= db.now_ms() {
        return Err(AppError::Invalid(FieldErrors::single(
            "until",
            "projects-error-extension-past",
        )));
    }
    store::set_extension(&mut tx, half.id, until, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.extension",
        "project_half",
        half.id,
        &until.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(p.id)
}
