//! Commissions mixtes permanentes (CMP editions), their sessions and their priority themes.

pub mod actions;
pub mod model;
mod store;

pub use model::{CoChair, Commission, Session, SessionKind, SessionState, Theme, Venue};
