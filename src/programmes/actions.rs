//! Creating and reading sides and programmes.

use super::{
    model::{Programme, Side, check_sides},
    store,
};
use crate::{
    audit::{self, Actor},
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    i18n::Localized,
};

/// Registers a side (an administration). Used by the demo loader and the CLI.
pub async fn create_side(tx: &mut Tx, actor: &Actor, side: &Side) -> AppResult<i64> {
    let id = store::insert_side(tx, side).await?;
    audit::record(tx, actor, "side.create", "side", id, &side.code).await?;
    Ok(id)
}

/// Creates a programme between `side_ids` (at least two, all different).
pub async fn create_programme(
    tx: &mut Tx,
    actor: &Actor,
    code: &str,
    name: &Localized,
    side_ids: &[i64],
) -> AppResult<i64> {
    if !check_sides(side_ids) {
        return Err(AppError::Invalid(FieldErrors::single(
            "sides",
            "programme-error-two-sides",
        )));
    }
    let now = tx.now_ms();
    let id = store::insert_programme(tx, code, &name.fr, &name.en, now).await?;
    for s in side_ids {
        store::insert_programme_side(tx, id, *s).await?;
    }
    audit::record(tx, actor, "programme.create", "programme", id, code).await?;
    Ok(id)
}

pub async fn list_sides(db: &Db) -> AppResult<Vec<Side>> {
    let mut tx = db.read().await?;
    list_sides_in(&mut tx).await
}

/// Every side, inside the caller's transaction.
pub async fn list_sides_in(tx: &mut Tx) -> AppResult<Vec<Side>> {
    Ok(store::list_sides(tx).await?)
}

/// Every programme with its sides.
pub async fn list_programmes(db: &Db) -> AppResult<Vec<Programme>> {
    let mut tx = db.read().await?;
    list_programmes_in(&mut tx).await
}

/// Every programme with its sides, inside the caller's transaction (programmes are a handful:
/// one query for their sides each).
pub async fn list_programmes_in(tx: &mut Tx) -> AppResult<Vec<Programme>> {
    let mut out = Vec::new();
    for p in store::list_programmes(tx).await? {
        let sides = store::list_programme_sides(tx, p.id).await?;
        out.push(Programme {
            id: p.id,
            code: p.code,
            name: Localized::new(p.name_fr, p.name_en),
            sides,
        });
    }
    Ok(out)
}

/// The sides of a programme, inside the caller's transaction.
pub async fn sides_of(tx: &mut Tx, programme_id: i64) -> AppResult<Vec<Side>> {
    Ok(store::list_programme_sides(tx, programme_id).await?)
}

/// One side, inside the caller's transaction.
pub async fn side_in(tx: &mut Tx, id: i64) -> AppResult<Side> {
    store::list_sides(tx)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(crate::error::AppError::NotFound)
}
