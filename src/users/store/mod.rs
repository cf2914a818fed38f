//! SQL of accounts, role grants, login sessions, email tokens and login failures.

use super::model::{Grant, Role, TokenPurpose, User};
use crate::{
    db::{Tx, fetch_all_in, unknown},
    i18n::Locale,
    on_tx, on_tx_exec,
};

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub locale: String,
    pub time_zone: String,
    pub side_id: Option<i64>,
    pub email_verified_at: Option<i64>,
    pub disabled_at: Option<i64>,
}

impl UserRow {
    pub fn to_user(&self) -> User {
        User {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            // Written only from `Locale::tag`; an unknown tag falls back to French, the
            // reference language (rule 13), rather than refusing the account its pages.
            locale: Locale::parse(&self.locale).unwrap_or_default(),
            time_zone: self.time_zone.clone(),
            side_id: self.side_id,
            email_verified_at: self.email_verified_at,
            disabled_at: self.disabled_at,
            has_password: self.password_hash.is_some(),
        }
    }
}

const USER_COLS: &str =
    "id, email, name, password_hash, locale, time_zone, side_id, email_verified_at, disabled_at";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: Option<&'a str>,
    pub locale: Locale,
    pub time_zone: &'a str,
    pub side_id: Option<i64>,
    pub email_verified_at: Option<i64>,
}

pub async fn insert_user(tx: &mut Tx, u: &NewUser<'_>, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into users (email, name, password_hash, locale, time_zone, side_id, email_verified_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id"
    )
    .bind(u.email)
    .bind(u.name)
    .bind(u.password_hash)
    .bind(u.locale.tag())
    .bind(u.time_zone)
    .bind(u.side_id)
    .bind(u.email_verified_at)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn find_user_by_email(tx: &mut Tx, email: &str) -> sqlx::Result<Option<UserRow>> {
    let sql = format!("select {USER_COLS} from users where email = $1");
    on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(email)
        .fetch_optional(c)
        .await)
}

pub async fn find_user(tx: &mut Tx, id: i64) -> sqlx::Result<Option<UserRow>> {
    let sql = format!("select {USER_COLS} from users where id = $1");
    on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .fetch_optional(c)
        .await)
}

pub async fn update_profile(
    tx: &mut Tx,
    id: i64,
    name: &str,
    locale: Locale,
    zone: &str,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update users set name = $2, locale = $3, time_zone = $4, updated_at = $5 where id = $1"
    )
    .bind(id)
    .bind(name)
    .bind(locale.tag())
    .bind(zone)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn update_locale(tx: &mut Tx, id: i64, locale: Locale, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update users set locale = $2, updated_at = $3 where id = $1"
    )
    .bind(id)
    .bind(locale.tag())
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn update_password(tx: &mut Tx, id: i64, hash: &str, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update users set password_hash = $2, updated_at = $3 where id = $1"
    )
    .bind(id)
    .bind(hash)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

/// Marks the address verified (first time only).
pub async fn mark_verified(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query("update users set email_verified_at = coalesce(email_verified_at, $2), updated_at = $2 where id = $1")
        .bind(id)
        .bind(now)
        .execute(c)
        .await
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    user_id: i64,
    id: i64,
    role: String,
    side_id: Option<i64>,
    side_code: Option<String>,
    programme_id: Option<i64>,
    side_acronym: Option<String>,
    side_logo: Option<String>,
}

pub async fn list_grants(tx: &mut Tx, user_id: i64) -> sqlx::Result<Vec<Grant>> {
    Ok(grants_of(tx, &[user_id])
        .await?
        .into_iter()
        .map(|(_, g)| g)
        .collect())
}

/// The grants of these users: (user, grant), in one statement. An unknown role stored in the
/// table is an error, never a silently dropped grant.
pub async fn grants_of(tx: &mut Tx, users: &[i64]) -> sqlx::Result<Vec<(i64, Grant)>> {
    let rows: Vec<GrantRow> = fetch_all_in(
        tx,
        "select g.user_id, g.id, g.role, g.side_id, s.code as side_code, g.programme_id,
                s.acronym as side_acronym, s.logo_text as side_logo
         from role_grants g left join sides s on s.id = g.side_id where g.user_id in ({ids})
         order by g.user_id, g.id",
        users,
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.user_id,
                Grant {
                    id: r.id,
                    role: Role::parse(&r.role).ok_or_else(|| unknown("role", &r.role))?,
                    side_id: r.side_id,
                    side_code: r.side_code,
                    programme_id: r.programme_id,
                    side_acronym: r.side_acronym,
                    side_logo: r.side_logo,
                },
            ))
        })
        .collect()
}

pub async fn insert_grant(
    tx: &mut Tx,
    user_id: i64,
    role: Role,
    side_id: Option<i64>,
    by: Option<i64>,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into role_grants (user_id, role, side_id, granted_by, created_at) values ($1, $2, $3, $4, $5) returning id"
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(side_id)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Deletes a grant of `user_id`; returns whether one was deleted.
pub async fn delete_grant(tx: &mut Tx, user_id: i64, grant_id: i64) -> sqlx::Result<bool> {
    let r = on_tx_exec!(tx, |c| sqlx::query(
        "delete from role_grants where id = $1 and user_id = $2"
    )
    .bind(grant_id)
    .bind(user_id)
    .execute(c)
    .await)?;
    Ok(r == 1)
}

pub async fn count_admins(tx: &mut Tx) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select count(distinct user_id) from role_grants where role = 'administrator'"
    )
    .fetch_one(c)
    .await)
}

pub async fn insert_session(
    tx: &mut Tx,
    id_hash: &str,
    user_id: i64,
    csrf: &str,
    now: i64,
    expires: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into sessions (id_hash, user_id, csrf_token, created_at, expires_at) values ($1, $2, $3, $4, $5)"
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(csrf)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// The live session's user id and CSRF token, if the session exists, has not expired and its
/// user is not disabled.
pub async fn find_session(
    tx: &mut Tx,
    id_hash: &str,
    now: i64,
) -> sqlx::Result<Option<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select s.user_id, s.csrf_token from sessions s join users u on u.id = s.user_id
         where s.id_hash = $1 and s.expires_at > $2 and u.disabled_at is null"
    )
    .bind(id_hash)
    .bind(now)
    .fetch_optional(c)
    .await)
}

pub async fn delete_session(tx: &mut Tx, id_hash: &str) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from sessions where id_hash = $1"
    )
    .bind(id_hash)
    .execute(c)
    .await)?;
    Ok(())
}

/// Ends every session of a user (after a password reset).
pub async fn delete_user_sessions(tx: &mut Tx, user_id: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from sessions where user_id = $1"
    )
    .bind(user_id)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn delete_expired_sessions(tx: &mut Tx, now: i64) -> sqlx::Result<u64> {
    let r = on_tx_exec!(tx, |c| sqlx::query(
        "delete from sessions where expires_at <= $1"
    )
    .bind(now)
    .execute(c)
    .await)?;
    Ok(r)
}

pub async fn insert_token(
    tx: &mut Tx,
    hash: &str,
    user_id: i64,
    purpose: TokenPurpose,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into auth_tokens (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, $3, $4, $5)"
    )
    .bind(hash)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now)
    .bind(now + purpose.lifetime_ms())
    .execute(c)
    .await
    })?;
    Ok(())
}

/// The user of a token that is unused and unexpired, without consuming it.
pub async fn peek_token(
    tx: &mut Tx,
    hash: &str,
    purpose: TokenPurpose,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "select user_id from auth_tokens where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3"
    )
    .bind(hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(c)
    .await
    })
}

/// Consumes a token atomically: the conditional update succeeds for exactly one request.
pub async fn use_token(
    tx: &mut Tx,
    hash: &str,
    purpose: TokenPurpose,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "update auth_tokens set used_at = $3
         where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3 returning user_id"
    )
    .bind(hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(c)
    .await
    })
}

/// Ends every other unused password link of an account (reset or invitation): once a password
/// is set with one of them, an older email must not set another.
pub async fn use_password_tokens(tx: &mut Tx, user_id: i64, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update auth_tokens set used_at = $2
         where user_id = $1 and purpose in ('reset_password', 'invitation') and used_at is null"
    )
    .bind(user_id)
    .bind(now)
    .execute(c)
    .await)
}

/// Counts one hit of `key` in its window and returns the window's count, in one atomic
/// statement: a window that began at or before `expired_before` starts again at `now`.
pub async fn hit_throttle(
    tx: &mut Tx,
    key: &str,
    now: i64,
    expired_before: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "insert into throttles (key, window_start, hits) values ($1, $2, 1)
         on conflict (key) do update set
             hits = case when throttles.window_start <= $3 then 1 else throttles.hits + 1 end,
             window_start = case when throttles.window_start <= $3 then $2
                                 else throttles.window_start end
         returning hits"
    )
    .bind(key)
    .bind(now)
    .bind(expired_before)
    .fetch_one(c)
    .await)
}

/// Takes back one hit of `key` (an attempt that turned out legitimate).
pub async fn unhit_throttle(tx: &mut Tx, key: &str) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update throttles set hits = hits - 1 where key = $1 and hits > 0"
    )
    .bind(key)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn clear_throttle(tx: &mut Tx, key: &str) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query("delete from throttles where key = $1")
        .bind(key)
        .execute(c)
        .await)?;
    Ok(())
}

/// Whether the device cookie whose token hashes to `token_hash` was given to `user_id`.
pub async fn is_known_device(tx: &mut Tx, token_hash: &str, user_id: i64) -> sqlx::Result<bool> {
    on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "select count(*) from known_devices where token_hash = $1 and user_id = $2"
    )
    .bind(token_hash)
    .bind(user_id)
    .fetch_one(c)
    .await)
    .map(|n| n > 0)
}

pub async fn insert_known_device(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into known_devices (token_hash, user_id, created_at) values ($1, $2, $3)
         on conflict (token_hash) do nothing"
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn delete_old_throttles(tx: &mut Tx, before: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from throttles where window_start < $1"
    )
    .bind(before)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn delete_old_devices(tx: &mut Tx, before: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from known_devices where created_at < $1"
    )
    .bind(before)
    .execute(c)
    .await)?;
    Ok(())
}

/// Makes `side` the side `user_id` acts for, unless they already act for another one (their
/// account's side or a per-side grant): false then. One statement, so two parallel grants on
/// different sides cannot both succeed (the row is locked by the first).
pub async fn claim_side(tx: &mut Tx, user_id: i64, side: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| sqlx::query(
        "update users set side_id = $2
         where id = $1 and (side_id is null or side_id = $2)
           and not exists (select 1 from role_grants g
                           where g.user_id = $1 and g.side_id is not null and g.side_id <> $2)"
    )
    .bind(user_id)
    .bind(side)
    .execute(c)
    .await)?;
    Ok(n == 1)
}

/// The officers and commission members of these sides: (user, name, role, side), in one
/// statement. (Evaluators are not listed: who evaluates for a side is the side's business.)
pub async fn people_of_sides(
    tx: &mut Tx,
    sides: &[i64],
) -> sqlx::Result<Vec<(i64, String, String, i64)>> {
    fetch_all_in(
        tx,
        "select u.id, u.name, g.role, g.side_id from role_grants g join users u on u.id = g.user_id
         where g.role in ('officer', 'commission_member') and g.side_id in ({ids}) order by g.side_id, u.name, u.id, g.role",
        sides,
    )
    .await
}

mod notifications;
mod people;
pub use notifications::*;
pub use people::*;
