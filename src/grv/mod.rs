//! The Grands Rendez-vous (issue 14): the programme's second system — editions of an event
//! whose call selects a cohort of would-be entrepreneurs for an online idea-acceleration
//! programme: editions set up by both sides' officers, the call for candidates, screening and
//! the joint selection, the programme (sessions, coaches, attendance, calendars) and the public
//! announcement of the cohort.
//!
//! Pure models (`model`, `candidacy`, `selection`, `sessions`, `photo`, `calendar`) ← `policy`
//! (pure) ← `store` (private SQL) ← actions (`editions`, `applying`, `screening`, `cohort`,
//! `programme`, `participants`, `announcement`, `tasks`) ← `*_pages` (thin handlers) ←
//! `routes`. See docs/ARCHITECTURE.md.

pub mod announcement;
mod announcement_pages;
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
pub mod photo;
pub mod policy;
pub mod programme;
mod programme_pages;
pub mod routes;
pub mod screening;
mod screening_pages;
pub mod selection;
mod session_pages;
pub mod sessions;
mod store;
pub mod tasks;
