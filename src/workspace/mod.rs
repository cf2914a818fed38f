//! Each person's workspace ("Mon espace"): what is theirs to do, for every role they hold,
//! gathered from each domain's task list in one read transaction. The landing page after
//! login.

pub mod model;
pub mod pages;
pub mod reads;
pub mod routes;
pub mod sections;

/// The workspace's path: where everyone lands after signing in.
pub const PATH: &str = crate::http::LANDING;
