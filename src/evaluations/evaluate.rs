//! The evaluator's own work: their assignments, scoring each criterion with a comment (or
//! placing the project, in a ranking grid), saved as typed and submitted once complete.

use super::{
    model::{Grid, Method, Score},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    commissions::Theme,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    projects::{self, Project, filed::FiledVersion},
    storage::Storage,
    users::Viewer,
};

/// One of the evaluator's assignments, for their list.
pub struct AssignmentLine {
    pub id: i64,
    pub project: i64,
    /// The project's title as filed.
    pub title: String,
    pub state: String,
}

/// The evaluator's own assignments.
pub async fn my_assignments(db: &Db, user: &Viewer) -> AppResult<Vec<AssignmentLine>> {
    let mut tx = db.read().await?;
    let rows = store::list_evaluator_assignments(&mut tx, user.id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.2).collect();
    // As the evaluator's side filed them.
    let side = user.acting_side().unwrap_or_default();
    let projects = projects::actions::projects_for_side(&mut tx, &ids, side).await?;
    Ok(rows
        .into_iter()
        .map(|(id, _, project, state, _)| AssignmentLine {
            id,
            project,
            title: projects
                .iter()
                .find(|p| p.id == project)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            state,
        })
        .collect())
}

/// One evaluation as its evaluator sees it.
pub struct Evaluation {
    pub grid: Grid,
    pub project: Project,
    pub scores: Vec<Score>,
    /// In a ranking grid: the place given so far and the comment.
    pub place: Option<i64>,
    pub comment: String,
    /// In a ranking grid: places run from 1 to this (the evaluator's projects in the call).
    pub places: i64,
    pub submitted: bool,
    /// Whether the policy still lets the evaluator change it (assigned, not submitted, and the
    /// joint session has not opened: rules 4 and 17).
    pub can_evaluate: bool,
    /// The joint session deciding on the call has opened (the side's work is then shown).
    pub session_open: bool,
    /// The evaluator declared a conflict with the project: no more scoring, no more reading.
    pub conflict: bool,
    /// The half's filed version, as its latest receipt signed it (what is evaluated), when
    /// the policy lets the evaluator read it.
    pub application: Option<FiledVersion>,
    pub call: Call,
    /// The call's themes (to name the filed theme ids).
    pub themes: Vec<Theme>,
}

impl Evaluation {
    /// Refuses a change the policy does not allow, saying why.
    fn require_open(&self) -> AppResult<()> {
        if self.submitted {
            return Err(AppError::Conflict("evaluations-error-submitted".into()));
        }
        if self.session_open {
            return Err(AppError::Conflict("evaluations-error-session-open".into()));
        }
        if self.conflict {
            return Err(AppError::Conflict("evaluations-error-own-conflict".into()));
        }
        if !self.can_evaluate {
            return Err(AppError::Forbidden);
        }
        Ok(())
    }
}

/// One of the evaluator's own assignments, with its grid, project and scores so far.
pub async fn evaluation(db: &Db, user: &Viewer, id: i64) -> AppResult<Evaluation> {
    let mut tx = db.read().await?;
    evaluation_in(&mut tx, user, id).await
}

async fn evaluation_in(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<Evaluation> {
    let (_, half, evaluator, state) = store::find_assignment(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if evaluator != user.id {
        return Err(AppError::NotFound);
    }
    let mine = store::list_evaluator_assignments(tx, user.id).await?;
    let (_, _, project_id, _, call) = mine
        .iter()
        .find(|a| a.1 == half)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let project = projects::actions::project_in(tx, project_id).await?;
    let side = project
        .halves
        .iter()
        .find(|h| h.id == half)
        .map(|h| h.side_id)
        .ok_or(AppError::NotFound)?;
    let grid = store::find_grid(tx, project.call_id, side)
        .await?
        .ok_or(AppError::Conflict("evaluations-error-no-grid".into()))?;
    let scores = store::list_scores(tx, id).await?;
    let (place, comment) = store::find_rank(tx, id).await?.unwrap_or_default();
    let (call_row, themes) =
        calls::actions::get_call_with_themes_in(tx, Some(user), project.call_id).await?;
    let session_open = super::actions::session_open(tx, &call_row).await?;
    let submitted = state == "submitted";
    let conflict = store::has_conflict(tx, user.id, half).await?;
    let facts = policy::Facts {
        call_sides: call_row.sides.iter().map(|s| s.side_id).collect(),
        side,
        assigned_to_viewer: true,
        submitted,
        conflict,
        session_open,
    };
    let application = if policy::can(user, Perm::ReadApplication, &facts) {
        projects::filed::latest_version_in(tx, half).await?
    } else {
        None
    };
    Ok(Evaluation {
        can_evaluate: policy::can(user, Perm::Evaluate, &facts),
        session_open,
        conflict,
        application,
        call: call_row,
        themes,
        grid,
        project,
        scores,
        place,
        comment,
        places: mine.iter().filter(|a| a.4 == call).count() as i64,
        submitted,
    })
}

/// A file named by the filed version the evaluator reads (the bytes the receipt's hash
/// covers); anything else is "not found".
pub async fn application_file(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    id: i64,
    file: i64,
) -> AppResult<(projects::AttachmentRow, Vec<u8>)> {
    let mut tx = db.read().await?;
    let ev = evaluation_in(&mut tx, user, id).await?;
    let version = ev.application.as_ref().ok_or(AppError::NotFound)?;
    let a = projects::filed::filed_file_in(&mut tx, version, file).await?;
    drop(tx);
    let bytes = storage.get(&a.storage_key).await?;
    Ok((a, bytes))
}

/// Saves the evaluator's scores; with `submit`, every criterion must be scored and the
/// evaluation is then final.
pub async fn save_evaluation(
    db: &Db,
    user: &Viewer,
    id: i64,
    scores: &[Score],
    submit: bool,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let ev = evaluation_in(&mut tx, user, id).await?;
    ev.require_open()?;
    let grid = &ev.grid;
    let mut errors = FieldErrors::default();
    for c in &grid.criteria {
        match scores.iter().find(|s| s.criterion_id == c.id) {
            Some(Score { score: Some(v), .. }) if !(0..=grid.scale_max).contains(v) => {
                errors.add(&format!("score_{}", c.id), "evaluations-error-score")
            }
            None | Some(Score { score: None, .. }) if submit => {
                errors.add(&format!("score_{}", c.id), "common-error-required")
            }
            _ => {}
        }
    }
    errors.into_result()?;
    store::save_scores(&mut tx, id, scores).await?;
    finish(tx, user, id, submit).await
}

/// Saves the evaluator's place for the project in a ranking grid; with `submit`, the place is
/// required and may not repeat a place the evaluator already gave in the same call.
pub async fn save_place(
    db: &Db,
    user: &Viewer,
    id: i64,
    place: Option<i64>,
    comment: &str,
    submit: bool,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let ev = evaluation_in(&mut tx, user, id).await?;
    ev.require_open()?;
    if ev.grid.method != Method::Rank {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    match place {
        Some(p) if !(1..=ev.places).contains(&p) => errors.add("place", "evaluations-error-place"),
        Some(p)
            if submit
                && store::submitted_ranks(&mut tx, user.id, ev.project.call_id)
                    .await?
                    .iter()
                    .any(|(a, r)| *a != id && *r == p) =>
        {
            errors.add("place", "evaluations-error-place-taken")
        }
        None if submit => errors.add("place", "common-error-required"),
        _ => {}
    }
    errors.into_result()?;
    store::save_rank(&mut tx, id, place, comment.trim()).await?;
    finish(tx, user, id, submit).await
}

async fn finish(mut tx: Tx, user: &Viewer, id: i64, submit: bool) -> AppResult<()> {
    if submit {
        let now = tx.now_ms();
        store::submit_assignment(&mut tx, id, now).await?;
    }
    let action = if submit {
        "evaluation.submit"
    } else {
        "evaluation.save"
    };
    audit::record(&mut tx, &user.actor(), action, "assignment", id, "").await?;
    tx.commit().await?;
    Ok(())
}
