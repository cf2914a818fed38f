//! Commissions mixtes permanentes (CMP editions), their sessions and their priority themes.

pub mod actions;
pub mod edition_pages;
pub mod editions;
pub mod forms;
pub mod model;
pub mod paths;
pub mod policy;
pub mod routes;
pub mod session_pages;
pub mod sessions;
mod store;
pub mod tasks;

pub use model::{CoChair, Commission, Session, SessionKind, SessionState, Theme, Venue};
