//! SQL of the participants' photos for the public announcement.

use crate::{
    db::{Tx, fetch_all_in},
    on_tx, on_tx_exec,
};

/// A stored photo: (candidacy, storage key, type, width, height, credit).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct PhotoRow {
    pub candidacy_id: i64,
    pub storage_key: String,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub credit: String,
}

const COLUMNS: &str = "candidacy_id, storage_key, content_type, width, height, credit";

pub async fn of_candidacies(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Vec<PhotoRow>> {
    fetch_all_in(
        tx,
        &format!("select {COLUMNS} from grv_photos where candidacy_id in ({{ids}})"),
        ids,
    )
    .await
}

pub async fn by_key(tx: &mut Tx, key: &str) -> sqlx::Result<Option<PhotoRow>> {
    let sql = format!("select {COLUMNS} from grv_photos where storage_key = $1");
    on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(key)
        .fetch_optional(c)
        .await)
}

/// Sets a candidacy's photo, replacing any earlier one.
pub async fn set(tx: &mut Tx, p: &PhotoRow, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into grv_photos (candidacy_id, storage_key, content_type, width, height, credit,
             uploaded_at) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (candidacy_id) do update set storage_key = excluded.storage_key,
             content_type = excluded.content_type, width = excluded.width,
             height = excluded.height, credit = excluded.credit,
             uploaded_at = excluded.uploaded_at"
    )
    .bind(p.candidacy_id)
    .bind(&p.storage_key)
    .bind(&p.content_type)
    .bind(p.width)
    .bind(p.height)
    .bind(&p.credit)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn delete(tx: &mut Tx, candidacy: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from grv_photos where candidacy_id = $1"
    )
    .bind(candidacy)
    .execute(c)
    .await)
}
