//! The application as filed, whole, for everyone entitled to read it (the policy's
//! `ReadFiled`): each half the reader may read, from its latest receipt, with the call's terms
//! and themes. One read transaction, a fixed number of statements (a project has one half per
//! side).

use super::{
    actions,
    filed::{self, FiledVersion},
    policy::{self, Facts, Perm},
    store::AttachmentRow,
};
use crate::{
    calls::{self, Call},
    commissions::Theme,
    db::{Db, Tx},
    error::{AppError, AppResult},
    storage::Storage,
    viewer::Viewer,
};

pub struct ApplicationRead {
    pub project_id: i64,
    /// The shared title, as filed.
    pub title: String,
    pub call: Call,
    pub themes: Vec<Theme>,
    /// The filed version of each half the reader may read, in the call's side order.
    pub versions: Vec<FiledVersion>,
    /// Whether the reader may open the project's own page (leads, officers, administrators).
    pub can_view_project: bool,
}

async fn read_in(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<ApplicationRead> {
    // Whoever may not read any half is told the project does not exist.
    let p = actions::project_in(tx, id)
        .await
        .map_err(|_| AppError::NotFound)?;
    let (call, themes) = calls::actions::get_call_with_themes_in(tx, Some(user), p.call_id)
        .await
        .map_err(|_| AppError::NotFound)?;
    let now = tx.now_ms();
    let mut versions = Vec::new();
    for s in &call.sides {
        let Some(h) = p.halves.iter().find(|h| h.side_id == s.side_id) else {
            continue;
        };
        let facts = Facts::of(&p, &call, user, Some(h.side_id), now);
        if policy::can(user, Perm::ReadFiled, &facts)
            && let Some(v) = filed::latest_version_in(tx, h.id).await?
        {
            versions.push(v);
        }
    }
    if versions.is_empty() {
        return Err(AppError::NotFound);
    }
    let can_view_project = policy::can(user, Perm::View, &Facts::of(&p, &call, user, None, now));
    Ok(ApplicationRead {
        project_id: p.id,
        title: versions[0].content.title.clone(),
        call,
        themes,
        versions,
        can_view_project,
    })
}

/// The filed application of project `id` as `user` may read it.
pub async fn application(db: &Db, user: &Viewer, id: i64) -> AppResult<ApplicationRead> {
    let mut tx = db.read().await?;
    read_in(&mut tx, user, id).await
}

/// A file of a filed version `user` may read, with its bytes.
pub async fn application_file(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    id: i64,
    file: i64,
) -> AppResult<(AttachmentRow, Vec<u8>)> {
    let mut tx = db.read().await?;
    let read = read_in(&mut tx, user, id).await?;
    let version = read
        .versions
        .iter()
        .find(|v| v.content.attachments.iter().any(|a| a.id == file))
        .ok_or(AppError::NotFound)?;
    let a = filed::filed_file_in(&mut tx, version, file).await?;
    drop(tx);
    let bytes = storage.get(&a.storage_key).await?;
    Ok((a, bytes))
}
