//! The counterpart: inviting the partner of the other side, and joining as that partner.

use super::paths;
use crate::ids::ProjectId;

use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};

use super::pages::{applicant_side, organisation_options, show_page};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
    users::{Email, forms::TokenQuery},
};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    email: String,
}

fn invite_page(ctx: &Ctx, id: i64, email: &str) -> FormPage {
    FormPage::new(
        ctx,
        "projects-invite-title",
        &format!("/projects/{id}/invite"),
        "projects-invite-submit",
    )
    .intro("projects-invite-intro")
    .field(Field::email(ctx, "email", "users-field-email", email).autocomplete("off"))
    .link(&format!("/projects/{id}"), "projects-back")
}

pub async fn invite_form(
    ctx: Ctx,
    paths::ProjectsInvite { id: ProjectId(id) }: paths::ProjectsInvite,
) -> Response {
    invite_page(&ctx, id, "").respond(&FieldErrors::default())
}

pub async fn invite(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsInvite { id: ProjectId(id) }: paths::ProjectsInvite,
    Form(f): Form<InviteForm>,
) -> AppResult<Response> {
    let Some(email) = Email::parse(&f.email) else {
        return Ok(invite_page(&ctx, id, &f.email)
            .respond(&FieldErrors::single("email", "users-error-email")));
    };
    match super::partner::invite_partner(
        &s.db,
        &s.settings.public_url,
        ctx.require_user()?,
        id,
        &email,
    )
    .await
    {
        Ok(()) => {
            show_page(
                &s,
                &ctx,
                id,
                &[],
                Some("projects-invite-sent"),
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::Conflict(k)) => Ok(invite_page(&ctx, id, &f.email)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(AppError::Invalid(e)) => Ok(invite_page(&ctx, id, &f.email).respond(&e)),
        Err(e) => Err(e),
    }
}

fn join_page(ctx: &Ctx, token: &str, org: &str, orgs: Vec<(String, String)>) -> FormPage {
    FormPage::new(
        ctx,
        "projects-join-title",
        "/projects/join",
        "projects-join-submit",
    )
    .intro("projects-join-intro")
    .hidden("token", token)
    .link(
        &format!(
            "/organisations/new?{}",
            crate::users::tokens::next_param(&format!("/projects/join?token={token}"))
                .trim_end_matches('&')
        ),
        "projects-join-register-organisation",
    )
    .field(Field::select(
        ctx,
        "organisation",
        "projects-field-organisation",
        orgs,
        org,
    ))
}

pub async fn join_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    if super::partner::invitation(&s.db, &q.token).await?.is_none() {
        return Ok(crate::users::pages::message(
            &ctx,
            StatusCode::GONE,
            "projects-join-expired",
            &[("/projects", "projects-mine-title")],
        ));
    }
    Ok(join_page(
        &ctx,
        &q.token,
        "",
        organisation_options(&s, applicant_side(u)?).await?,
    )
    .respond(&FieldErrors::default()))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct JoinForm {
    token: String,
    organisation: String,
}

pub async fn join(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<JoinForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    match super::partner::join_project(
        &s.db,
        &s.settings.public_url,
        u,
        &f.token,
        f.organisation.parse().unwrap_or(0),
    )
    .await
    {
        Ok(id) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) if e.get("token") == Some("users-token-invalid") => {
            Ok(crate::users::pages::message(
                &ctx,
                StatusCode::GONE,
                "projects-join-expired",
                &[("/projects", "projects-mine-title")],
            ))
        }
        Err(AppError::Invalid(e)) => Ok(join_page(
            &ctx,
            &f.token,
            &f.organisation,
            organisation_options(&s, applicant_side(u)?).await?,
        )
        .respond(&e)),
        Err(e) => Err(e),
    }
}
