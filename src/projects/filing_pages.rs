//! The lead's irreversible acts on their half, from the project page: file it, reopen it as a
//! new draft, withdraw it (confirmed). Each answers on the project page with why when refused.

use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{actions, filing, forms::FileForm, pages::show_page, paths};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, see_other},
    ids::ProjectId,
};

pub async fn file(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsFile { id: ProjectId(id) }: paths::ProjectsFile,
    Form(f): Form<FileForm>,
) -> AppResult<Response> {
    match filing::file_half(
        &s.db,
        &s.settings.public_url,
        ctx.require_user()?,
        id,
        f.version,
    )
    .await
    {
        Ok(rid) => Ok(see_other(&paths::ReceiptsById { id: rid }.to_string())),
        Err(AppError::Invalid(e)) => {
            let problems: Vec<String> = e.0.values().map(|k| ctx.t(k)).collect();
            show_page(
                &s,
                &ctx,
                id,
                &problems,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(k)) => {
            show_page(&s, &ctx, id, &[], Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

pub async fn withdraw(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsWithdraw { id: ProjectId(id) }: paths::ProjectsWithdraw,
    Form(f): Form<ConfirmForm>,
) -> AppResult<Response> {
    // Irreversible: only with the box that says what will happen ticked.
    if f.confirm != "yes" {
        return show_page(
            &s,
            &ctx,
            id,
            &[],
            Some("projects-withdraw-unconfirmed"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match actions::withdraw_half(&s.db, &s.settings.public_url, ctx.require_user()?, id).await {
        Ok(()) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(k)) => {
            show_page(&s, &ctx, id, &[], Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// A box to tick before an irreversible act.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub confirm: String,
}

/// Reopens the lead's filed half as a new draft (before the deadline).
pub async fn reopen(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsReopen { id: ProjectId(id) }: paths::ProjectsReopen,
) -> AppResult<Response> {
    match super::filed::reopen_half(&s.db, ctx.require_user()?, id).await {
        Ok(()) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(k)) => {
            show_page(&s, &ctx, id, &[], Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
