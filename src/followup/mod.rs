//! Project follow-up (suivi): a project selected at a commission session becomes a funded
//! project with a term (start and end dates), keeping the link to its application and to the
//! decision. Missions, the mid-term review, new calendars and reports build on it.

pub mod actions;
pub mod model;
mod store;

pub use model::FundedProject;
