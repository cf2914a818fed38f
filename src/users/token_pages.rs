//! Pages reached from emailed links: email confirmation (and a new link), forgotten password,
//! password reset, invitation. A link is checked before its form is shown, and consumed only by
//! the form's POST, so mail scanners that follow links cannot use it up.

use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};

use super::{forms::*, model::TokenPurpose, pages::message, tokens};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*},
};

fn expired(ctx: &Ctx, purpose: TokenPurpose) -> Response {
    let (href, key) = match purpose {
        TokenPurpose::VerifyEmail => ("/verify-email/resend", "users-resend-title"),
        TokenPurpose::ResetPassword => ("/password/forgot", "users-forgot-title"),
        TokenPurpose::Invitation => ("/login", "users-login-title"),
    };
    let page = format!("users-token-expired-{}", purpose.as_str().replace('_', "-"));
    message(ctx, StatusCode::GONE, &page, &[(href, key)])
}

pub async fn verify_email_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    if !tokens::token_is_valid(&s.db, &q.token, TokenPurpose::VerifyEmail).await? {
        return Ok(expired(&ctx, TokenPurpose::VerifyEmail));
    }
    Ok(FormPage::new(
        &ctx,
        "users-verify-title",
        "/verify-email",
        "users-verify-submit",
    )
    .intro("users-verify-intro")
    .hidden("token", &q.token)
    .hidden("next", super::forms::safe_next(&q.next))
    .respond(&FieldErrors::default()))
}

pub async fn verify_email(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TokenQuery>,
) -> AppResult<Response> {
    match tokens::confirm_email(&s.db, &f.token).await {
        Ok(()) => Ok(message(
            &ctx,
            StatusCode::OK,
            "users-verified",
            &[(&super::pages::login_then(&f.next), "users-login-title")],
        )),
        Err(AppError::Invalid(_)) => Ok(expired(&ctx, TokenPurpose::VerifyEmail)),
        Err(e) => Err(e),
    }
}

fn email_page(ctx: &Ctx, title: &str, action: &str, intro: &str, value: &str) -> FormPage {
    FormPage::new(ctx, title, action, "common-send")
        .intro(intro)
        .field(Field::email(ctx, "email", "users-field-email", value))
}

pub async fn resend_form(ctx: Ctx) -> Response {
    email_page(
        &ctx,
        "users-resend-title",
        "/verify-email/resend",
        "users-resend-intro",
        "",
    )
    .respond(&FieldErrors::default())
}

pub async fn resend(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> AppResult<Response> {
    match tokens::resend_verification(&s.db, &s.settings.public_url, &f.email).await {
        Ok(()) => Ok(message(
            &ctx,
            StatusCode::OK,
            "users-resend-done",
            &[("/login", "users-login-title")],
        )),
        Err(AppError::Invalid(e)) => Ok(email_page(
            &ctx,
            "users-resend-title",
            "/verify-email/resend",
            "users-resend-intro",
            &f.email,
        )
        .respond(&e)),
        Err(e) => Err(e),
    }
}

pub async fn forgot_form(ctx: Ctx) -> Response {
    email_page(
        &ctx,
        "users-forgot-title",
        "/password/forgot",
        "users-forgot-intro",
        "",
    )
    .respond(&FieldErrors::default())
}

pub async fn forgot(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> AppResult<Response> {
    match tokens::request_password_reset(&s.db, &s.settings.public_url, &f.email).await {
        Ok(()) => Ok(message(
            &ctx,
            StatusCode::OK,
            "users-forgot-done",
            &[("/login", "users-login-title")],
        )),
        Err(AppError::Invalid(e)) => Ok(email_page(
            &ctx,
            "users-forgot-title",
            "/password/forgot",
            "users-forgot-intro",
            &f.email,
        )
        .respond(&e)),
        Err(e) => Err(e),
    }
}

fn password_page(ctx: &Ctx, purpose: TokenPurpose, token: &str) -> FormPage {
    let (title, action) = match purpose {
        TokenPurpose::Invitation => ("users-invitation-title", "/invitation"),
        _ => ("users-reset-title", "/password/reset"),
    };
    FormPage::new(ctx, title, action, "users-reset-submit")
        .hidden("token", token)
        .field(
            Field::password(ctx, "password", "users-field-new-password", "new-password")
                .hint(ctx, "users-password-hint"),
        )
}

async fn password_form(
    s: AppState,
    ctx: Ctx,
    token: String,
    purpose: TokenPurpose,
) -> AppResult<Response> {
    if !tokens::token_is_valid(&s.db, &token, purpose).await? {
        return Ok(expired(&ctx, purpose));
    }
    Ok(password_page(&ctx, purpose, &token).respond(&FieldErrors::default()))
}

async fn set_password(
    s: AppState,
    ctx: Ctx,
    f: PasswordForm,
    purpose: TokenPurpose,
) -> AppResult<Response> {
    match tokens::set_password_with_token(&s.db, &f.token, purpose, f.password.clone(), None).await
    {
        Ok(()) => Ok(message(
            &ctx,
            StatusCode::OK,
            "users-reset-done",
            &[("/login", "users-login-title")],
        )),
        Err(AppError::Invalid(e)) if e.get("token").is_some() => Ok(expired(&ctx, purpose)),
        Err(AppError::Invalid(e)) => Ok(password_page(&ctx, purpose, &f.token).respond(&e)),
        Err(e) => Err(e),
    }
}

pub async fn reset_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    password_form(s, ctx, q.token, TokenPurpose::ResetPassword).await
}

pub async fn reset(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    set_password(s, ctx, f, TokenPurpose::ResetPassword).await
}

pub async fn invitation_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    password_form(s, ctx, q.token, TokenPurpose::Invitation).await
}

pub async fn accept_invitation(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    set_password(s, ctx, f, TokenPurpose::Invitation).await
}
