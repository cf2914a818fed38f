//! Separate evaluation per side (rule 4): each side's grid, assignments of its own evaluators
//! to its own halves (conflicts of interest block them), scores and the side's ranking. Nothing
//! here is ever read for the other side. A side may rank instead of scoring; its officers write
//! a consolidated recommendation per half; evaluators are reminded before the due date.

pub mod actions;
pub mod assign;
pub mod evaluate;
pub mod evaluator_pages;
pub mod grid_pages;
pub mod model;
pub mod pages;
pub mod paths;
pub mod policy;
pub mod reminders;
pub mod routes;
mod store;
pub mod tasks;
