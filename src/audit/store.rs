//! SQL of the audit log.

use super::model::Entry;
use crate::{db::Tx, on_tx};

/// The hash of the newest row. On PostgreSQL a transaction-scoped advisory lock serializes
/// writers across instances so two rows never chain onto the same predecessor; on SQLite the
/// write transaction (`BEGIN IMMEDIATE`) already holds the database lock.
pub async fn last_hash_locked(tx: &mut Tx) -> sqlx::Result<Option<String>> {
    if let crate::db::Conn::Postgres(t) = &mut tx.conn {
        crate::db::note_statement();
        sqlx::query("select pg_advisory_xact_lock(7305001)")
            .execute(&mut **t)
            .await?;
    }
    on_tx!(tx, |c| sqlx::query_scalar(
        "select hash from audit_log order by id desc limit 1"
    )
    .fetch_optional(c)
    .await)
}

pub async fn insert(tx: &mut Tx, e: &Entry) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into audit_log (at, actor_id, actor_label, action, object_type, object_id, summary, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id"
    )
    .bind(e.at)
    .bind(e.actor_id)
    .bind(&e.actor_label)
    .bind(&e.action)
    .bind(&e.object_type)
    .bind(&e.object_id)
    .bind(&e.summary)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .fetch_one(c)
    .await
    })
}

/// A page of rows after `after_id`, oldest first.
pub async fn list_after(tx: &mut Tx, after_id: i64, limit: i64) -> sqlx::Result<Vec<Entry>> {
    on_tx!(tx, |c| {
        sqlx::query_as::<_, Entry>(
        "select id, at, actor_id, actor_label, action, object_type, object_id, summary, prev_hash, hash
         from audit_log where id > $1 order by id limit $2"
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(c)
    .await
    })
}

pub async fn list_for_object(
    tx: &mut Tx,
    object_type: &str,
    object_id: &str,
) -> sqlx::Result<Vec<Entry>> {
    on_tx!(tx, |c| {
        sqlx::query_as::<_, Entry>(
        "select id, at, actor_id, actor_label, action, object_type, object_id, summary, prev_hash, hash
         from audit_log where object_type = $1 and object_id = $2 order by id"
    )
    .bind(object_type)
    .bind(object_id)
    .fetch_all(c)
    .await
    })
}

/// (row count, head row id, head row hash); (0, 0, "") for an empty log.
pub async fn head(tx: &mut Tx) -> sqlx::Result<(i64, i64, String)> {
    let rows: i64 = on_tx!(tx, |c| sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(c)
        .await)?;
    let head: Option<(i64, String)> = on_tx!(tx, |c| sqlx::query_as(
        "select id, hash from audit_log order by id desc limit 1"
    )
    .fetch_optional(c)
    .await)?;
    let (id, hash) = head.unwrap_or_default();
    Ok((rows, id, hash))
}

/// The stored hash of row `id`, if it exists.
pub async fn hash_of(tx: &mut Tx, id: i64) -> sqlx::Result<Option<String>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select hash from audit_log where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}
