//! Receipts: the page, the PDF and the public key to verify them offline.

use super::paths;

use askama::Template;
use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{application_view::ApplicationView, filing};
use crate::{
    error::AppResult,
    http::{AppState, Ctx, render_status},
};

#[derive(Template)]
#[template(path = "projects/receipt.html")]
pub struct ReceiptPage {
    pub ctx: Ctx,
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    /// What was filed, by whom, where, when, what comes next: the receipt for people.
    pub sentences: Vec<String>,
    pub payload: String,
    pub signature: String,
    pub sha: String,
}

pub async fn receipt(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ReceiptsById { id }: paths::ReceiptsById,
) -> AppResult<Response> {
    let d = filing::receipt_document(&s.db, ctx.require_user()?, id).await?;
    let c = &d.version.content;
    let page = ReceiptPage {
        id,
        project_id: c.project_id,
        title: c.title.clone(),
        sentences: filing::receipt_sentences(
            ctx.locale,
            c,
            &d.call,
            d.side.administration.get(ctx.locale),
            d.now,
        ),
        payload: d.version.receipt.payload.clone(),
        signature: d.version.receipt.signature.clone(),
        sha: d.version.receipt.content_sha256.clone(),
        ctx,
    };
    Ok(render_status(StatusCode::OK, &page))
}

/// The application as filed, whole, opened by its receipt: a typeset PDF/A document dated on
/// the day it was filed.
pub async fn receipt_pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ReceiptsPdf { id }: paths::ReceiptsPdf,
) -> AppResult<Response> {
    let d = filing::receipt_document(&s.db, ctx.require_user()?, id).await?;
    let view = ApplicationView::of(&ctx, &d.version, &d.call, &d.themes, |_| String::new());
    let sentences = filing::receipt_sentences(
        ctx.locale,
        &d.version.content,
        &d.call,
        d.side.administration.get(ctx.locale),
        d.now,
    );
    let doc = view.document(
        &d.side,
        sentences,
        &format!("{}/receipts/public-key", s.settings.public_url),
    );
    let dated = crate::i18n::ymd(d.version.receipt.submitted_at, &d.side.time_zone);
    let bytes = crate::pdf::render(crate::pdf::Kind::Application, &doc, dated).await?;
    Ok(crate::pdf::attachment(bytes, &format!("receipt-{id}.pdf")))
}

/// The public key receipts are signed with, for offline verification.
pub async fn public_key(State(s): State<AppState>) -> AppResult<Response> {
    let key = filing::public_key(&s.db).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("ed25519 {key}\n"),
    )
        .into_response())
}
