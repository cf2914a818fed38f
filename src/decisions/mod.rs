//! The joint commission session (séance de la CMP): the agenda built from both sides'
//! rankings, which each side sees only once the session is open, and joint decisions that
//! exist only when every side has approved them (rule 5). Also the session's `.ics`.

pub mod actions;
pub mod agenda;
pub mod document_pages;
pub mod documents;
pub mod model;
pub mod pages;
pub mod paths;
pub mod policy;
pub mod resolution_pages;
pub mod resolutions;
pub mod routes;
mod store;
pub mod tasks;
