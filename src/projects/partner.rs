//! The counterpart: the lead invites the partner of the other side by email; the partner,
//! an applicant of that side, joins as the lead of that side's half.

use super::{
    actions::{applicant_side, check_organisation, load, message, own_half},
    store,
};
use crate::{
    audit,
    auth::{random_token, token_hash},
    db::Db,
    email,
    error::{AppError, AppResult, FieldErrors},
    users::Viewer,
};

/// Invites the partner of the other side by email, with a single-use link valid 14 days.
pub async fn invite_partner(
    db: &Db,
    base: &str,
    user: &Viewer,
    id: i64,
    email: &crate::users::Email,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    let half = own_half(&p, user)?;
    let other = call
        .sides
        .iter()
        .find(|s| s.side_id != half.side_id && p.half_of_side(s.side_id).is_none())
        .ok_or(AppError::Conflict("projects-error-already-paired".into()))?;
    let token = random_token();
    let now = db.now_ms();
    store::insert_invitation(
        &mut tx,
        &store::NewInvitation {
            project_id: id,
            side_id: other.side_id,
            email: email.as_str(),
            token_hash: &token_hash(&token),
            invited_by: user.id,
            expires_at: now + 14 * 86_400_000,
        },
        now,
    )
    .await?;
    let m = message(
        email.as_str(),
        user.locale,
        "projects-email-invitation",
        &format!("{base}/projects/join?token={token}"),
        &p.title,
    );
    email::enqueue(&mut tx, &m).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.invite_partner",
        "project",
        id,
        email.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The project and side an invitation is for, without using it.
pub async fn invitation(db: &Db, token: &str) -> AppResult<Option<(i64, i64)>> {
    let mut tx = db.read().await?;
    Ok(store::peek_invitation(&mut tx, &token_hash(token), db.now_ms()).await?)
}

/// Joins a project as the lead of the other side's half (an applicant of that side).
pub async fn join_project(
    db: &Db,
    user: &Viewer,
    token: &str,
    organisation_id: i64,
) -> AppResult<i64> {
    let side = applicant_side(user)?;
    let mut tx = db.write().await?;
    let Some((project_id, invited_side)) =
        store::use_invitation(&mut tx, &token_hash(token), db.now_ms()).await?
    else {
        return Err(AppError::Invalid(FieldErrors::single(
            "token",
            "users-token-invalid",
        )));
    };
    if invited_side != side {
        return Err(AppError::Invalid(FieldErrors::single(
            "token",
            "projects-error-wrong-side",
        )));
    }
    check_organisation(&mut tx, organisation_id, side).await?;
    let half = match store::insert_half(
        &mut tx,
        project_id,
        side,
        organisation_id,
        user.id,
        db.now_ms(),
    )
    .await
    {
        Ok(h) => h,
        Err(e) if crate::db::unique_violation(&e).is_some() => {
            return Err(AppError::Conflict("projects-error-already-paired".into()));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &mut tx,
        &user.actor(),
        "project.join",
        "project_half",
        half,
        &project_id.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(project_id)
}
