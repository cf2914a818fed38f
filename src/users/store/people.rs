//! SQL of the people list (searched and paged by the caller) and of the administrators'
//! workspace (accounts, pending invitations).

use super::{USER_COLS, UserRow};
use crate::{
    db::{Tx, fetch_all_in},
    on_tx,
};

/// Every account's id, name and email, by name: what the people list searches (folding case
/// and accents the same way whatever the database).
pub async fn users_brief(tx: &mut Tx) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, name, email from users order by name, id"
    )
    .fetch_all(c)
    .await)
}

/// These accounts, in one statement (in no particular order).
pub async fn find_users(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Vec<UserRow>> {
    let sql = format!("select {USER_COLS} from users where id in ({{ids}})");
    fetch_all_in(tx, &sql, ids).await
}

/// The active accounts holding `role` (a role of no side, as coaching), by name: (id, name).
pub async fn holders_of(tx: &mut Tx, role: &str) -> sqlx::Result<Vec<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select distinct u.id, u.name from role_grants g join users u on u.id = g.user_id
         where g.role = $1 and u.disabled_at is null order by u.name, u.id"
    )
    .bind(role)
    .fetch_all(c)
    .await)
}

/// How many accounts there are.
pub async fn count_users(tx: &mut Tx) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar("select count(*) from users")
        .fetch_one(c)
        .await)
}

/// Invitations sent and not accepted yet, still valid at `now`: (user, name, email, expires),
/// the latest first.
pub async fn pending_invitations(
    tx: &mut Tx,
    now: i64,
) -> sqlx::Result<Vec<(i64, String, String, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select u.id, u.name, u.email, max(t.expires_at) from auth_tokens t
         join users u on u.id = t.user_id
         where t.purpose = 'invitation' and t.used_at is null and t.expires_at > $1
           and u.password_hash is null
         group by u.id, u.name, u.email order by max(t.expires_at) desc"
    )
    .bind(now)
    .fetch_all(c)
    .await)
}
