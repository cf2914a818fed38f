//! The HTTP kit: request context, forms, rendering, the route registry type and the
//! authorization gate. It depends only on the foundations (db, error, i18n, auth, config,
//! viewer): domains plug their routes into a [`Registry`] and `crate::app` assembles them; the
//! one thing the kit needs from a domain, finding the user behind a session cookie, is handed
//! to it as a [`SessionLookup`].
//!
//! A request flows: security headers → context (session, locale, CSRF, body limit, localized
//! error pages) → routing → authorization (the access of the matched route) → handler → one
//! action.

mod authorize;
mod context;
pub mod error_pages;
pub mod form;
mod form_rows;
pub mod registry;
pub mod sort;

use std::{collections::HashMap, future::Future, pin::Pin, sync::Arc};

use askama::Template;
use axum::{
    Router,
    http::{Method, StatusCode},
    middleware,
    response::{Html, IntoResponse, Response},
};

pub use authorize::{Decision, decide};
pub use context::{
    CSRF_COOKIE, Ctx, DEVICE_COOKIE, LANG_COOKIE, Nav, SESSION_COOKIE, cookie_header, when_in_zone,
};
pub use registry::{Access, Registry, RouteDef};

/// Where a person lands after signing in (their workspace), unless they were on their way
/// somewhere.
pub const LANDING: &str = "/me";

use crate::{config::Settings, db::Db, error::AppError, viewer::Viewer};

/// What a [`SessionLookup`] answers: the signed-in user and their CSRF token, if the session
/// is valid.
pub type SessionFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Option<(Viewer, String)>, AppError>> + Send + 'a>>;

/// Finds the signed-in user and their CSRF token behind a session cookie's token.
pub type SessionLookup = for<'a> fn(&'a Db, &'a str) -> SessionFuture<'a>;

/// Everything a handler may reach. Holds no per-user state: that lives in the database, so
/// any number of instances can serve the same users.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    policy: Arc<DoorPolicy>,
    sessions: SessionLookup,
}

/// The door's policy: each route's access, by method and path pattern.
pub type DoorPolicy = HashMap<(Method, &'static str), Access>;

/// Builds the application from a registry: the door policy comes from the registry's entries,
/// and anything routed without an entry is refused.
pub fn app_from(registry: Registry, db: Db, settings: Settings, sessions: SessionLookup) -> Router {
    let policy = registry
        .defs
        .iter()
        .map(|d| ((d.method.clone(), d.path), d.access))
        .collect();
    let state = AppState {
        db,
        settings: Arc::new(settings),
        policy: Arc::new(policy),
        sessions,
    };
    registry
        .router
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            authorize::authorize,
        ))
        .fallback(|| async { AppError::NotFound })
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error_pages::panic_page,
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

/// A stored file as a download, never inline (a file someone uploaded is not rendered by our
/// origin), under its name in ASCII and in UTF-8 (RFC 6266).
pub fn file_download(filename: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    file_response(filename, content_type, bytes, "attachment")
}

/// Marks a response that our own pages may show in a frame (a PDF's inline preview): the
/// security headers then allow same-origin framing for it, and nothing else.
#[derive(Clone, Copy, Debug)]
pub struct Framable;

/// Whether a file of this type is shown inline (previewed beside what it belongs to): PDFs and
/// the raster images uploads accept — types checked from the bytes when uploaded.
pub fn previewable(content_type: &str) -> bool {
    matches!(
        content_type,
        "application/pdf" | "image/png" | "image/jpeg" | "image/webp"
    )
}

/// A file for the browser to show inline when it is [`previewable`] (framable by our pages
/// only), downloaded otherwise.
pub fn file_inline(filename: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    if !previewable(content_type) {
        return file_download(filename, content_type, bytes);
    }
    let mut res = file_response(filename, content_type, bytes, "inline");
    res.extensions_mut().insert(Framable);
    res
}

fn file_response(
    filename: &str,
    content_type: &str,
    bytes: Vec<u8>,
    disposition: &str,
) -> Response {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // RFC 8187 percent-encoding (a space is %20, not form encoding's +).
    let utf8: String = form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    (
        [
            (axum::http::header::CONTENT_TYPE, content_type.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{utf8}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A 303 redirect after a successful form post.
pub fn see_other(to: &str) -> Response {
    axum::response::Redirect::to(to).into_response()
}
