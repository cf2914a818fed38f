//! What a session produces: the minutes (page and PDF, French or English) with the co-chairs'
//! signatures, and the session's `.ics`.

use super::paths;
use crate::ids::{ProjectId, SessionId};

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};

use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render_status, see_other},
};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct LangQuery {
    lang: String,
}

#[derive(Template)]
#[template(path = "decisions/minutes.html")]
pub struct MinutesPage {
    pub ctx: Ctx,
    pub id: i64,
    pub m: super::documents::Minutes,
    pub notice: Option<String>,
}

fn minutes_locale(ctx: &Ctx, q: &LangQuery) -> crate::i18n::Locale {
    crate::i18n::Locale::parse(&q.lang).unwrap_or(ctx.locale)
}

/// The minutes as a page, in French or English (`?lang=`).
pub async fn minutes(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsMinutes { id: SessionId(id) }: paths::SessionsMinutes,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let locale = minutes_locale(&ctx, &q);
    minutes_page(&s, ctx, id, locale, None).await
}

async fn minutes_page(
    s: &AppState,
    ctx: Ctx,
    id: i64,
    locale: crate::i18n::Locale,
    notice: Option<&str>,
) -> AppResult<Response> {
    let m = super::documents::minutes(&s.db, ctx.require_user()?, id, locale).await?;
    let status = if notice.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let page = MinutesPage {
        id,
        m,
        notice: notice.map(|k| ctx.t(k)),
        ctx,
    };
    Ok(render_status(status, &page))
}

/// The minutes as PDF, in French or English.
pub async fn minutes_pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsMinutesPdf { id: SessionId(id) }: paths::SessionsMinutesPdf,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let locale = minutes_locale(&ctx, &q);
    let m = super::documents::minutes(&s.db, ctx.require_user()?, id, locale).await?;
    let bytes = crate::pdf::render(crate::pdf::Kind::Minutes, &m, m.dated).await?;
    Ok(crate::pdf::attachment(
        bytes,
        &format!("minutes-{id}-{}.pdf", locale.html_lang()),
    ))
}

pub async fn ics(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsIcs { id: SessionId(id) }: paths::SessionsIcs,
) -> AppResult<Response> {
    let body = super::documents::ics(
        &s.db,
        ctx.require_user()?,
        id,
        &ctx.t("decisions-ics-title"),
        &s.settings.public_url,
    )
    .await?;
    Ok(crate::calendar::response(
        body,
        &format!("session-{id}.ics"),
    ))
}

/// Signs the minutes for the user's side (co-chair or delegate), once the session is closed.
pub async fn sign(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsSign { id: SessionId(id) }: paths::SessionsSign,
    axum::Form(f): axum::Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    match super::documents::sign(&s.db, ctx.require_user()?, id, &f.seen).await {
        // A changed record shows the minutes again with the message.
        Err(AppError::Conflict(k)) if k == "common-error-changed-since" => {
            let locale = ctx.locale;
            minutes_page(&s, ctx, id, locale, Some(&k)).await
        }
        Ok(()) | Err(AppError::Conflict(_)) => Ok(see_other(
            &paths::SessionsMinutes {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(e) => Err(e),
    }
}

/// The decision letter of the user's half as PDF, in the user's language (or `?lang=`).
pub async fn letter_pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsLetterPdf { id: ProjectId(id) }: paths::ProjectsLetterPdf,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let locale = minutes_locale(&ctx, &q);
    let letter = super::actions::letter(&s.db, ctx.require_user()?, id, locale).await?;
    let bytes = crate::pdf::render(crate::pdf::Kind::DecisionLetter, &letter, letter.dated).await?;
    Ok(crate::pdf::attachment(
        bytes,
        &format!("decision-{id}-{}.pdf", locale.html_lang()),
    ))
}
