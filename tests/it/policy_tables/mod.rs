//! Each domain's policy as a table written by hand from DOMAIN.md (role × relation to the
//! object × state → allowed), not generated from the code: a row that fails is a disagreement
//! with the rules to look at. The access sweep (`access.rs`) takes its expectations from them.

pub mod accounts;
pub mod calls;
pub mod decisions;
pub mod evaluations;
pub mod followup;
pub mod projects;
