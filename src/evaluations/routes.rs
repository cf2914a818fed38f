//! Routes of each side's separate evaluation: the officers' side view and grid, evaluators'
//! conflicts and evaluations.

use axum_extra::routing::TypedPath;

use super::{evaluator_pages as evaluator, grid_pages as grids, pages, paths};
use crate::{
    http::{Access::AnyOf, Registry},
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];
const EVALUATORS: &[Role] = &[Role::Evaluator];

pub fn routes(r: Registry) -> Registry {
    r.get(paths::CallsEvaluations::PATH, AnyOf(OFFICERS), pages::side)
        .post(
            paths::CallsEvaluations::PATH,
            AnyOf(OFFICERS),
            pages::save_table,
        )
        .post(
            paths::CallsEvaluationsAssign::PATH,
            AnyOf(OFFICERS),
            pages::assign,
        )
        .post(
            paths::CallsEvaluationsPropose::PATH,
            AnyOf(OFFICERS),
            pages::propose,
        )
        .post(
            paths::CallsEvaluationsRecommend::PATH,
            AnyOf(OFFICERS),
            pages::recommend,
        )
        .post(
            paths::CallsEvaluationsAffiliations::PATH,
            AnyOf(OFFICERS),
            pages::affiliate,
        )
        .get("/calls/{id}/grid", AnyOf(OFFICERS), grids::grid_form)
        .post("/calls/{id}/grid", AnyOf(OFFICERS), grids::save_grid)
        .get(
            paths::CallsConflicts::PATH,
            AnyOf(EVALUATORS),
            evaluator::conflicts,
        )
        .post(
            paths::CallsConflicts::PATH,
            AnyOf(EVALUATORS),
            evaluator::declare,
        )
        .get("/evaluations", AnyOf(EVALUATORS), evaluator::mine)
        .get(
            paths::EvaluationsById::PATH,
            AnyOf(EVALUATORS),
            evaluator::evaluation_form,
        )
        .post(
            paths::EvaluationsById::PATH,
            AnyOf(EVALUATORS),
            evaluator::save_evaluation,
        )
        .get(
            paths::EvaluationsFile::PATH,
            AnyOf(EVALUATORS),
            evaluator::application_file,
        )
}
