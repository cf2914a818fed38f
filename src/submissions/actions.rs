//! What the kinds of submission call, within their own transaction: a new submission's
//! identity, the signed receipt of a filed version, and reading receipts back. Permissions are
//! the caller's: a half's receipts are checked by `projects`, a candidacy's by `grv`.

use jiff::Timestamp;

use super::{
    SubmissionKind,
    deadline::Deadline,
    receipt::{self, Payload},
    store::{self, FiledReceiptRow, ReceiptRow},
};
use crate::{
    db::{Db, Tx},
    error::AppResult,
};

/// A new submission of `kind` on `side`; the half or candidacy takes its id.
pub async fn new_submission_in(
    tx: &mut Tx,
    kind: SubmissionKind,
    side: i64,
    now: i64,
) -> AppResult<i64> {
    Ok(store::insert_submission(tx, kind.as_str(), side, now).await?)
}

/// A version being filed, as its kind describes it.
pub struct Filing<'a> {
    pub kind: SubmissionKind,
    pub submission_id: i64,
    /// What the submission belongs to: a half's project, a candidacy's edition.
    pub subject_id: i64,
    pub side_code: &'a str,
    pub version: i64,
    /// The exact content filed, as JSON: what the receipt's hash covers and what pages read
    /// back as "the version filed".
    pub content: &'a str,
    /// The hash of what several submissions file together (a joint project's shared part);
    /// empty when the submission stands alone.
    pub shared_sha256: &'a str,
    /// Every side's zone: the receipt states the instant in each.
    pub zones: &'a [String],
}

/// A receipt just issued.
pub struct Issued {
    pub id: i64,
    pub payload: String,
    pub content_sha256: String,
}

/// Hashes what is filed, signs the receipt with the server's key and stores both.
pub async fn issue_receipt_in(tx: &mut Tx, f: &Filing<'_>, now: i64) -> AppResult<Issued> {
    let sha = receipt::sha256_hex(f.content.as_bytes());
    let payload = Payload {
        format: receipt::FORMAT.into(),
        kind: f.kind.as_str().into(),
        subject_id: f.subject_id,
        submission_id: f.submission_id,
        side: f.side_code.into(),
        version: f.version,
        submitted_at_utc: Timestamp::from_millisecond(now)
            .map_err(anyhow::Error::from)?
            .to_string(),
        submitted_at_local: f
            .zones
            .iter()
            .map(|z| Deadline::local_stamp(now, z))
            .collect(),
        content_sha256: sha.clone(),
    };
    let (secret, _) = signing_key(tx).await?;
    let (json, sig) = receipt::sign(&secret, &payload)?;
    let id = store::insert_receipt(
        tx,
        &store::NewReceipt {
            submission_id: f.submission_id,
            version: f.version,
            submitted_at: now,
            content: f.content,
            content_sha256: &sha,
            shared_sha256: f.shared_sha256,
            payload: &json,
            signature: &sig,
        },
    )
    .await?;
    Ok(Issued {
        id,
        payload: json,
        content_sha256: sha,
    })
}

/// The server's receipt key pair, created by the first instance that needs it.
async fn signing_key(tx: &mut Tx) -> AppResult<(String, String)> {
    let (secret, public) = receipt::new_key();
    let now = tx.now_ms();
    Ok(store::get_or_create_key(tx, "receipts", &secret, &public, now).await?)
}

/// The public key receipts are signed with (base64 Ed25519), for offline verification.
pub async fn public_key(db: &Db) -> AppResult<String> {
    let mut tx = db.write().await?;
    let (_, public) = signing_key(&mut tx).await?;
    tx.commit().await?;
    Ok(public)
}

pub async fn receipt_in(tx: &mut Tx, id: i64) -> AppResult<Option<ReceiptRow>> {
    Ok(store::find_receipt(tx, id).await?)
}

/// A receipt with the content its hash covers.
pub async fn receipt_with_content_in(tx: &mut Tx, id: i64) -> AppResult<Option<FiledReceiptRow>> {
    Ok(store::receipt_with_content(tx, id).await?)
}

/// Every receipt of a submission, oldest version first.
pub async fn receipts_of_in(tx: &mut Tx, submission: i64) -> AppResult<Vec<ReceiptRow>> {
    Ok(store::list_receipts(tx, submission).await?)
}

/// The receipts of these submissions, by submission then version, in one statement.
pub async fn receipts_in(tx: &mut Tx, submissions: &[i64]) -> AppResult<Vec<ReceiptRow>> {
    Ok(store::receipts_of(tx, submissions).await?)
}

/// The latest receipt of a submission, with its content.
pub async fn latest_receipt_in(tx: &mut Tx, submission: i64) -> AppResult<Option<FiledReceiptRow>> {
    Ok(store::latest_receipt(tx, submission).await?)
}

/// The latest filed version of each of these submissions: (submission, version, content,
/// shared hash), in one statement.
pub async fn latest_filed_in(
    tx: &mut Tx,
    submissions: &[i64],
) -> AppResult<Vec<(i64, i64, String, String)>> {
    Ok(store::latest_filed(tx, submissions).await?)
}

/// Whether a receipt of the submission names a stored file (by SHA-256): such a file is kept.
pub async fn receipt_names_file_in(tx: &mut Tx, submission: i64, sha256: &str) -> AppResult<bool> {
    Ok(store::receipt_names_file(tx, submission, sha256).await?)
}
