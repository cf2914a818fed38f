//! Attachments of a half: size and type checked (type by the file's own bytes, never by its
//! name or the browser's claim), stored under a generated key, served as downloads.

use super::{
    actions::{load, load_visible_half, own_half},
    model::Half,
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    storage::Storage,
    users::Viewer,
};

/// Largest attachment, in bytes.
pub const MAX_SIZE: usize = 10 * 1024 * 1024;

/// Types accepted, detected from the content: PDF, images, office documents.
const ALLOWED: [&str; 13] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// The content type of `bytes` if it is one we accept.
pub fn accepted_type(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes)
        .map(|t| t.mime_type())
        .and_then(|m| ALLOWED.iter().copied().find(|a| *a == m))
}

/// A name safe in a `Content-Disposition` header and on any file system: letters, digits and
/// `. - _` kept (accented letters included), anything else becomes `_`.
pub fn safe_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "fichier".into()
    } else {
        cleaned
    }
}

/// The lead's own half, if the policy lets them change it (attachments are part of it).
async fn may_attach(tx: &mut Tx, user: &Viewer, project_id: i64) -> AppResult<Half> {
    let (p, call, _) = load(tx, user, project_id).await?;
    super::actions::editable_half(tx, &p, &call, user).await
}

/// Adds a file to the lead's own half.
pub async fn upload(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    project_id: i64,
    filename: &str,
    bytes: &[u8],
) -> AppResult<i64> {
    if bytes.is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "file",
            "projects-error-file-empty",
        )));
    }
    if bytes.len() > MAX_SIZE {
        return Err(AppError::Invalid(FieldErrors::single(
            "file",
            "projects-error-file-size",
        )));
    }
    let Some(content_type) = accepted_type(bytes) else {
        return Err(AppError::Invalid(FieldErrors::single(
            "file",
            "projects-error-file-type",
        )));
    };
    // Asked before anything is written: a refused request leaves no file behind.
    {
        let mut tx = db.read().await?;
        may_attach(&mut tx, user, project_id).await?;
    }
    let key = Storage::new_key();
    // Written before the row: a crash leaves an orphan file, never a row without its file.
    storage.put(&key, bytes).await?;
    let mut tx = db.write().await?;
    let half = match may_attach(&mut tx, user, project_id).await {
        Ok(h) => h,
        Err(e) => {
            // Refused in between (withdrawn meanwhile): the file goes too.
            let _ = storage.delete(&key).await;
            return Err(e);
        }
    };
    let row = store::NewAttachment {
        half_id: half.id,
        storage_key: &key,
        filename: &safe_filename(filename),
        content_type,
        size: bytes.len() as i64,
        sha256: &super::receipt::sha256_hex(bytes),
        uploaded_by: user.id,
    };
    let id = store::insert_attachment(&mut tx, &row, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.attach",
        "project_half",
        half.id,
        row.filename,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An attachment's name, type and bytes, for its half's leads and its side's officers — to the
/// officers of a half once filed, only a file of the filed version (a lead's reopened draft is
/// theirs until filed).
pub async fn download(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    id: i64,
) -> AppResult<(store::AttachmentRow, Vec<u8>)> {
    let mut tx = db.read().await?;
    let a = store::find_attachment(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = load_visible_half(&mut tx, user, a.half_id).await?;
    // As the project page lists them: a half once filed shows its filed version's files.
    if p.half_led_by(user.id).is_none()
        && let Some(filed) = super::filed::latest_version_in(&mut tx, a.half_id).await?
    {
        super::filed::filed_file_in(&mut tx, &filed, a.id).await?;
    }
    drop(tx);
    let bytes = storage.get(&a.storage_key).await?;
    Ok((a, bytes))
}

/// Removes an attachment of the lead's own half.
pub async fn remove(db: &Db, storage: &Storage, user: &Viewer, id: i64) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let a = store::find_attachment(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let project_id = store::project_of_half(&mut tx, a.half_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (p, call, _) = load(&mut tx, user, project_id).await?;
    if own_half(&p, user)?.id != a.half_id {
        return Err(AppError::Forbidden);
    }
    super::actions::editable_half(&mut tx, &p, &call, user).await?;
    // A file a receipt names is kept (row and file): it is part of a filed version.
    let keep_file =
        crate::submissions::actions::receipt_names_file_in(&mut tx, a.half_id, &a.sha256).await?;
    if keep_file {
        let now = tx.now_ms();
        store::remove_attachment(&mut tx, id, now).await?;
    } else {
        store::delete_attachment(&mut tx, id).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "project.detach",
        "project_half",
        a.half_id,
        &a.filename,
    )
    .await?;
    tx.commit().await?;
    if !keep_file {
        storage.delete(&a.storage_key).await.ok();
    }
    Ok(project_id)
}

/// Attachments of the halves `viewer` may see.
pub async fn list(db: &Db, user: &Viewer, project_id: i64) -> AppResult<Vec<store::AttachmentRow>> {
    let mut tx = db.read().await?;
    let (p, _, viewer) = load(&mut tx, user, project_id).await?;
    let mut out = Vec::new();
    for h in p.halves.iter().filter(|h| viewer.sees_half(h)) {
        out.extend(store::list_attachments(&mut tx, h.id).await?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes_not_the_name() {
        assert_eq!(
            accepted_type(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            Some("application/pdf")
        );
        assert_eq!(
            accepted_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(
            accepted_type(b"MZ\x90\0\x03\0\0\0"),
            None,
            "an executable renamed .pdf"
        );
        assert_eq!(accepted_type(b"<html><script>alert(1)</script>"), None);
    }

    #[test]
    fn filenames_are_made_safe() {
        assert_eq!(safe_filename("../../etc/passwd"), "passwd");
        assert_eq!(
            safe_filename("C:\\Users\\léa\\Budget 2019 \"final\".pdf"),
            "Budget_2019__final_.pdf"
        );
        assert_eq!(safe_filename(".htaccess"), "htaccess");
        assert_eq!(safe_filename(""), "fichier");
    }
}
