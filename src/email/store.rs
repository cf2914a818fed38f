//! SQL of the outbox.

use super::model::{Message, Outgoing};
use crate::{db::Tx, on_tx, on_tx_exec};

pub async fn insert(tx: &mut Tx, m: &Message, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into email_outbox (to_address, subject, body_text, body_html, created_at, next_attempt_at, message_id, lang, unsubscribe)
         values ($1, $2, $3, $4, $5, $5, $6, $7, $8) returning id"
    )
    .bind(&m.to)
    .bind(&m.subject)
    .bind(&m.text)
    .bind(&m.html)
    .bind(now)
    .bind(crate::auth::random_token())
    .bind(&m.lang)
    .bind(m.unsubscribe.as_deref().unwrap_or(""))
    .fetch_one(c)
    .await
    })
}

/// Leases up to `limit` due messages to the caller until `now + lease`.
pub async fn claim_due(
    tx: &mut Tx,
    now: i64,
    lease: i64,
    limit: i64,
    max_attempts: i64,
) -> sqlx::Result<Vec<Outgoing>> {
    // PostgreSQL: SKIP LOCKED lets several instances claim disjoint batches concurrently.
    // SQLite has no row locks; its write transaction already excludes other writers.
    let lock = if tx.is_postgres() {
        "for update skip locked"
    } else {
        ""
    };
    let sql = format!(
        "update email_outbox set locked_until = $2
         where id in (select id from email_outbox
                      where sent_at is null and next_attempt_at <= $1 and attempts < $4
                        and (locked_until is null or locked_until < $1)
                      order by id limit $3 {lock})
         returning id, to_address, subject, body_text, body_html, attempts, lang, message_id, unsubscribe"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, Outgoing>(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(now)
    .bind(now + lease)
    .bind(limit)
    .bind(max_attempts)
    .fetch_all(c)
    .await)
}

pub async fn mark_sent(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query("update email_outbox set sent_at = $2, locked_until = null, attempts = attempts + 1 where id = $1")
        .bind(id)
        .bind(now)
        .execute(c)
        .await
    })?;
    Ok(())
}

pub async fn mark_failed(
    tx: &mut Tx,
    id: i64,
    next_attempt_at: i64,
    error: &str,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update email_outbox set attempts = attempts + 1, next_attempt_at = $2, last_error = $3, locked_until = null where id = $1"
    )
    .bind(id)
    .bind(next_attempt_at)
    .bind(error)
    .execute(c)
    .await
    })?;
    Ok(())
}
