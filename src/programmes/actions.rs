//! Creating and reading sides and programmes.

use super::{
    model::{FundingDefaults, Programme, Side, SideCaps, check_defaults, check_sides},
    store,
};
use crate::{
    audit::{self, Actor},
    db::{Db, Tx, unique_violation},
    error::{AppError, AppResult, FieldErrors},
    i18n::Localized,
    viewer::Viewer,
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

/// The programme `user` works for in one of `roles` (an administrator: the first), and its
/// sides; not found for anyone else.
pub async fn programme_of(
    tx: &mut Tx,
    user: &Viewer,
    roles: &[crate::viewer::Role],
) -> AppResult<(i64, Vec<Side>)> {
    for p in list_programmes_in(tx).await? {
        if p.sides
            .iter()
            .any(|s| user.is_admin() || roles.iter().any(|r| user.has_role_on(*r, s.id)))
        {
            return Ok((p.id, p.sides));
        }
    }
    Err(AppError::NotFound)
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

/// Whether a programme exists: before, administrators are led to the set-up and everyone else
/// is told the installation is being prepared.
pub async fn installed(db: &Db) -> AppResult<bool> {
    let mut tx = db.read().await?;
    Ok(store::count_programmes(&mut tx).await? > 0)
}

/// What the set-up page creates, in one transaction: the programme, its sides and the funding
/// rules its calls inherit.
pub struct SetUp {
    pub code: String,
    pub name: Localized,
    pub sides: Vec<Side>,
    pub defaults: FundingDefaults,
}

/// Sets the installation up (administrators, once: a second set-up is refused, the sides'
/// codes being unique and the programme existing). The caps in `defaults` name sides by their
/// position in `sides` (0, 1…), their ids being unknown before.
pub async fn set_up(db: &Db, user: &Viewer, s: &SetUp) -> AppResult<i64> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.write().await?;
    let id = set_up_in(&mut tx, &user.actor(), s).await?;
    tx.commit().await?;
    Ok(id)
}

/// The set-up inside the caller's transaction (the demo is built through it too).
pub async fn set_up_in(tx: &mut Tx, actor: &Actor, s: &SetUp) -> AppResult<i64> {
    if store::count_programmes(tx).await? > 0 {
        return Err(AppError::Conflict("setup-error-done".into()));
    }
    let mut errors = FieldErrors::default();
    for (field, key) in check_defaults(&s.defaults) {
        errors.add(field, key);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut ids = Vec::new();
    for side in &s.sides {
        let id = match store::insert_side(tx, side).await {
            Ok(id) => id,
            Err(e) if unique_violation(&e).is_some() => {
                return Err(AppError::Invalid(FieldErrors::single(
                    &format!("s{}_code", ids.len()),
                    "setup-error-code-taken",
                )));
            }
            Err(e) => return Err(e.into()),
        };
        audit::record(tx, actor, "side.create", "side", id, &side.code).await?;
        ids.push(id);
    }
    let programme = create_programme(tx, actor, &s.code, &s.name, &ids).await?;
    let defaults = FundingDefaults {
        caps: s
            .defaults
            .caps
            .iter()
            .filter_map(|c| {
                ids.get(c.side_id as usize).map(|id| SideCaps {
                    side_id: *id,
                    ..c.clone()
                })
            })
            .collect(),
        ..s.defaults.clone()
    };
    store::set_defaults(tx, programme, &defaults).await?;
    Ok(programme)
}

/// The funding rules a programme's new calls start from.
pub async fn defaults_in(tx: &mut Tx, programme_id: i64) -> AppResult<FundingDefaults> {
    let (d, caps) = store::defaults(tx, programme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FundingDefaults {
        min_duration_months: d.min_duration_months,
        max_duration_months: d.max_duration_months,
        min_partners_per_side: d.min_partners_per_side,
        travel_paid_by: d.travel_paid_by,
        caps: caps
            .into_iter()
            .map(|c| SideCaps {
                side_id: c.side_id,
                per_trip: c.cap_per_trip,
                per_stay: c.cap_per_stay,
                per_year: c.cap_per_year,
            })
            .collect(),
    })
}
