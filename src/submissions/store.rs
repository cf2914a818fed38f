//! SQL of submissions and their receipts, and of the server's signing key.

use crate::{db::Tx, on_tx, on_tx_exec};

/// A new submission of `kind` for `side`: its id is the id of the half or candidacy made next.
pub async fn insert_submission(tx: &mut Tx, kind: &str, side: i64, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "insert into submissions (kind, side_id, created_at) values ($1, $2, $3) returning id"
    )
    .bind(kind)
    .bind(side)
    .bind(now)
    .fetch_one(c)
    .await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: i64,
    pub submission_id: i64,
    pub version: i64,
    pub submitted_at: i64,
    pub content_sha256: String,
    pub payload: String,
    pub signature: String,
}

/// A filing receipt to store.
pub struct NewReceipt<'a> {
    pub submission_id: i64,
    pub version: i64,
    pub submitted_at: i64,
    pub content: &'a str,
    pub content_sha256: &'a str,
    pub shared_sha256: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
}

pub async fn insert_receipt(tx: &mut Tx, r: &NewReceipt<'_>) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into receipts (submission_id, version, submitted_at, content, content_sha256, shared_sha256, payload, signature)
         values ($1, $2, $3, $4, $5, $8, $6, $7) returning id"
    )
    .bind(r.submission_id)
    .bind(r.version)
    .bind(r.submitted_at)
    .bind(r.content)
    .bind(r.content_sha256)
    .bind(r.payload)
    .bind(r.signature)
    .bind(r.shared_sha256)
    .fetch_one(c)
    .await
    })
}

pub async fn find_receipt(tx: &mut Tx, id: i64) -> sqlx::Result<Option<ReceiptRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, submission_id, version, submitted_at, content_sha256, payload, signature from receipts where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })
}

/// The receipts of these submissions, by half then version, in one statement.
pub async fn receipts_of(tx: &mut Tx, submissions: &[i64]) -> sqlx::Result<Vec<ReceiptRow>> {
    crate::db::fetch_all_in(
        tx,
        "select id, submission_id, version, submitted_at, content_sha256, payload, signature from receipts
         where submission_id in ({ids}) order by submission_id, version",
        submissions,
    )
    .await
}

pub async fn list_receipts(tx: &mut Tx, submission_id: i64) -> sqlx::Result<Vec<ReceiptRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, submission_id, version, submitted_at, content_sha256, payload, signature from receipts where submission_id = $1 order by version"
    )
    .bind(submission_id)
    .fetch_all(c)
    .await
    })
}

/// The key for `purpose`, created by the first instance that needs it; every instance then
/// reads the same row.
pub async fn get_or_create_key(
    tx: &mut Tx,
    purpose: &str,
    secret: &str,
    public: &str,
    now: i64,
) -> sqlx::Result<(String, String)> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into server_keys (purpose, secret, public, created_at) values ($1, $2, $3, $4) on conflict (purpose) do nothing"
    )
    .bind(purpose)
    .bind(secret)
    .bind(public)
    .bind(now)
    .execute(c)
    .await
    })?;
    on_tx!(tx, |c| sqlx::query_as(
        "select secret, public from server_keys where purpose = $1"
    )
    .bind(purpose)
    .fetch_one(c)
    .await)
}

/// The latest receipt of each of these submissions: (half, version, content, shared hash), in one
/// statement.
pub async fn latest_filed(
    tx: &mut Tx,
    submissions: &[i64],
) -> sqlx::Result<Vec<(i64, i64, String, String)>> {
    crate::db::fetch_all_in(
        tx,
        "select r.submission_id, r.version, r.content, r.shared_sha256 from receipts r
         where r.submission_id in ({ids})
           and r.version = (select max(v.version) from receipts v where v.submission_id = r.submission_id)
         order by r.submission_id",
        submissions,
    )
    .await
}

/// Whether a receipt names a stored file (by its SHA-256): such a file is never deleted.
pub async fn receipt_names_file(
    tx: &mut Tx,
    submission_id: i64,
    sha256: &str,
) -> sqlx::Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "select count(*) from receipts where submission_id = $1 and content like $2"
    )
    .bind(submission_id)
    .bind(format!("%\"sha256\":\"{sha256}\"%"))
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// A receipt with the content its hash covers.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FiledReceiptRow {
    #[sqlx(flatten)]
    pub receipt: ReceiptRow,
    pub content: String,
}

/// A receipt with its content.
pub async fn receipt_with_content(tx: &mut Tx, id: i64) -> sqlx::Result<Option<FiledReceiptRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
            "select id, submission_id, version, submitted_at, content_sha256, payload, signature, content
             from receipts where id = $1",
        )
        .bind(id)
        .fetch_optional(c)
        .await
    })
}

/// The latest receipt of a submission, with its content.
pub async fn latest_receipt(
    tx: &mut Tx,
    submission_id: i64,
) -> sqlx::Result<Option<FiledReceiptRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
            "select id, submission_id, version, submitted_at, content_sha256, payload, signature, content
             from receipts where submission_id = $1 order by version desc limit 1",
        )
        .bind(submission_id)
        .fetch_optional(c)
        .await
    })
}
