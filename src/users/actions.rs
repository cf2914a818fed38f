//! Account use cases: sign-up, email verification, login and logout, password reset,
//! invitations, account settings. Each owns its transaction and writes the audit log.

pub use super::notifications::{
    NotificationSetting, notification_settings, save_notification_settings, wants,
};
use super::{
    emails::{self, Kind},
    model::*,
    store::{self, NewUser},
};
use crate::{
    audit::{self, Actor},
    auth::{dummy_verify, hash_password, random_token, token_hash, verify_password},
    db::{Db, Tx},
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
    /// Where the confirmation link leads once the address is confirmed (a local path).
    pub next: String,
}

/// Counts one email to `address` and says whether it may be sent: at most
/// [`MAX_MAILS_PER_ADDRESS`] per [`MAIL_WINDOW_MS`] for every endpoint that sends one, so no
/// form can flood a mailbox (the forms answer the same whether or not it was sent).
pub(super) async fn mail_allowed(tx: &mut Tx, address: &str) -> AppResult<bool> {
    let now = tx.now_ms();
    let n = store::hit_throttle(tx, &format!("mail:{address}"), now, now - MAIL_WINDOW_MS).await?;
    Ok(n <= MAX_MAILS_PER_ADDRESS)
}

/// Creates an unverified applicant account on the chosen side and emails a confirmation link.
/// An address already registered gets a notice instead, and the page says the same thing in
/// both cases, so the form does not reveal who has an account (its timing neither: an existing
/// address costs a dummy hash). Within the network address's sign-up allowance only.
pub async fn sign_up(db: &Db, base: &str, s: SignUp, address: &str) -> AppResult<()> {
    let may_mail = {
        let mut tx = db.write().await?;
        let now = tx.now_ms();
        // Beyond the network address's allowance, nothing is hashed, for new and existing
        // addresses alike (so neither the cost nor the timing tells them apart).
        let key = format!("signup:address:{address}");
        let n = store::hit_throttle(&mut tx, &key, now, now - THROTTLE_WINDOW_MS).await?;
        if n > MAX_SIGNUPS_PER_ADDRESS {
            tx.commit().await?;
            return Ok(());
        }
        let may_mail = mail_allowed(&mut tx, s.email.as_str()).await?;
        if let Some(existing) = store::find_user_by_email(&mut tx, s.email.as_str()).await? {
            if may_mail {
                let u = existing.to_user();
                let m = emails::render(
                    Kind::AlreadyRegistered,
                    u.locale,
                    &u.email,
                    &u.name,
                    &format!("{base}/login"),
                )?;
                email::enqueue(&mut tx, &m).await?;
            }
            tx.commit().await?;
            // As long as a new account's hash: the answer's timing tells nothing either.
            dummy_verify(s.password).await;
            return Ok(());
        }
        tx.commit().await?;
        // Beyond the address's email allowance the account is still created (nobody can keep
        // someone else from signing up by exhausting it); its link is sent on a later
        // "resend verification".
        may_mail
    };
    let hash = hash_password(s.password).await?;
    let mut tx = db.write().await?;
    let now = tx.now_ms();
    if store::find_user_by_email(&mut tx, s.email.as_str())
        .await?
        .is_some()
    {
        // Signed up in parallel: the first one stands, and the answer is the same.
        return Ok(());
    }
    let new = NewUser {
        email: s.email.as_str(),
        name: &s.name,
        password_hash: Some(&hash),
        locale: s.locale,
        time_zone: s.locale.default_time_zone(),
        side_id: Some(s.side_id),
        email_verified_at: None,
    };
    let id = match store::insert_user(&mut tx, &new, now).await {
        Ok(id) => id,
        // Signed up in parallel (PostgreSQL reports the race here): the same answer.
        Err(e) if crate::db::unique_violation(&e).is_some() => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    store::insert_grant(&mut tx, id, Role::Applicant, Some(s.side_id), None, now).await?;
    let actor = Actor::user(id, s.email.as_str());
    audit::record(&mut tx, &actor, "user.sign_up", "user", id, "applicant").await?;
    if may_mail {
        super::tokens::send_token(
            &mut tx,
            base,
            super::tokens::TokenMail {
                user_id: id,
                purpose: TokenPurpose::VerifyEmail,
                locale: s.locale,
                to: s.email.as_str(),
                name: &s.name,
                next: &s.next,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A successful login: the new session's cookie value and CSRF token, and the device cookie
/// to set (a new one when the request did not carry a known one).
pub struct LoggedIn {
    pub session_token: String,
    pub csrf: String,
    pub device_token: Option<String>,
}

/// Where a login attempt comes from.
pub struct Attempt<'a> {
    /// The network address.
    pub address: &'a str,
    /// The session it replaces, if any (closed at login, so a planted id is worthless).
    pub previous: Option<&'a str>,
    /// The device cookie, if any: a device the account signed in from before.
    pub device: Option<&'a str>,
}

/// Counts the attempt first, in one atomic statement per key (parallel attempts cannot slip
/// through), and beyond the limit answers 429 without checking the password. A device the
/// account signed in from before is counted apart (OWASP: device cookies), so someone hammering
/// the account from elsewhere does not lock its owner out. On success opens a new session and
/// closes the previous one.
pub async fn log_in(
    db: &Db,
    base: &str,
    email: &str,
    password: String,
    from: Attempt<'_>,
) -> AppResult<LoggedIn> {
    let email = email.trim().to_lowercase();
    let address_key = format!("login:address:{}", from.address);
    let mut tx = db.write().await?;
    let now = tx.now_ms();
    let user = store::find_user_by_email(&mut tx, &email).await?;
    let known_device = match (&user, from.device) {
        (Some(u), Some(d)) => store::is_known_device(&mut tx, &token_hash(d), u.id).await?,
        _ => false,
    };
    let account_key = match from.device {
        Some(d) if known_device => format!("login:device:{}", token_hash(d)),
        _ => format!("login:account:{email}"),
    };
    let expired = now - THROTTLE_WINDOW_MS;
    let n_account = store::hit_throttle(&mut tx, &account_key, now, expired).await?;
    let n_address = store::hit_throttle(&mut tx, &address_key, now, expired).await?;
    tx.commit().await?;
    if n_account > MAX_FAILURES_PER_ACCOUNT || n_address > MAX_FAILURES_PER_ADDRESS {
        return Err(AppError::TooMany("users-login-throttled".into()));
    }
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
            audit::record(
                &mut tx,
                &Actor::system(from.address),
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
        if mail_allowed(&mut tx, &u.email).await? {
            super::tokens::send_token(
                &mut tx,
                base,
                super::tokens::TokenMail {
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
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "users-login-unverified",
        )));
    }
    // The right password: this attempt was not an attack.
    store::clear_throttle(&mut tx, &account_key).await?;
    store::unhit_throttle(&mut tx, &address_key).await?;
    if let Some(prev) = from.previous {
        store::delete_session(&mut tx, &token_hash(prev)).await?;
    }
    let device_token = if known_device {
        None
    } else {
        let t = random_token();
        store::insert_known_device(&mut tx, &token_hash(&t), user.id, now).await?;
        Some(t)
    };
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
        from.address,
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        session_token,
        csrf,
        device_token,
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

/// Housekeeping run by the background loop: drops expired sessions, throttling windows long
/// over and device cookies past their lifetime.
pub async fn purge_expired_sessions(db: &Db) -> AppResult<u64> {
    let mut tx = db.write().await?;
    let now = tx.now_ms();
    let n = store::delete_expired_sessions(&mut tx, now).await?;
    store::delete_old_throttles(&mut tx, now - MAIL_WINDOW_MS.max(THROTTLE_WINDOW_MS)).await?;
    store::delete_old_devices(&mut tx, now - DEVICE_LIFETIME_MS).await?;
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

/// The side and language of the account with this address, if there is one (who may be
/// invited as the other side's partner, and in which language).
pub async fn account_of_address(
    tx: &mut crate::db::Tx,
    email: &str,
) -> AppResult<Option<(Option<i64>, Locale)>> {
    Ok(store::find_user_by_email(tx, email).await?.map(|u| {
        let u = u.to_user();
        (u.side_id, u.locale)
    }))
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

/// The active accounts holding a role of no side (coaches), by name: (id, name).
pub async fn holders_of(
    tx: &mut crate::db::Tx,
    role: crate::viewer::Role,
) -> AppResult<Vec<(i64, String)>> {
    Ok(store::holders_of(tx, role.as_str()).await?)
}

/// An officer or commission member of a side, with their roles there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub side_id: i64,
    pub roles: Vec<crate::viewer::Role>,
}

/// The officers and commission members of these sides, by side and name, in one statement
/// (who may co-chair an edition and be invited to its sessions; a side's evaluators stay its
/// own business).
pub async fn people_of_sides(tx: &mut crate::db::Tx, sides: &[i64]) -> AppResult<Vec<Person>> {
    let mut out: Vec<Person> = Vec::new();
    for (id, name, role, side_id) in store::people_of_sides(tx, sides).await? {
        let role =
            crate::viewer::Role::parse(&role).ok_or_else(|| crate::db::unknown("role", &role))?;
        match out.last_mut() {
            Some(p) if p.id == id && p.side_id == side_id => p.roles.push(role),
            _ => out.push(Person {
                id,
                name,
                side_id,
                roles: vec![role],
            }),
        }
    }
    Ok(out)
}
