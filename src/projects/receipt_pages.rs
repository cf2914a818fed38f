//! Receipts: the page, the PDF and the public key to verify them offline.

use super::paths;

use askama::Template;
use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::filing;
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
    pub payload: String,
    pub signature: String,
    pub sha: String,
}

pub async fn receipt(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ReceiptsById { id }: paths::ReceiptsById,
) -> AppResult<Response> {
    let (r, p) = filing::get_receipt(&s.db, ctx.require_user()?, id).await?;
    let page = ReceiptPage {
        ctx,
        id,
        project_id: p.id,
        title: p.title,
        payload: r.payload,
        signature: r.signature,
        sha: r.content_sha256,
    };
    Ok(render_status(StatusCode::OK, &page))
}

/// The receipt as a PDF download.
pub async fn receipt_pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ReceiptsPdf { id }: paths::ReceiptsPdf,
) -> AppResult<Response> {
    let (r, p) = filing::get_receipt(&s.db, ctx.require_user()?, id).await?;
    let l = ctx.locale;
    let lines = vec![
        format!("{} : {}", ctx.t("projects-field-title"), p.title),
        String::new(),
        ctx.t("projects-receipt-intro"),
        String::new(),
        format!("{} :", ctx.t("projects-receipt-content")),
        r.content_sha256.clone(),
        String::new(),
        format!("{} :", ctx.t("projects-receipt-payload")),
        r.payload.clone(),
        String::new(),
        format!("{} :", ctx.t("projects-receipt-signature")),
        r.signature.clone(),
        String::new(),
        l.t1(
            "projects-receipt-key-at",
            "url",
            format!("{}/receipts/public-key", s.settings.public_url),
        ),
    ];
    let bytes = crate::pdf::render(&ctx.t("projects-receipt-title"), &lines);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"receipt-{id}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response())
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
