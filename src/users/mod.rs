//! People and what they may do: accounts, email verification, login sessions, password reset,
//! invitations, and role grants per side.

pub mod actions;
pub mod admin;
mod admin_pages;
mod emails;
pub mod forms;
pub mod model;
mod notifications;
pub mod pages;
mod store;
pub mod tasks;
mod token_pages;
pub mod tokens;

pub use model::{Email, Grant, Role, Viewer};
pub mod paths;
pub mod policy;
pub mod routes;
