//! Account pages: sign-up, email confirmation, login and logout, password reset, invitation,
//! account settings. Each handler parses, calls one action and renders.

use askama::Template;
use axum::{
    Form,
    extract::{Query, State},
    http::{StatusCode, header},
    response::Response,
};

use super::{
    actions::{self, LoggedIn},
    forms::*,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx, DEVICE_COOKIE, SESSION_COOKIE, cookie_header, form::*, render_status,
        see_other,
    },
    i18n::Locale,
    programmes::{self, Side},
};

/// A page with a title, a message and links onward.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub ctx: Ctx,
    pub title: String,
    pub message: String,
    pub links: Vec<(String, String)>,
}

pub fn message(ctx: &Ctx, status: StatusCode, key: &str, links: &[(&str, &str)]) -> Response {
    let page = MessagePage {
        ctx: ctx.clone(),
        title: ctx.t(&format!("{key}-title")),
        message: ctx.t(&format!("{key}-message")),
        links: links
            .iter()
            .map(|(href, k)| (href.to_string(), ctx.t(k)))
            .collect(),
    };
    render_status(status, &page)
}

pub fn locale_options(ctx: &Ctx) -> Vec<(String, String)> {
    Locale::ALL
        .iter()
        .map(|l| (l.tag().to_string(), ctx.t(&format!("locale-{}", l.tag()))))
        .collect()
}

pub fn side_options(ctx: &Ctx, sides: &[Side], empty_key: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = empty_key
        .map(|k| (String::new(), ctx.t(k)))
        .into_iter()
        .collect();
    out.extend(sides.iter().map(|s| {
        (
            s.code.clone(),
            format!(
                "{} ({})",
                s.name.get(ctx.locale),
                s.administration.get(ctx.locale)
            ),
        )
    }));
    out
}

fn sign_up_page(ctx: &Ctx, sides: &[Side], f: &SignUpForm) -> FormPage {
    let locale = if f.locale.is_empty() {
        ctx.locale.tag()
    } else {
        &f.locale
    };
    FormPage::new(ctx, "users-signup-title", "/signup", "users-signup-submit")
        .intro("users-signup-intro")
        .field(Field::text(ctx, "name", "users-field-name", &f.name).autocomplete("name"))
        .field(Field::email(ctx, "email", "users-field-email", &f.email))
        .field(
            Field::password(ctx, "password", "users-field-password", "new-password")
                .hint(ctx, "users-password-hint"),
        )
        .field(
            Field::select(
                ctx,
                "side",
                "users-field-side",
                side_options(ctx, sides, Some("users-side-choose")),
                &f.side,
            )
            .hint(ctx, "users-side-hint"),
        )
        .field(Field::select(
            ctx,
            "locale",
            "users-field-locale",
            locale_options(ctx),
            locale,
        ))
        .hidden("next", safe_next(&f.next))
        .link(&login_then(&f.next), "users-signup-have-account")
}

/// The login page, then `next` (a local path; none for the home page).
pub fn login_then(next: &str) -> String {
    match safe_next(next) {
        "/" => "/login".to_string(),
        local => format!(
            "/login?next={}",
            form_urlencoded::byte_serialize(local.as_bytes()).collect::<String>()
        ),
    }
}

pub async fn sign_up_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    let sides = programmes::actions::list_sides(&s.db).await?;
    let f = SignUpForm {
        next: q.next,
        ..SignUpForm::default()
    };
    Ok(sign_up_page(&ctx, &sides, &f).respond(&FieldErrors::default()))
}

/// Where a visitor was going, carried by the sign-up and login links.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NextQuery {
    pub next: String,
}

pub async fn sign_up(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SignUpForm>,
) -> AppResult<Response> {
    let sides = programmes::actions::list_sides(&s.db).await?;
    match f.parse(&sides) {
        Err(errors) => Ok(sign_up_page(&ctx, &sides, &f).respond(&errors)),
        Ok(signup) => {
            actions::sign_up(&s.db, &s.settings.public_url, signup, &ctx.client_ip).await?;
            Ok(message(
                &ctx,
                StatusCode::OK,
                "users-signup-done",
                &[(&login_then(&f.next), "users-login-title")],
            ))
        }
    }
}

fn login_page(ctx: &Ctx, f: &LoginForm) -> FormPage {
    FormPage::new(ctx, "users-login-title", "/login", "users-login-submit")
        .field(Field::email(ctx, "email", "users-field-email", &f.email).autocomplete("username"))
        .field(Field::password(
            ctx,
            "password",
            "users-field-password",
            "current-password",
        ))
        .hidden("next", safe_next(&f.next))
        .link("/password/forgot", "users-forgot-title")
        .link(
            format!(
                "/signup?{}",
                super::tokens::next_param(&f.next).trim_end_matches('&')
            )
            .trim_end_matches('?'),
            "users-signup-title",
        )
}

pub async fn login_form(ctx: Ctx, Query(f): Query<LoginForm>) -> Response {
    login_page(
        &ctx,
        &LoginForm {
            next: f.next,
            ..Default::default()
        },
    )
    .respond(&FieldErrors::default())
}

pub async fn login(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    let errors = f.check();
    if !errors.is_empty() {
        return Ok(login_page(&ctx, &f).respond(&errors));
    }
    let from = actions::Attempt {
        address: &ctx.client_ip,
        previous: ctx.session_token.as_deref(),
        device: ctx.device_token.as_deref(),
    };
    match actions::log_in(
        &s.db,
        &s.settings.public_url,
        &f.email,
        f.password.clone(),
        from,
    )
    .await
    {
        Ok(LoggedIn {
            session_token,
            device_token,
            ..
        }) => {
            let next = match safe_next(&f.next) {
                "/" => crate::http::LANDING,
                next => next,
            };
            let mut res = see_other(next);
            let age = super::model::SESSION_LIFETIME_MS / 1000;
            res.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(SESSION_COOKIE, &session_token, Some(age), s.settings.secure),
            );
            if let Some(device) = device_token {
                let age = super::model::DEVICE_LIFETIME_MS / 1000;
                res.headers_mut().append(
                    header::SET_COOKIE,
                    cookie_header(DEVICE_COOKIE, &device, Some(age), s.settings.secure),
                );
            }
            Ok(res)
        }
        Err(AppError::Invalid(e)) => Ok(login_page(&ctx, &f).respond(&e)),
        Err(AppError::TooMany(key)) => Ok(login_page(&ctx, &f)
            .notice(&key)
            .respond_with(StatusCode::TOO_MANY_REQUESTS)),
        Err(e) => Err(e),
    }
}

pub async fn logout(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let (Some(user), Some(token)) = (&ctx.user, &ctx.session_token) {
        actions::log_out(&s.db, user, token).await?;
    }
    let mut res = see_other("/");
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(SESSION_COOKIE, "", Some(0), s.settings.secure),
    );
    Ok(res)
}

fn account_page(ctx: &Ctx, f: &AccountForm) -> FormPage {
    let mut zones: Vec<(String, String)> = TIME_ZONES
        .iter()
        .map(|z| (z.to_string(), z.to_string()))
        .collect();
    if !f.time_zone.is_empty() && !TIME_ZONES.contains(&f.time_zone.as_str()) {
        zones.push((f.time_zone.clone(), f.time_zone.clone()));
    }
    FormPage::new(ctx, "users-account-title", "/account", "common-save")
        .link(
            crate::email::letter::SETTINGS_PATH,
            "users-account-notifications",
        )
        .field(Field::text(ctx, "name", "users-field-name", &f.name).autocomplete("name"))
        .field(Field::select(
            ctx,
            "locale",
            "users-field-locale",
            locale_options(ctx),
            &f.locale,
        ))
        .field(
            Field::select(
                ctx,
                "time_zone",
                "users-field-time-zone",
                zones,
                &f.time_zone,
            )
            .hint(ctx, "users-time-zone-hint"),
        )
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn account_form(ctx: Ctx, Query(q): Query<SavedQuery>) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let f = AccountForm {
        name: u.name.clone(),
        locale: u.locale.tag().into(),
        time_zone: u.time_zone.clone(),
    };
    let mut page = account_page(&ctx, &f);
    if q.saved.is_some() {
        page = page.success("users-account-saved");
    }
    Ok(page.respond(&FieldErrors::default()))
}

pub async fn update_account(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<AccountForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match f.parse() {
        Err(e) => Ok(account_page(&ctx, &f).respond(&e)),
        Ok((name, locale, zone)) => {
            actions::update_account(&s.db, user, &name, locale, &zone).await?;
            Ok(see_other("/account?saved=1"))
        }
    }
}

fn notifications_page(ctx: &Ctx, settings: &[actions::NotificationSetting]) -> FormPage {
    let options = settings
        .iter()
        .map(|s| {
            let key = format!(
                "users-notifications-topic-{}",
                s.topic.as_str().replace('_', "-")
            );
            (s.topic.as_str().to_string(), ctx.t(&key))
        })
        .collect();
    let on: Vec<String> = settings
        .iter()
        .filter(|s| s.on)
        .map(|s| s.topic.as_str().to_string())
        .collect();
    FormPage::new(
        ctx,
        "users-notifications-title",
        crate::email::letter::SETTINGS_PATH,
        "common-save",
    )
    .intro("users-notifications-intro")
    .field(
        Field::checkboxes(ctx, "topic", "users-notifications-field", options, &on)
            .settings()
            .hint(ctx, "users-notifications-always"),
    )
    .link("/account", "users-notifications-back")
}

/// The notifications one receives (`/account/notifications`).
pub async fn notifications_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let settings = actions::notification_settings(&s.db, user).await?;
    let mut page = notifications_page(&ctx, &settings);
    if q.saved.is_some() {
        page = page.success("users-notifications-saved");
    }
    Ok(page.respond(&FieldErrors::default()))
}

/// Saves the ticked topics; an unknown topic is refused rather than ignored.
pub async fn save_notifications(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut wanted = Vec::new();
    for (k, v) in &pairs {
        if k == "topic" {
            match super::model::Topic::parse(v) {
                Some(t) => wanted.push(t),
                None => {
                    let settings = actions::notification_settings(&s.db, user).await?;
                    return Ok(notifications_page(&ctx, &settings)
                        .respond(&FieldErrors::single("topic", "common-error-choice")));
                }
            }
        }
    }
    actions::save_notification_settings(&s.db, user, &wanted).await?;
    Ok(see_other(&format!(
        "{}?saved=1",
        crate::email::letter::SETTINGS_PATH
    )))
}
