//! Sides (the administrations that run a programme together) and programmes (N >= 2 sides).

pub mod actions;
pub mod model;
pub mod routes;
pub mod setup_pages;
mod store;

pub use model::{FundingDefaults, Programme, Side, SideCaps, SideCode};
