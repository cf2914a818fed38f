//! Assigning a side's evaluators: manually or by a balanced proposal, never across a conflict
//! of interest — declared by the evaluator, or following from their affiliation with an
//! organisation leading a half of the project, or their own part in it.

use std::collections::HashMap;

use super::{
    actions::{SideView, side_for, side_to_change, side_view_tx},
    model::{affiliation_conflicts, propose as balanced},
    policy::Perm,
    store,
};
use crate::{
    audit, calls,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    projects::{self, Project},
    users::Viewer,
};

/// Every (evaluator, submission) pair that may not be assigned among the side's filed halves:
/// declared conflicts (a conflict with a joint project is one with each of its halves), an
/// affiliation with an organisation leading a half of the project, and leading one oneself.
pub(super) async fn exclusions(tx: &mut Tx, view: &SideView) -> AppResult<Vec<(i64, i64)>> {
    let mut out = store::list_conflicts(tx).await?;
    let project_orgs: Vec<(i64, i64)> = view
        .halves
        .iter()
        .flat_map(|(_, p)| p.halves.iter().map(|h| (p.id, h.organisation_id)))
        .collect();
    let by_project = affiliation_conflicts(&store::all_affiliations(tx).await?, &project_orgs);
    // An evaluator never judges a project they lead a half of.
    let leads = view
        .halves
        .iter()
        .flat_map(|(_, p)| p.halves.iter().map(|h| (h.lead_user_id, p.id)));
    for (evaluator, project) in by_project.into_iter().chain(leads) {
        out.extend(
            view.halves
                .iter()
                .filter(|(_, p)| p.id == project)
                .map(|(half, _)| (evaluator, *half)),
        );
    }
    Ok(out)
}

/// Assigns an evaluator of the officer's side to a filed half of that side. A conflict of
/// interest (declared or from an affiliation) blocks it.
pub async fn assign(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    half_id: i64,
    evaluator: i64,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    let view = side_view_tx(&mut tx, call, side).await?;
    let excluded = exclusions(&mut tx, &view).await?;
    let id = assign_in(
        &mut tx,
        db.now_ms(),
        user,
        &view,
        &excluded,
        half_id,
        evaluator,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Assigns within the caller's transaction, after the caller checked the officer may change
/// the side (`view` is that side's, `excluded` its [`exclusions`]). Errors name the field
/// `evaluator`.
pub(super) async fn assign_in(
    tx: &mut Tx,
    now: i64,
    user: &Viewer,
    view: &SideView,
    excluded: &[(i64, i64)],
    half_id: i64,
    evaluator: i64,
) -> AppResult<i64> {
    if !view.halves.iter().any(|(h, _)| *h == half_id) {
        return Err(AppError::NotFound);
    }
    if !view.evaluators.iter().any(|(e, _)| *e == evaluator) {
        return Err(AppError::Invalid(FieldErrors::single(
            "evaluator",
            "evaluations-error-evaluator",
        )));
    }
    if excluded.contains(&(evaluator, half_id)) {
        return Err(AppError::Invalid(FieldErrors::single(
            "evaluator",
            "evaluations-error-conflict",
        )));
    }
    let id = match store::insert_assignment(tx, half_id, evaluator, user.id, now).await {
        Ok(id) => id,
        Err(e) if crate::db::unique_violation(&e).is_some() => {
            return Err(AppError::Invalid(FieldErrors::single(
                "evaluator",
                "evaluations-error-already",
            )));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        tx,
        &user.actor(),
        "evaluation.assign",
        "project_half",
        half_id,
        &evaluator.to_string(),
    )
    .await?;
    Ok(id)
}

/// Assigns `per_half` evaluators to every filed half of the side that lacks them, least
/// loaded first, never across a conflict. Returns how many were assigned.
pub async fn propose(db: &Db, user: &Viewer, call_id: i64, per_half: usize) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    let view = side_view_tx(&mut tx, call, side).await?;
    let mut load: HashMap<i64, usize> = view.evaluators.iter().map(|(e, _)| (*e, 0)).collect();
    for (_, _, e, _, _) in &view.assignments {
        if let Some(n) = load.get_mut(e) {
            *n += 1;
        }
    }
    let halves: Vec<i64> = view.halves.iter().map(|(h, _)| *h).collect();
    let existing: Vec<(i64, i64)> = view
        .assignments
        .iter()
        .map(|(_, h, e, _, _)| (*h, *e))
        .collect();
    let conflicts = exclusions(&mut tx, &view).await?;
    let pairs = balanced(&halves, &load, &conflicts, &existing, per_half);
    let now = db.now_ms();
    for (half, evaluator) in &pairs {
        store::insert_assignment(&mut tx, *half, *evaluator, user.id, now).await?;
        audit::record(
            &mut tx,
            &user.actor(),
            "evaluation.assign",
            "project_half",
            half,
            &evaluator.to_string(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(pairs.len())
}

/// Declares a conflict with a project that has a half on the evaluator's side.
pub async fn declare_conflict(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    project_id: i64,
    reason: &str,
) -> AppResult<()> {
    if reason.trim().is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "reason",
            "common-error-required",
        )));
    }
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_for(user, &call, Perm::DeclareConflicts)?;
    let project = projects::actions::project_in(&mut tx, project_id).await?;
    if project.call_id != call_id || project.half_of_side(side).is_none() {
        return Err(AppError::NotFound);
    }
    let halves: Vec<i64> = project.halves.iter().map(|h| h.id).collect();
    store::insert_conflicts(&mut tx, user.id, &halves, reason.trim(), db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "evaluation.conflict",
        "project",
        project_id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The projects of a call on the evaluator's side, to declare conflicts with.
pub async fn conflict_candidates(
    db: &Db,
    user: &Viewer,
    call_id: i64,
) -> AppResult<(Vec<Project>, Vec<i64>)> {
    let mut tx = db.read().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_for(user, &call, Perm::DeclareConflicts)?;
    let projects = projects::actions::projects_of_side(&mut tx, call_id, side).await?;
    // A project is in conflict once one of its halves is.
    let declared: Vec<i64> = store::list_conflicts(&mut tx)
        .await?
        .into_iter()
        .filter(|(e, _)| *e == user.id)
        .map(|(_, s)| s)
        .collect();
    let mine = projects
        .iter()
        .filter(|p| p.halves.iter().any(|h| declared.contains(&h.id)))
        .map(|p| p.id)
        .collect();
    Ok((projects, mine))
}
