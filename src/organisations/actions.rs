//! Registering and listing organisations.

use super::{model::Organisation, store};
use crate::{
    audit::{self, Actor},
    db::{Db, Tx, unique_violation},
    error::{AppError, AppResult, FieldErrors},
};

/// Registers an organisation; a duplicate name on the same side is a field error.
pub async fn create_organisation(tx: &mut Tx, actor: &Actor, o: &Organisation) -> AppResult<i64> {
    let now = tx.now_ms();
    let id = match store::insert(tx, o, now).await {
        Ok(id) => id,
        Err(e) if unique_violation(&e).is_some() => {
            return Err(AppError::Invalid(FieldErrors::single(
                "name",
                "organisation-error-duplicate",
            )));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        tx,
        actor,
        "organisation.create",
        "organisation",
        id,
        &o.name,
    )
    .await?;
    Ok(id)
}

pub async fn list_by_side(db: &Db, side_id: i64) -> AppResult<Vec<Organisation>> {
    let mut tx = db.read().await?;
    Ok(store::list_by_side(&mut tx, side_id).await?)
}

/// A side's organisations, inside the caller's transaction.
pub async fn list_by_side_in(tx: &mut Tx, side_id: i64) -> AppResult<Vec<Organisation>> {
    Ok(store::list_by_side(tx, side_id).await?)
}

/// One organisation, inside the caller's transaction.
pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Option<Organisation>> {
    Ok(store::find(tx, id).await?)
}

/// Registers an organisation on the user's own side (applicants and officers of that side).
pub async fn register(db: &Db, user: &crate::users::Viewer, o: &Organisation) -> AppResult<i64> {
    use super::policy::{self, Facts, Perm};
    if !policy::can(user, Perm::Register, &Facts { side: o.side_id }) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.write().await?;
    let id = create_organisation(&mut tx, &user.actor(), o).await?;
    tx.commit().await?;
    Ok(id)
}
