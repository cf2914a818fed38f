//! Separate evaluation per side (rule 4): each side's grid, assignments of its own evaluators
//! to its own halves (conflicts of interest block them), scores and the side's ranking. Nothing
//! here is ever read for the other side.

pub mod actions;
pub mod model;
pub mod pages;
mod store;
