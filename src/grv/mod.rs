//! The Grands Rendez-vous (issue 14): the programme's second system — editions of an event
//! whose call selects a cohort of would-be entrepreneurs for an online idea-acceleration
//! programme. So far: editions set up by both sides' officers and their lifecycle.
//!
//! `model` (pure: an edition, its format and states, its rules) ← `policy` (pure) ← `store`
//! (private SQL) ← `editions` (actions) ← `pages` (thin handlers) ← `routes`.

mod apply_pages;
pub mod applying;
pub mod calendar;
mod call_pages;
pub mod candidacy;
pub mod cohort;
mod cohort_pages;
pub mod editions;
pub mod model;
mod pages;
mod participant_pages;
pub mod participants;
pub mod paths;
pub mod policy;
pub mod programme;
mod programme_pages;
pub mod routes;
pub mod screening;
mod screening_pages;
pub mod selection;
pub mod sessions;
mod store;
pub mod tasks;
