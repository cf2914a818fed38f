//! The composition root: every domain's routes, and the application built from them. The only
//! module that names every domain; the HTTP kit names none.

use axum::Router;

use crate::{
    calls, config::Settings, db::Db, decisions, evaluations, followup, http, organisations,
    projects, site, users,
};

/// Every route of the application with its access.
pub fn registry() -> http::Registry {
    http::Registry::default()
        .with(site::routes::routes)
        .with(users::routes::routes)
        .with(calls::routes::routes)
        .with(organisations::routes::routes)
        .with(projects::routes::routes)
        .with(evaluations::routes::routes)
        .with(decisions::routes::routes)
        .with(followup::routes::routes)
}

/// Builds the whole application. Tests call this and drive it in memory.
pub fn app(db: Db, settings: Settings) -> Router {
    app_from(registry(), db, settings)
}

/// Builds the application from `registry` (tests add routes to check the gate).
pub fn app_from(registry: http::Registry, db: Db, settings: Settings) -> Router {
    http::app_from(registry, db, settings, users::actions::session_lookup)
}
