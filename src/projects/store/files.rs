//! SQL of invitations, receipts, the signing key and attachments.

use crate::{db::Tx, on_tx, on_tx_exec};

/// A partner invitation to store: only the token's hash is kept.
pub struct NewInvitation<'a> {
    pub project_id: i64,
    pub side_id: i64,
    pub email: &'a str,
    pub token_hash: &'a str,
    pub invited_by: i64,
    pub expires_at: i64,
}

pub async fn insert_invitation(tx: &mut Tx, i: &NewInvitation<'_>, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into project_invitations (project_id, side_id, email, token_hash, invited_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(i.project_id)
    .bind(i.side_id)
    .bind(i.email)
    .bind(i.token_hash)
    .bind(i.invited_by)
    .bind(now)
    .bind(i.expires_at)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Consumes an invitation: (project, side) once, while unexpired.
pub async fn use_invitation(tx: &mut Tx, hash: &str, now: i64) -> sqlx::Result<Option<(i64, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "update project_invitations set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2
         returning project_id, side_id"
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(c)
    .await
    })
}

pub async fn peek_invitation(
    tx: &mut Tx,
    hash: &str,
    now: i64,
) -> sqlx::Result<Option<(i64, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select project_id, side_id from project_invitations where token_hash = $1 and used_at is null and expires_at > $2"
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(c)
    .await
    })
}

/// The attachments of these halves, by half then id, in one statement.
pub async fn attachments_of(tx: &mut Tx, halves: &[i64]) -> sqlx::Result<Vec<AttachmentRow>> {
    crate::db::fetch_all_in(
        tx,
        "select id, half_id, storage_key, filename, content_type, size, sha256 from attachments
         where half_id in ({ids}) and removed_at is null order by half_id, id",
        halves,
    )
    .await
}

pub async fn project_of_half(tx: &mut Tx, half_id: i64) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select project_id from project_halves where id = $1"
    )
    .bind(half_id)
    .fetch_optional(c)
    .await)
}

/// An uploaded file's record.
pub struct NewAttachment<'a> {
    pub half_id: i64,
    pub storage_key: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub uploaded_by: i64,
}

pub async fn insert_attachment(tx: &mut Tx, a: &NewAttachment<'_>, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into attachments (half_id, storage_key, filename, content_type, size, sha256, uploaded_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id"
    )
    .bind(a.half_id)
    .bind(a.storage_key)
    .bind(a.filename)
    .bind(a.content_type)
    .bind(a.size)
    .bind(a.sha256)
    .bind(a.uploaded_by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct AttachmentRow {
    pub id: i64,
    pub half_id: i64,
    #[serde(skip)]
    pub storage_key: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

pub async fn find_attachment(tx: &mut Tx, id: i64) -> sqlx::Result<Option<AttachmentRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, half_id, storage_key, filename, content_type, size, sha256 from attachments where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })
}

pub async fn list_attachments(tx: &mut Tx, half_id: i64) -> sqlx::Result<Vec<AttachmentRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
            "select id, half_id, storage_key, filename, content_type, size, sha256 from attachments
         where half_id = $1 and removed_at is null order by id",
        )
        .bind(half_id)
        .fetch_all(c)
        .await
    })
}

/// Hides an attachment a receipt names from the half's draft (the row and file stay: a filed
/// version holds it).
pub async fn remove_attachment(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update attachments set removed_at = $2 where id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

/// A half's attachments as its filed version lists them: those back, the others hidden.
pub async fn restore_attachments(
    tx: &mut Tx,
    half_id: i64,
    filed: &[AttachmentRow],
    now: i64,
) -> sqlx::Result<()> {
    let ids: Vec<i64> = filed.iter().map(|a| a.id).collect();
    on_tx_exec!(tx, |c| sqlx::query(
        "update attachments set removed_at = $2 where half_id = $1 and removed_at is null"
    )
    .bind(half_id)
    .bind(now)
    .execute(c)
    .await)?;
    if !ids.is_empty() {
        let sql = format!(
            "update attachments set removed_at = null where half_id = $1 and id in ({})",
            (2..ids.len() + 2)
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        on_tx_exec!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(half_id);
            for id in &ids {
                q = q.bind(*id);
            }
            q.execute(c).await
        })?;
    }
    Ok(())
}

pub async fn delete_attachment(tx: &mut Tx, id: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query("delete from attachments where id = $1")
        .bind(id)
        .execute(c)
        .await)?;
    Ok(())
}
