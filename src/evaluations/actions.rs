//! Evaluation use cases. Every function resolves the user's side first and reads only that
//! side's grid, halves, assignments and scores.

use std::collections::HashMap;

use super::{
    model::{Grid, Score, propose as balanced, ranking, weighted},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    db::{Db, Tx, now_ms},
    error::{AppError, AppResult, FieldErrors},
    projects::{self, HalfState, Project},
    users::{CurrentUser, Role},
};

/// The side of `call` on which `user` holds `role`.
fn side_of(user: &CurrentUser, call: &Call, role: Role) -> AppResult<i64> {
    call.sides
        .iter()
        .map(|s| s.side_id)
        .find(|s| user.has_role_on(role, *s))
        .ok_or(AppError::Forbidden)
}

/// Replaces the officer's side's grid for a call; refused once anything has been scored.
pub async fn save_grid(
    db: &Db,
    user: &CurrentUser,
    call_id: i64,
    scale_max: i64,
    criteria: &[(String, String, i64)],
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_of(user, &call, Role::Officer)?;
    if let Some(g) = store::find_grid(&mut tx, call_id, side).await?
        && store::count_scores_of_grid(&mut tx, g.id).await? > 0
    {
        return Err(AppError::Conflict("evaluations-error-grid-in-use".into()));
    }
    store::save_grid(&mut tx, call_id, side, scale_max, criteria, now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "evaluation.save_grid",
        "call",
        call_id,
        &format!("side {side}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What an officer sees of their side's evaluation of a call.
pub struct SideView {
    pub call: Call,
    pub side_id: i64,
    pub grid: Option<Grid>,
    /// Filed halves of the side: (half, project).
    pub halves: Vec<(i64, Project)>,
    /// (assignment, half, evaluator, evaluator name, state)
    pub assignments: Vec<(i64, i64, i64, String, String)>,
    /// Ranked halves with their mean weighted score (thousandths).
    pub ranking: Vec<(i64, Option<i64>)>,
    pub evaluators: Vec<(i64, String)>,
}

async fn side_view_in(tx: &mut Tx, call: Call, side: i64) -> AppResult<SideView> {
    let grid = store::find_grid(tx, call.id, side).await?;
    let halves: Vec<(i64, Project)> = projects::actions::projects_of_side(tx, call.id, side)
        .await?
        .into_iter()
        .filter_map(|p| {
            let h = p.half_of_side(side)?;
            (h.state == HalfState::Submitted && h.admissibility.as_deref() != Some("inadmissible"))
                .then(|| (h.id, p.clone()))
        })
        .collect();
    let assignments = store::list_side_assignments(tx, side).await?;
    let mut means: HashMap<i64, Vec<i64>> = HashMap::new();
    if let Some(g) = &grid {
        for (id, half, _, _, state) in &assignments {
            if state == "submitted"
                && let Some(w) = weighted(g, &store::list_scores(tx, *id).await?)
            {
                means.entry(*half).or_default().push(w);
            }
        }
    }
    let ids: Vec<i64> = halves.iter().map(|(h, _)| *h).collect();
    let evaluators = store::list_evaluators(tx, side).await?;
    Ok(SideView {
        ranking: ranking(&means, &ids),
        call,
        side_id: side,
        grid,
        halves,
        assignments,
        evaluators,
    })
}

/// The officer's side's grid, halves, assignments and ranking for a call.
pub async fn side_view(db: &Db, user: &CurrentUser, call_id: i64) -> AppResult<SideView> {
    let mut tx = db.read().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_of(user, &call, Role::Officer)?;
    side_view_in(&mut tx, call, side).await
}

/// Assigns an evaluator of the officer's side to a filed half of that side. A declared
/// conflict of interest blocks it.
pub async fn assign(
    db: &Db,
    user: &CurrentUser,
    call_id: i64,
    half_id: i64,
    evaluator: i64,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_of(user, &call, Role::Officer)?;
    let view = side_view_in(&mut tx, call, side).await?;
    let (_, project) = view
        .halves
        .iter()
        .find(|(h, _)| *h == half_id)
        .ok_or(AppError::NotFound)?;
    if !view.evaluators.iter().any(|(e, _)| *e == evaluator) {
        return Err(AppError::Invalid(FieldErrors::single(
            "evaluator",
            "evaluations-error-evaluator",
        )));
    }
    if store::list_conflicts(&mut tx)
        .await?
        .contains(&(evaluator, project.id))
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "evaluator",
            "evaluations-error-conflict",
        )));
    }
    let id = match store::insert_assignment(&mut tx, half_id, evaluator, user.id, now_ms()).await {
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
        &mut tx,
        &user.actor(),
        "evaluation.assign",
        "project_half",
        half_id,
        &evaluator.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Assigns `per_half` evaluators to every filed half of the side that lacks them, least
/// loaded first, never across a declared conflict. Returns how many were assigned.
pub async fn propose(
    db: &Db,
    user: &CurrentUser,
    call_id: i64,
    per_half: usize,
) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_of(user, &call, Role::Officer)?;
    let view = side_view_in(&mut tx, call, side).await?;
    let mut load: HashMap<i64, usize> = view.evaluators.iter().map(|(e, _)| (*e, 0)).collect();
    for (_, _, e, _, _) in &view.assignments {
        if let Some(n) = load.get_mut(e) {
            *n += 1;
        }
    }
    let halves: Vec<(i64, i64)> = view.halves.iter().map(|(h, p)| (*h, p.id)).collect();
    let existing: Vec<(i64, i64)> = view
        .assignments
        .iter()
        .map(|(_, h, e, _, _)| (*h, *e))
        .collect();
    let conflicts = store::list_conflicts(&mut tx).await?;
    let pairs = balanced(&halves, &load, &conflicts, &existing, per_half);
    let now = now_ms();
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
    user: &CurrentUser,
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
    let side = side_of(user, &call, Role::Evaluator)?;
    let project = projects::actions::project_in(&mut tx, project_id).await?;
    if project.call_id != call_id || project.half_of_side(side).is_none() {
        return Err(AppError::NotFound);
    }
    store::insert_conflict(&mut tx, user.id, project_id, reason.trim(), now_ms()).await?;
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
    user: &CurrentUser,
    call_id: i64,
) -> AppResult<(Vec<Project>, Vec<i64>)> {
    let mut tx = db.read().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_of(user, &call, Role::Evaluator)?;
    let projects = projects::actions::projects_of_side(&mut tx, call_id, side).await?;
    let mine = store::list_conflicts(&mut tx)
        .await?
        .into_iter()
        .filter(|(e, _)| *e == user.id)
        .map(|(_, p)| p)
        .collect();
    Ok((projects, mine))
}

/// The evaluator's own assignments: (id, project, title, state).
pub async fn my_assignments(
    db: &Db,
    user: &CurrentUser,
) -> AppResult<Vec<(i64, i64, String, String)>> {
    let mut tx = db.read().await?;
    Ok(store::list_evaluator_assignments(&mut tx, user.id)
        .await?
        .into_iter()
        .map(|(id, _, p, t, s)| (id, p, t, s))
        .collect())
}

/// One of the evaluator's own assignments, with its grid, project and scores so far.
pub async fn evaluation(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(Grid, Project, Vec<Score>, bool)> {
    let mut tx = db.read().await?;
    let (_, half, evaluator, state) = store::find_assignment(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if evaluator != user.id {
        return Err(AppError::NotFound);
    }
    let project = mine_project(&mut tx, user, half).await?;
    let side = project
        .halves
        .iter()
        .find(|h| h.id == half)
        .map(|h| h.side_id)
        .ok_or(AppError::NotFound)?;
    let grid = store::find_grid(&mut tx, project.call_id, side)
        .await?
        .ok_or(AppError::Conflict("evaluations-error-no-grid".into()))?;
    let scores = store::list_scores(&mut tx, id).await?;
    Ok((grid, project, scores, state == "submitted"))
}

async fn mine_project(tx: &mut Tx, user: &CurrentUser, half: i64) -> AppResult<Project> {
    for (_, h, p, _, _) in store::list_evaluator_assignments(tx, user.id).await? {
        if h == half {
            return projects::actions::project_in(tx, p).await;
        }
    }
    Err(AppError::NotFound)
}

/// Saves the evaluator's scores; with `submit`, every criterion must be scored and the
/// evaluation is then final.
pub async fn save_evaluation(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    scores: &[Score],
    submit: bool,
) -> AppResult<()> {
    let (grid, _, _, submitted) = evaluation(db, user, id).await?;
    if submitted {
        return Err(AppError::Conflict("evaluations-error-submitted".into()));
    }
    let mut errors = FieldErrors::default();
    for c in &grid.criteria {
        match scores.iter().find(|s| s.criterion_id == c.id) {
            Some(s) if !(0..=grid.scale_max).contains(&s.score) => {
                errors.add(&format!("score_{}", c.id), "evaluations-error-score")
            }
            None if submit => errors.add(&format!("score_{}", c.id), "common-error-required"),
            _ => {}
        }
    }
    errors.into_result()?;
    let mut tx = db.write().await?;
    store::save_scores(&mut tx, id, scores).await?;
    if submit {
        store::submit_assignment(&mut tx, id, now_ms()).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        if submit {
            "evaluation.submit"
        } else {
            "evaluation.save"
        },
        "assignment",
        id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A side's ranking of a call, for the joint session once it is open (the caller decides when
/// that is). (half, mean weighted score in thousandths) best first.
pub async fn ranking_in(tx: &mut Tx, call: Call, side: i64) -> AppResult<Vec<(i64, Option<i64>)>> {
    Ok(side_view_in(tx, call, side).await?.ranking)
}
