//! The public call for candidates (issue 14, item 2): the list of the Grands Rendez-vous, an
//! edition's call with each side's deadline and its "apply" button, and starting a candidacy.
//! Each calls one action of [`super::applying`].

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};

use super::{
    applying,
    model::EditionState,
    pages::{dates, format_and_place},
    paths,
};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render, render_status, see_other},
    ids::GrvEditionId,
};

#[derive(Template)]
#[template(path = "grv/calls.html")]
pub struct CallsTemplate {
    pub ctx: Ctx,
    /// (call URL, title, theme, dates, format, state, takes candidacies now)
    pub editions: Vec<(String, String, String, String, String, String, bool)>,
}

pub async fn calls(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let list = applying::public_list(&s.db).await?;
    let l = ctx.locale;
    let editions = list
        .iter()
        .map(|(e, open)| {
            (
                paths::Call::url(e.id),
                e.name(l),
                e.input.theme.get(l).to_string(),
                dates(&ctx, &e.input),
                format_and_place(&ctx, &e.input),
                ctx.t(&e.state.key()),
                *open,
            )
        })
        .collect();
    Ok(render(&CallsTemplate { ctx, editions }))
}

#[derive(Template)]
#[template(path = "grv/call.html")]
pub struct CallTemplate {
    pub ctx: Ctx,
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub dates: String,
    pub format: String,
    /// (side, deadline in both zones, or "not set")
    pub deadlines: Vec<(String, String)>,
    pub open: bool,
    pub state: String,
    pub can_apply: bool,
    /// The viewer's candidacy: (review URL, its state).
    pub mine: Option<(String, String)>,
    /// Where an anonymous visitor signs in to apply (and comes back).
    pub login: Option<String>,
    pub notice: Option<String>,
    /// The cohort's public page, once it stands.
    pub cohort: Option<String>,
}

async fn call_template(
    s: &AppState,
    ctx: Ctx,
    id: i64,
    notice: Option<&str>,
) -> AppResult<CallTemplate> {
    let p = applying::call_page(&s.db, ctx.user.as_ref(), id).await?;
    let l = ctx.locale;
    let e = &p.edition;
    let sides: Vec<_> = p.sides.iter().map(|(s, _)| s.clone()).collect();
    Ok(CallTemplate {
        id,
        title: e.name(l),
        theme: e.input.theme.get(l).to_string(),
        dates: dates(&ctx, &e.input),
        format: format_and_place(&ctx, &e.input),
        deadlines: p
            .sides
            .iter()
            .map(|(s, d)| {
                let when = d.as_ref().map_or_else(
                    || ctx.t("grv-deadline-unset"),
                    |d| applying::in_every_zone(l, &sides, d.at),
                );
                (s.name.get(l).to_string(), when)
            })
            .collect(),
        open: p.open,
        cohort: (e.state >= EditionState::CohortSelected).then(|| paths::CallCohort::url(id)),
        state: ctx.t(&e.state.key()),
        can_apply: p.can_apply,
        mine: p
            .mine
            .as_ref()
            .map(|c| (paths::CandidaciesReview::url(c.id), ctx.t(&c.state.key()))),
        login: ctx
            .user
            .is_none()
            .then(|| crate::users::pages::login_then(&paths::Call::url(id))),
        notice: notice
            .map(|k| ctx.t(k))
            .or_else(|| (e.state > EditionState::CallOpen).then(|| ctx.t("grv-call-ended"))),
        ctx,
    })
}

pub async fn call(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::Call {
        id: GrvEditionId(id),
    }: paths::Call,
) -> AppResult<Response> {
    Ok(render(&call_template(&s, ctx, id, None).await?))
}

pub async fn apply(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallApply {
        id: GrvEditionId(id),
    }: paths::CallApply,
) -> AppResult<Response> {
    match applying::apply(&s.db, ctx.require_user()?, id).await {
        Ok(c) => Ok(see_other(&paths::Candidacies::url(c))),
        Err(AppError::Conflict(k)) => Ok(render_status(
            StatusCode::CONFLICT,
            &call_template(&s, ctx, id, Some(&k)).await?,
        )),
        Err(e) => Err(e),
    }
}
