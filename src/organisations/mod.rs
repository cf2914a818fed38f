//! Organisations (universities, NGOs, cultural bodies, companies…) on each side.

pub mod actions;
pub mod model;
mod store;

pub use model::{Organisation, OrganisationKind};
