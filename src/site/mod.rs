//! The public portal: the home page (programmes, their commissions and sessions), the language
//! switch, health and static assets.

pub mod pages;
pub mod reads;
pub mod routes;
