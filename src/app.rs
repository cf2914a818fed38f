//! The composition root: every domain's routes, and the application built from them. The only
//! module that names every domain; the HTTP kit names none.

use axum::Router;

use crate::{
    calls, commissions, config::Settings, db::Db, decisions, evaluations, followup, grv, http,
    organisations, programmes, projects, site, users, workspace,
};

/// Every route of the application with its access.
pub fn registry() -> http::Registry {
    http::Registry::default()
        .with(site::routes::routes)
        .with(users::routes::routes)
        .with(programmes::routes::routes)
        .with(commissions::routes::routes)
        .with(calls::routes::routes)
        .with(organisations::routes::routes)
        .with(projects::routes::routes)
        .with(evaluations::routes::routes)
        .with(decisions::routes::routes)
        .with(followup::routes::routes)
        .with(grv::routes::routes)
        .with(workspace::routes::routes)
}

/// Builds the whole application. Tests call this and drive it in memory.
pub fn app(db: Db, settings: Settings) -> Router {
    app_from(registry(), db, settings)
}

/// Builds the application from `registry` (tests add routes to check the gate).
pub fn app_from(registry: http::Registry, db: Db, settings: Settings) -> Router {
    #[cfg(feature = "test-clock")]
    let clock = test_clock(&db);
    let app = http::app_from(registry, db, settings, users::actions::session_lookup);
    #[cfg(feature = "test-clock")]
    let app = app.merge(clock);
    app
}

/// `POST /__test/clock?advance_ms=N` moves the application's clock forward, so the browser
/// tests go past a deadline without waiting. Only in builds with the `test-clock` feature, and
/// outside the registry (no production route depends on it).
#[cfg(feature = "test-clock")]
fn test_clock(db: &Db) -> Router {
    use axum::{extract::Query, routing::post};
    #[derive(serde::Deserialize)]
    struct Advance {
        advance_ms: i64,
    }
    let clock = db.clock().clone();
    Router::new().route(
        "/__test/clock",
        post(move |Query(a): Query<Advance>| async move {
            clock.advance(a.advance_ms);
            axum::http::StatusCode::NO_CONTENT
        }),
    )
}
