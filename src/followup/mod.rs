//! Project follow-up (suivi): a project selected at a commission session becomes a funded
//! project with a term (start and end dates), keeping the link to its application and to the
//! decision. Missions, the mid-term review, new calendars and reports build on it.

pub mod actions;
pub mod calendar;
mod change_views;
pub mod closing;
pub mod commission_pages;
pub mod dashboard;
pub mod dashboard_pages;
pub mod exports;
pub mod extensions;
pub mod form_pages;
pub mod iati;
pub mod midterm;
pub mod mission_changes;
pub mod missions;
pub mod model;
pub mod pages;
pub mod reads;
mod store;
pub mod tasks;
pub mod termination;

pub use model::{FundedProject, FundedState};
pub mod paths;
pub mod policy;
pub mod routes;
