//! The public announcement of a cohort (issue 14, item 5; DOMAIN.md rule 12): once the cohort
//! stands, its public page shows exactly the participants who are selected, still in it, and
//! consent now — their name, idea, side and, if they gave one, their photo with its credit
//! line. Withdrawing consent takes them off at once and deletes the photo; a photo's address
//! answers only while its participant is announced. Each function is one transaction.

use super::{
    applying,
    model::{Edition, EditionState},
    photo::{self, Cleaned},
    programme::cast,
    store::{candidacies as cstore, photos},
};
use crate::{
    audit,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    programmes::Side,
    storage::Storage,
    viewer::Viewer,
};

pub use photos::PhotoRow;

/// A participant as the public page announces them.
pub struct Announced {
    pub candidacy: i64,
    pub name: String,
    pub idea: String,
    pub side_id: i64,
    pub photo: Option<PhotoRow>,
}

pub struct AnnouncementView {
    pub edition: Edition,
    pub sides: Vec<Side>,
    pub people: Vec<Announced>,
}

impl AnnouncementView {
    pub fn side(&self, id: i64) -> Option<&Side> {
        self.sides.iter().find(|s| s.id == id)
    }
}

/// The announced participants of an edition whose cohort stands, in seven statements.
async fn announced_in(tx: &mut Tx, edition: i64) -> AppResult<AnnouncementView> {
    let c = cast(tx, edition).await?;
    if c.edition.state < EditionState::CohortSelected {
        return Err(AppError::NotFound);
    }
    let people: Vec<_> = c
        .participants
        .iter()
        .filter(|p| p.candidacy.consents())
        .collect();
    let ids: Vec<i64> = people.iter().map(|p| p.candidacy.id).collect();
    let stored = photos::of_candidacies(tx, &ids).await?;
    Ok(AnnouncementView {
        people: people
            .into_iter()
            .map(|p| Announced {
                candidacy: p.candidacy.id,
                name: p.candidacy.name.clone(),
                idea: p.candidacy.input.idea_title.clone(),
                side_id: p.candidacy.side_id,
                photo: stored
                    .iter()
                    .find(|s| s.candidacy_id == p.candidacy.id)
                    .cloned(),
            })
            .collect(),
        edition: c.edition,
        sides: c.sides,
    })
}

/// The public cohort page (no viewer: it is the same for everyone).
pub async fn cohort_page(db: &Db, edition: i64) -> AppResult<AnnouncementView> {
    let mut tx = db.read().await?;
    announced_in(&mut tx, edition).await
}

/// A photo by its address, while its participant is announced: (bytes, type).
pub async fn photo(db: &Db, storage: &Storage, key: &str) -> AppResult<(Vec<u8>, String)> {
    let row = {
        let mut tx = db.read().await?;
        let row = photos::by_key(&mut tx, key)
            .await?
            .ok_or(AppError::NotFound)?;
        let c = cstore::get(&mut tx, row.candidacy_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let v = announced_in(&mut tx, c.edition_id).await?;
        if !v.people.iter().any(|p| p.candidacy == row.candidacy_id) {
            return Err(AppError::NotFound);
        }
        row
    };
    let bytes = storage.get(&row.storage_key).await?;
    Ok((bytes, row.content_type))
}

/// The author's own photo (a preview before the cohort stands).
pub async fn own_photo(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    candidacy: i64,
) -> AppResult<(Vec<u8>, String)> {
    let row = {
        let mut tx = db.read().await?;
        let now = tx.now_ms();
        let v = applying::load(&mut tx, user, candidacy, now).await?;
        // (`load` gives the photo to its author only.)
        v.photo.filter(|_| v.is_author).ok_or(AppError::NotFound)?
    };
    let bytes = storage.get(&row.storage_key).await?;
    Ok((bytes, row.content_type))
}

/// Whether `user` may give a photo for this candidacy: its author, consenting now.
async fn may_give(tx: &mut Tx, user: &Viewer, candidacy: i64) -> AppResult<()> {
    let now = tx.now_ms();
    let v = applying::load(tx, user, candidacy, now).await?;
    if !v.can_consent || v.candidacy.user_id != user.id {
        return Err(AppError::Forbidden);
    }
    if !v.candidacy.consents() {
        return Err(AppError::Conflict("grv-error-photo-consent-first".into()));
    }
    Ok(())
}

/// At most this many photos are cleaned at once on an instance (decoding is CPU and memory
/// heavy): the others wait their turn rather than starve every other request.
static CLEANING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Stores the author's photo (cleaned of its metadata) with its credit line, replacing any
/// earlier one. Whoever may not give it is refused before the file is even decoded; nothing is
/// written for a refused photo or credit.
pub async fn give_photo(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    candidacy: i64,
    bytes: Vec<u8>,
    credit: &str,
) -> AppResult<()> {
    {
        let mut tx = db.read().await?;
        may_give(&mut tx, user, candidacy).await?;
    }
    let mut errors = FieldErrors::default();
    if let Some(k) = photo::credit_error(credit) {
        errors.add("credit", k);
    }
    let cleaned = {
        let _turn = CLEANING
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        tokio::task::spawn_blocking(move || photo::clean(&bytes))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
    };
    let cleaned: Option<Cleaned> = match cleaned {
        Ok(c) => Some(c),
        Err(k) => {
            errors.add("photo", k);
            None
        }
    };
    errors.into_result()?;
    let cleaned = cleaned.ok_or(AppError::NotFound)?;
    let key = Storage::new_key();
    // Written before the row: a crash leaves an orphan file, never a row without its file; a
    // refusal or failure after it deletes the file.
    storage.put(&key, &cleaned.bytes).await?;
    match store_photo(db, user, candidacy, &key, &cleaned, credit).await {
        Ok(earlier) => {
            if let Some(old) = earlier
                && let Err(e) = storage.delete(&old).await
            {
                tracing::warn!(error = %e, "an earlier photo's file was not deleted");
            }
            Ok(())
        }
        Err(e) => {
            if let Err(d) = storage.delete(&key).await {
                tracing::warn!(error = %d, "a refused photo's file was not deleted");
            }
            Err(e)
        }
    }
}

/// The photo's row, in the edition's lock (an upload and a withdrawal of consent at once are
/// one after the other); returns the earlier photo's key.
async fn store_photo(
    db: &Db,
    user: &Viewer,
    candidacy: i64,
    key: &str,
    cleaned: &Cleaned,
    credit: &str,
) -> AppResult<Option<String>> {
    let mut tx = db.write().await?;
    let edition = cstore::get(&mut tx, candidacy)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    super::store::lock(&mut tx, edition).await?;
    may_give(&mut tx, user, candidacy).await?;
    let earlier = forget_in(&mut tx, candidacy).await?;
    let row = PhotoRow {
        candidacy_id: candidacy,
        storage_key: key.to_string(),
        content_type: cleaned.content_type.to_string(),
        width: cleaned.width.into(),
        height: cleaned.height.into(),
        credit: credit.trim().to_string(),
    };
    let now = tx.now_ms();
    photos::set(&mut tx, &row, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.give_photo",
        "grv_candidacy",
        candidacy,
        &format!("{}x{} {}", row.width, row.height, row.content_type),
    )
    .await?;
    tx.commit().await?;
    Ok(earlier)
}

/// Deletes the author's photo.
pub async fn remove_photo(
    db: &Db,
    storage: &Storage,
    user: &Viewer,
    candidacy: i64,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let now = tx.now_ms();
    let v = applying::load(&mut tx, user, candidacy, now).await?;
    if v.candidacy.user_id != user.id {
        return Err(AppError::Forbidden);
    }
    let key = forget_in(&mut tx, candidacy).await?;
    if key.is_some() {
        audit::record(
            &mut tx,
            &user.actor(),
            "grv.remove_photo",
            "grv_candidacy",
            candidacy,
            "removed",
        )
        .await?;
    }
    tx.commit().await?;
    if let Some(k) = key {
        let _ = storage.delete(&k).await;
    }
    Ok(())
}

/// Deletes a candidacy's photo row (consent withdrawn, photo replaced or removed), returning
/// its storage key for the caller to delete once the transaction is committed.
pub(super) async fn forget_in(tx: &mut Tx, candidacy: i64) -> sqlx::Result<Option<String>> {
    let row = photos::of_candidacies(tx, &[candidacy]).await?;
    photos::delete(tx, candidacy).await?;
    Ok(row.into_iter().next().map(|r| r.storage_key))
}
