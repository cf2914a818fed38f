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
    db::Db,
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
    let now = db.now_ms();
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
    super::tokens::send_token(
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
    let now = db.now_ms();
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
        super::tokens::send_token(
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
pub async fn log_out(db: &Db, user: &Viewer, session_token: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::delete_session(&mut tx, &token_hash(session_token)).await?;
    audit::record(&mut tx, &user.actor(), "user.logout", "user", user.id, "").await?;
    tx.commit().await?;
    Ok(())
}

/// The user and CSRF token of a live session cookie.
/// [`session_user`] in the shape the HTTP kit takes (it cannot name this domain).
pub fn session_lookup<'a>(db: &'a Db, session_token: &'a str) -> crate::http::SessionFuture<'a> {
    Box::pin(session_user(db, session_token))
}

pub async fn session_user(db: &Db, session_token: &str) -> AppResult<Option<(Viewer, String)>> {
    let mut tx = db.read().await?;
    let Some((user_id, csrf)) =
        store::find_session(&mut tx, &token_hash(session_token), db.now_ms()).await?
    else {
        return Ok(None);
    };
    let Some(u) = store::find_user(&mut tx, user_id).await? else {
        return Ok(None);
    };
    let grants = store::list_grants(&mut tx, user_id).await?;
    let u = u.to_user();
    let current = Viewer {
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

/// Updates the signed-in user's own name, language and time zone.
pub async fn update_account(
    db: &Db,
    user: &Viewer,
    name: &str,
    locale: Locale,
    zone: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::update_profile(&mut tx, user.id, name, locale, zone, db.now_ms()).await?;
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
pub async fn set_locale(db: &Db, user: &Viewer, locale: Locale) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::update_locale(&mut tx, user.id, locale, db.now_ms()).await?;
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
    let n = store::delete_expired_sessions(&mut tx, db.now_ms()).await?;
    tx.commit().await?;
    Ok(n)
}

/// A user's language, for messages written to them (inside the caller's transaction).
pub async fn locale_of(tx: &mut crate::db::Tx, user_id: i64) -> AppResult<Locale> {
    Ok(store::find_user(tx, user_id)
        .await?
        .map(|u| u.to_user().locale)
        .unwrap_or_default())
}

/// A user's address, name and language, for messages written to them.
pub async fn contact_of(
    tx: &mut crate::db::Tx,
    user_id: i64,
) -> AppResult<Option<(String, String, Locale)>> {
    Ok(store::find_user(tx, user_id).await?.map(|u| {
        let u = u.to_user();
        (u.email, u.name, u.locale)
    }))
}

/// The user with this address as a session would give them, for scripted use (the demo plays
/// its officers, evaluators and commission members through the same actions as the web).
pub async fn acting_as(db: &Db, email: &str) -> AppResult<Viewer> {
    let mut tx = db.read().await?;
    let u = store::find_user_by_email(&mut tx, email)
        .await?
        .ok_or(AppError::NotFound)?
        .to_user();
    let grants = store::list_grants(&mut tx, u.id).await?;
    Ok(Viewer {
        id: u.id,
        email: u.email,
        name: u.name,
        locale: u.locale,
        time_zone: u.time_zone,
        side_id: u.side_id,
        grants,
    })
}
