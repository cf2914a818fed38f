//! Localized error pages: every refusal, whether from a handler or from axum itself, is
//! answered with a page in the visitor's language.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::{Ctx, render_status};
use crate::error::ErrorPage;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorTemplate {
    pub ctx: Ctx,
    pub code: u16,
    pub title: String,
    pub message: String,
}

/// A localized error page for `status`, with an optional more precise message.
pub fn error_page(ctx: &Ctx, status: StatusCode, detail: Option<&str>) -> Response {
    let code = match status.as_u16() {
        c @ (400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 429) => c,
        c if c >= 500 => 500,
        _ => 400,
    };
    let page = ErrorTemplate {
        ctx: ctx.clone(),
        code: status.as_u16(),
        title: ctx.t(&format!("error-{code}-title")),
        message: ctx.t(detail.unwrap_or(&format!("error-{code}-message"))),
    };
    render_status(status, &page)
}

/// A panic in a handler: logged, answered with the localized 500 page by the context layer.
pub fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    let mut res = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    res.extensions_mut()
        .insert(ErrorPage(StatusCode::INTERNAL_SERVER_ERROR));
    res
}
