//! Commissions mixtes permanentes (CMP editions), their sessions and their priority themes.

pub mod actions;
pub mod editions;
pub mod model;
pub mod pages;
pub mod paths;
pub mod policy;
pub mod routes;
mod store;

pub use model::{CoChair, Commission, Session, SessionKind, SessionState, Theme, Venue};
