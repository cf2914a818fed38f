//! The evaluation work waiting for officers (their side's progress per call) and evaluators
//! (their assignments), for their workspace: a fixed number of statements each.

use super::store;
use crate::{db::Tx, error::AppResult, i18n::Localized, projects, viewer::Viewer};

/// How far one side's evaluation of a published call is.
pub struct CallProgress {
    pub call_id: i64,
    pub call_title: Localized,
    pub filed: i64,
    pub unassigned: i64,
    pub assigned: i64,
    pub submitted: i64,
    pub has_grid: bool,
    pub due_at: Option<i64>,
}

impl CallProgress {
    /// Nothing left to do: a grid, every filed half assigned, every assignment submitted.
    pub fn complete(&self) -> bool {
        self.has_grid && self.unassigned == 0 && self.submitted == self.assigned
    }
}

/// The evaluations of `side` still under way, per published call.
pub async fn progress_in(tx: &mut Tx, side: i64) -> AppResult<Vec<CallProgress>> {
    Ok(store::progress(tx, side)
        .await?
        .into_iter()
        .map(|r| CallProgress {
            call_id: r.call_id,
            call_title: Localized::new(r.title_fr, r.title_en),
            filed: r.filed,
            unassigned: r.unassigned,
            assigned: r.assigned,
            submitted: r.submitted,
            has_grid: r.has_grid > 0,
            due_at: r.due_at,
        })
        .filter(|p| !p.complete())
        .collect())
}

/// One of an evaluator's assignments, for their workspace.
pub struct Assignment {
    pub id: i64,
    /// The project's title as the evaluator's side filed it.
    pub title: String,
    pub call_title: Localized,
    pub submitted: bool,
    /// Still to evaluate if not submitted: the half is filed and admissible (or not decided),
    /// and the evaluator declared no conflict with the project.
    pub open: bool,
    pub due_at: Option<i64>,
    /// The evaluator's side's zone, in which the due date is set.
    pub time_zone: String,
}

/// The evaluator's assignments, those still to do first.
pub async fn assignments_in(tx: &mut Tx, user: &Viewer) -> AppResult<Vec<Assignment>> {
    let rows = store::assignments(tx, user.id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.project_id).collect();
    let side = user.acting_side().unwrap_or_default();
    let filed = projects::actions::projects_for_side(tx, &ids, side).await?;
    Ok(rows
        .into_iter()
        .map(|r| Assignment {
            id: r.id,
            title: filed
                .iter()
                .find(|p| p.id == r.project_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            call_title: Localized::new(r.call_title_fr, r.call_title_en),
            submitted: r.state == "submitted",
            open: r.open > 0,
            due_at: r.due_at,
            time_zone: r.time_zone,
        })
        .collect())
}
