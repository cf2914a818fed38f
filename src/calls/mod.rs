//! Calls for projects (appels à projets): attached to a CMP edition, bilingual guidelines,
//! priority themes, one deadline per side, eligibility and funding rules, and publication only
//! once every side has approved.

pub mod actions;
mod form_pages;
mod forms;
pub mod model;
pub mod pages;
mod store;

pub use model::{Call, CallState, Phase, SideTerms, TravelPayer};
pub mod paths;
pub mod policy;
pub mod routes;
