//! Account use cases: sign-up, email verification, login and logout, password reset,
//! invitations, account settings. Each owns its transaction and writes the audit log.

use super::{
    emails::{self, Kind},
    model::*,
    store::{self, NewUser},
};
use crate::{
    audit::{self, Actor},
    auth::{dummy_verify, hash_password, random_token, token_hash, verify_password},
    db::{Db, Tx, now_ms},
    email,
    error::{AppError, AppResult, FieldErrors},
    i18n::Locale,
};

/// What the sign-up form asks for, already parsed.
pub struct SignUp {
    pub name: String,
    pub email: Email,
    pub password: String,
    pub side_id: i64,
    pub locale: Locale,
}

/// Creates an unverified applicant account on the chosen side and emails a confirmation link.
/// An address already registered gets a notice instead, and the page says the same thing in
/// both cases, so the form does not reveal who has an account.
pub async fn sign_up(db: &Db, base: &str, s: SignUp) -> AppResult<()> {
    let hash = hash_password(s.password).await?;
    let mut tx = db.write().await?;
    if let Some(existing) = store::find_user_by_email(&mut tx, s.email.as_str()).await? {
        let u = existing.to_user();
        let m = emails::render(
            Kind::AlreadyRegistered,
            u.locale,
            &u.email,
            &u.name,
            &format!("{base}/login"),
        )?;
        email::enqueue(&mut tx, &m).await?;
        tx.commit().await?;
        return Ok(());
    }
    let now = now_ms();
    let new = NewUser {
        email: s.email.as_str(),
        name: &s.name,
        password_hash: Some(&hash),
        locale: s.locale,
        time_zone: s.locale.default_time_zone(),
        side_id: Some(s.side_id),
        email_verified_at: None,
    };
    let id = store::insert_user(&mut tx, &new, now).await?;
    store::insert_grant(&mut tx, id, Role::Applicant, Some(s.side_id), None, now).await?;
    let actor = Actor::user(id, s.email.as_str());
    audit::record(&mut tx, &actor, "user.sign_up", "user", id, "applicant").await?;
    send_token(
        &mut tx,
        base,
        id,
        TokenPurpose::VerifyEmail,
        s.locale,
        s.email.as_str(),
        &s.name,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Issues a single-use token and queues the email carrying it.
pub(super) async fn send_token(
    tx: &mut Tx,
    base: &str,
    user_id: i64,
    purpose: TokenPurpose,
    locale: Locale,
    to: &str,
    name: &str,
) -> AppResult<()> {
    let token = random_token();
    store::insert_token(tx, &token_hash(&token), user_id, purpose, now_ms()).await?;
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
        &format!("{base}/{path}?token={token}"),
    )?;
    email::enqueue(tx, &m).await?;
    Ok(())
}

fn invalid_token() -> AppError {
    AppError::Invalid(FieldErrors::single("token", "users-token-invalid"))
}

/// Whether a token is still usable (shown before the form that consumes it).
pub async fn token_is_valid(db: &Db, token: &str, purpose: TokenPurpose) -> AppResult<bool> {
    let mut tx = db.read().await?;
    Ok(
        store::peek_token(&mut tx, &token_hash(token), purpose, now_ms())
            .await?
            .is_some(),
    )
}

/// Confirms an address with the token from the verification email.
pub async fn confirm_email(db: &Db, token: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let now = now_ms();
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

/// A successful login: the new session's cookie value and CSRF token.
pub struct LoggedIn {
    pub session_token: String,
    pub csrf: String,
}

/// Checks the throttles, then the password; on success opens a new session and closes
/// `previous` (the session id changes at login, so a planted id is worthless).
pub async fn log_in(
    db: &Db,
    base: &str,
    email: &str,
    password: String,
    address: &str,
    previous: Option<&str>,
) -> AppResult<LoggedIn> {
    let email = email.trim().to_lowercase();
    let (account_key, address_key) = (format!("account:{email}"), format!("address:{address}"));
    let now = now_ms();
    {
        let mut tx = db.read().await?;
        let since = now - THROTTLE_WINDOW_MS;
        let (n_account, _) = store::count_failures(&mut tx, &account_key, since).await?;
        let (n_address, _) = store::count_failures(&mut tx, &address_key, since).await?;
        if n_account >= MAX_FAILURES_PER_ACCOUNT || n_address >= MAX_FAILURES_PER_ADDRESS {
            return Err(AppError::TooMany("users-login-throttled".into()));
        }
    }
    let user = {
        let mut tx = db.read().await?;
        store::find_user_by_email(&mut tx, &email).await?
    };
    let ok = match user.as_ref().and_then(|u| u.password_hash.clone()) {
        Some(hash) => verify_password(password, hash).await,
        None => {
            dummy_verify(password).await;
            false
        }
    };
    let mut tx = db.write().await?;
    let user = match user {
        Some(u) if ok && u.disabled_at.is_none() => u,
        _ => {
            store::insert_failure(&mut tx, &account_key, now).await?;
            store::insert_failure(&mut tx, &address_key, now).await?;
            audit::record(
                &mut tx,
                &Actor::system(address),
                "user.login_failed",
                "user",
                &email,
                "",
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Invalid(FieldErrors::single(
                "email",
                "users-login-invalid",
            )));
        }
    };
    if user.email_verified_at.is_none() {
        let u = user.to_user();
        send_token(
            &mut tx,
            base,
            u.id,
            TokenPurpose::VerifyEmail,
            u.locale,
            &u.email,
            &u.name,
        )
        .await?;
        tx.commit().await?;
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "users-login-unverified",
        )));
    }
    store::delete_failures(&mut tx, &account_key).await?;
    if let Some(prev) = previous {
        store::delete_session(&mut tx, &token_hash(prev)).await?;
    }
    let (session_token, csrf) = (random_token(), random_token());
    store::insert_session(
        &mut tx,
        &token_hash(&session_token),
        user.id,
        &csrf,
        now,
        now + SESSION_LIFETIME_MS,
    )
    .await?;
    audit::record(
        &mut tx,
        &Actor::user(user.id, &user.email),
        "user.login",
        "user",
        user.id,
        address,
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        session_token,
        csrf,
    })
}

/// Ends a session.
pub async fn log_out(db: &Db, user: &CurrentUser, session_token: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::delete_session(&mut tx, &token_hash(session_token)).await?;
    audit::record(&mut tx, &user.actor(), "user.logout", "user", user.id, "").await?;
    tx.commit().await?;
    Ok(())
}

/// The user and CSRF token of a live session cookie.
pub async fn session_user(
    db: &Db,
    session_token: &str,
) -> AppResult<Option<(CurrentUser, String)>> {
    let mut tx = db.read().await?;
    let Some((user_id, csrf)) =
        store::find_session(&mut tx, &token_hash(session_token), now_ms()).await?
    else {
        return Ok(None);
    };
    let Some(u) = store::find_user(&mut tx, user_id).await? else {
        return Ok(None);
    };
    let grants = store::list_grants(&mut tx, user_id).await?;
    let u = u.to_user();
    let current = CurrentUser {
        id: u.id,
        email: u.email,
        name: u.name,
        locale: u.locale,
        time_zone: u.time_zone,
        side_id: u.side_id,
        grants,
    };
    Ok(Some((current, csrf)))
}

/// Emails a reset link if the address has an account. The answer is the same either way.
/// At most three links an hour per address, so the form cannot be used to flood a mailbox.
pub async fn request_password_reset(db: &Db, base: &str, email: &str) -> AppResult<()> {
    let Some(email) = Email::parse(email) else {
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "users-error-email",
        )));
    };
    let mut tx = db.write().await?;
    let now = now_ms();
    let key = format!("reset:{}", email.as_str());
    let (sent, _) = store::count_failures(&mut tx, &key, now - 3_600_000).await?;
    if let Some(u) = store::find_user_by_email(&mut tx, email.as_str()).await?
        && sent < 3
    {
        let u = u.to_user();
        store::insert_failure(&mut tx, &key, now).await?;
        send_token(
            &mut tx,
            base,
            u.id,
            TokenPurpose::ResetPassword,
            u.locale,
            &u.email,
            &u.name,
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
    let now = now_ms();
    let id = store::use_token(&mut tx, &token_hash(token), purpose, now)
        .await?
        .ok_or_else(invalid_token)?;
    let u = store::find_user(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?
        .to_user();
    store::update_password(&mut tx, id, &hash, now).await?;
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
    if let Some(u) = store::find_user_by_email(&mut tx, email.as_str()).await?
        && u.email_verified_at.is_none()
    {
        let u = u.to_user();
        send_token(
            &mut tx,
            base,
            u.id,
            TokenPurpose::VerifyEmail,
            u.locale,
            &u.email,
            &u.name,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Updates the signed-in user's own name, language and time zone.
pub async fn update_account(
    db: &Db,
    user: &CurrentUser,
    name: &str,
    locale: Locale,
    zone: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::update_profile(&mut tx, user.id, name, locale, zone, now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "user.update_account",
        "user",
        user.id,
        &format!("{} {zone}", locale.tag()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Remembers the language chosen with the switch.
pub async fn set_locale(db: &Db, user: &CurrentUser, locale: Locale) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::update_locale(&mut tx, user.id, locale, now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "user.set_locale",
        "user",
        user.id,
        locale.tag(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Housekeeping run by the background loop: drops expired sessions.
pub async fn purge_expired_sessions(db: &Db) -> AppResult<u64> {
    let mut tx = db.write().await?;
    let n = store::delete_expired_sessions(&mut tx, now_ms()).await?;
    tx.commit().await?;
    Ok(n)
}
