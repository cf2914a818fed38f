//! Sides (the administrations that run a programme together) and programmes (N >= 2 sides).

pub mod actions;
pub mod model;
mod store;

pub use model::{Programme, Side, SideCode};
