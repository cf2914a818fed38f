//! Organisations (universities, NGOs, cultural bodies, companies…) on each side.

pub mod actions;
pub mod model;
pub mod pages;
mod store;

pub use model::{Organisation, OrganisationKind};
pub mod policy;
pub mod routes;
