//! The HTTP layer: router, middleware, the request context, layout and form rendering.
//!
//! A request flows: security headers → context (session, locale, CSRF, body limit, localized
//! error pages) → routing → authorization (the policy of the matched route) → handler →
//! one action.

mod authorize;
mod context;
pub mod form;
pub mod pages;
pub mod routes;
mod routes_cmp;

use std::{collections::HashMap, sync::Arc};

use askama::Template;
use axum::{
    Router,
    http::{Method, StatusCode},
    middleware,
    response::{Html, IntoResponse, Response},
};

pub use context::{CSRF_COOKIE, Ctx, LANG_COOKIE, SESSION_COOKIE, cookie_header};
pub use routes::{Access, RouteDef};

use crate::{config::Settings, db::Db, error::AppError};

/// Everything a handler may reach. Holds no per-user state: that lives in the database, so
/// any number of instances can serve the same users.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    policy: Arc<HashMap<(Method, &'static str), Access>>,
}

/// Builds the whole application. Tests call this and drive it in memory.
pub fn app(db: Db, settings: Settings) -> Router {
    app_from(routes::registry(), db, settings)
}

/// Builds the application from a registry: the policy comes from the registry's entries, and
/// anything routed without an entry is refused.
pub fn app_from(registry: routes::Registry, db: Db, settings: Settings) -> Router {
    let policy = registry
        .defs
        .iter()
        .map(|d| ((d.method.clone(), d.path), d.access))
        .collect();
    let state = AppState {
        db,
        settings: Arc::new(settings),
        policy: Arc::new(policy),
    };
    registry
        .router
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            authorize::authorize,
        ))
        .fallback(|| async { AppError::NotFound })
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            pages::panic_page,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            context::context,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            context::security_headers,
        ))
        .with_state(state)
}

/// Renders a template as an HTML response with `status`.
pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => AppError::Internal(e.into()).into_response(),
    }
}

/// Renders a template as a 200 HTML response.
pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

/// A 303 redirect after a successful form post.
pub fn see_other(to: &str) -> Response {
    axum::response::Redirect::to(to).into_response()
}
