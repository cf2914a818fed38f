//! Single-use tokens sent by email: address confirmation, password reset, invitation.
//! Only a hash of each token is stored; using one is a conditional update that succeeds once.

use super::{
    emails::{self, Kind},
    model::*,
    store,
};
use crate::{
    audit::{self, Actor},
    auth::{hash_password, random_token, token_hash},
    db::{Db, Tx},
    email,
    error::{AppError, AppResult, FieldErrors},
    i18n::Locale,
};

/// Issues a single-use token and queues the email carrying it; `next` (a local path, "/" for
/// none) is where its link leads once used (a visitor who signed up to apply to a call).
/// Who a token is for and what it does.
pub(super) struct TokenMail<'a> {
    pub user_id: i64,
    pub purpose: TokenPurpose,
    pub locale: Locale,
    pub to: &'a str,
    pub name: &'a str,
    pub next: &'a str,
}

pub(super) async fn send_token(tx: &mut Tx, base: &str, t: TokenMail<'_>) -> AppResult<()> {
    let TokenMail {
        user_id,
        purpose,
        locale,
        to,
        name,
        next,
    } = t;
    let token = random_token();
    let now = tx.now_ms();
    store::insert_token(tx, &token_hash(&token), user_id, purpose, now).await?;
    let (kind, path) = match purpose {
        TokenPurpose::VerifyEmail => (Kind::Verify, "verify-email"),
        TokenPurpose::ResetPassword => (Kind::Reset, "password/reset"),
        TokenPurpose::Invitation => (Kind::Invitation, "invitation"),
    };
    let m = emails::render(
        kind,
        locale,
        to,
        name,
        &format!("{base}/{path}?{}token={token}", next_param(next)),
    )?;
    email::enqueue(tx, &m).await?;
    Ok(())
}

/// `next=…&` for a local path other than the home page, nothing otherwise (before the token,
/// which ends the link: a mail client that cuts a long line still keeps the token whole).
pub fn next_param(next: &str) -> String {
    match super::forms::safe_next(next) {
        "/" => String::new(),
        local => format!(
            "next={}&",
            form_urlencoded::byte_serialize(local.as_bytes()).collect::<String>()
        ),
    }
}

fn invalid_token() -> AppError {
    AppError::Invalid(FieldErrors::single("token", "users-token-invalid"))
}

/// Whether a token is still usable (shown before the form that consumes it).
pub async fn token_is_valid(db: &Db, token: &str, purpose: TokenPurpose) -> AppResult<bool> {
    let mut tx = db.read().await?;
    Ok(
        store::peek_token(&mut tx, &token_hash(token), purpose, db.now_ms())
            .await?
            .is_some(),
    )
}

/// Confirms an address with the token from the verification email.
pub async fn confirm_email(db: &Db, token: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let id = store::use_token(&mut tx, &token_hash(token), TokenPurpose::VerifyEmail, now)
        .await?
        .ok_or_else(invalid_token)?;
    store::mark_verified(&mut tx, id, now).await?;
    audit::record(
        &mut tx,
        &Actor {
            id: Some(id),
            label: format!("user:{id}"),
        },
        "user.verify_email",
        "user",
        id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Emails a reset link if the address has an account. The answer is the same either way.
/// The per-address email allowance applies, so the form cannot be used to flood a mailbox.
pub async fn request_password_reset(db: &Db, base: &str, email: &str) -> AppResult<()> {
    let Some(email) = Email::parse(email) else {
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "users-error-email",
        )));
    };
    let mut tx = db.write().await?;
    let may_mail = super::actions::mail_allowed(&mut tx, email.as_str()).await?;
    if let Some(u) = store::find_user_by_email(&mut tx, email.as_str()).await?
        && may_mail
    {
        let u = u.to_user();
        send_token(
            &mut tx,
            base,
            TokenMail {
                user_id: u.id,
                purpose: TokenPurpose::ResetPassword,
                locale: u.locale,
                to: &u.email,
                name: &u.name,
                next: "/",
            },
        )
        .await?;
        audit::record(
            &mut tx,
            &Actor::user(u.id, &u.email),
            "user.request_reset",
            "user",
            u.id,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new password with a reset or invitation token; the token is consumed, the address
/// counts as verified (the link proved it), and every open session of the account ends.
pub async fn set_password_with_token(
    db: &Db,
    token: &str,
    purpose: TokenPurpose,
    password: String,
    name: Option<&str>,
) -> AppResult<()> {
    if let Some(key) = password_error(&password) {
        return Err(AppError::Invalid(FieldErrors::single("password", key)));
    }
    let hash = hash_password(password).await?;
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let id = store::use_token(&mut tx, &token_hash(token), purpose, now)
        .await?
        .ok_or_else(invalid_token)?;
    let u = store::find_user(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?
        .to_user();
    store::update_password(&mut tx, id, &hash, now).await?;
    store::use_password_tokens(&mut tx, id, now).await?;
    store::mark_verified(&mut tx, id, now).await?;
    store::delete_user_sessions(&mut tx, id).await?;
    if let Some(name) = name {
        store::update_profile(&mut tx, id, name, u.locale, &u.time_zone, now).await?;
    }
    let action = if purpose == TokenPurpose::Invitation {
        "user.accept_invitation"
    } else {
        "user.reset_password"
    };
    audit::record(&mut tx, &Actor::user(id, &u.email), action, "user", id, "").await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a fresh confirmation link to an unverified address (silently does nothing otherwise).
pub async fn resend_verification(db: &Db, base: &str, email: &str) -> AppResult<()> {
    let Some(email) = Email::parse(email) else {
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "users-error-email",
        )));
    };
    let mut tx = db.write().await?;
    let may_mail = super::actions::mail_allowed(&mut tx, email.as_str()).await?;
    if let Some(u) = store::find_user_by_email(&mut tx, email.as_str()).await?
        && u.email_verified_at.is_none()
        && may_mail
    {
        let u = u.to_user();
        send_token(
            &mut tx,
            base,
            TokenMail {
                user_id: u.id,
                purpose: TokenPurpose::VerifyEmail,
                locale: u.locale,
                to: &u.email,
                name: &u.name,
                next: "/",
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
