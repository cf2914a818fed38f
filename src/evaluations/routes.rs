//! Routes of each side's separate evaluation: the officers' side view and grid, evaluators'
//! conflicts and evaluations.

use super::{evaluator_pages as evaluator, grid_pages as grids, pages};
use crate::{
    http::{Access::AnyOf, Registry},
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];
const EVALUATORS: &[Role] = &[Role::Evaluator];

pub fn routes(r: Registry) -> Registry {
    r.get("/calls/{id}/evaluations", AnyOf(OFFICERS), pages::side)
        .post(
            "/calls/{id}/evaluations/assign",
            AnyOf(OFFICERS),
            pages::assign,
        )
        .post(
            "/calls/{id}/evaluations/propose",
            AnyOf(OFFICERS),
            pages::propose,
        )
        .post(
            "/calls/{id}/evaluations/recommend",
            AnyOf(OFFICERS),
            pages::recommend,
        )
        .post(
            "/calls/{id}/evaluations/affiliations",
            AnyOf(OFFICERS),
            pages::affiliate,
        )
        .get("/calls/{id}/grid", AnyOf(OFFICERS), grids::grid_form)
        .post("/calls/{id}/grid", AnyOf(OFFICERS), grids::save_grid)
        .get(
            "/calls/{id}/conflicts",
            AnyOf(EVALUATORS),
            evaluator::conflicts,
        )
        .post(
            "/calls/{id}/conflicts",
            AnyOf(EVALUATORS),
            evaluator::declare,
        )
        .get("/evaluations", AnyOf(EVALUATORS), evaluator::mine)
        .get(
            "/evaluations/{id}",
            AnyOf(EVALUATORS),
            evaluator::evaluation_form,
        )
        .post(
            "/evaluations/{id}",
            AnyOf(EVALUATORS),
            evaluator::save_evaluation,
        )
}
