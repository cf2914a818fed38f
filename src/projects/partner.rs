//! The counterpart: the lead invites the partner of the other side by email; the partner,
//! an applicant of that side, joins as the lead of that side's half.

use super::{
    actions::{applicant_side, check_organisation, load, own_half},
    store,
};
use crate::users::model::Topic;
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
    // The partner is someone of the other side: never oneself, never one's own side.
    if email.as_str().eq_ignore_ascii_case(&user.email) {
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "projects-error-invite-self",
        )));
    }
    let account = crate::users::actions::account_of_address(&mut tx, email.as_str()).await?;
    if let Some((Some(side), _)) = account
        && side == half.side_id
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "email",
            "projects-error-invite-own-side",
        )));
    }
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
    // Written in the invited person's language (their account's, else their side's), with who
    // invites them, to what, and until when their half can be filed, in their side's zone.
    let side = crate::programmes::actions::side_in(&mut tx, other.side_id).await?;
    let locale = account.map(|(_, l)| l).unwrap_or(side.locale);
    let deadline = crate::i18n::time_in_zone(other.deadline_at, &other.time_zone, locale);
    let m = email::Letter::new(
        email.as_str(),
        locale,
        locale.t1(
            "projects-email-invitation-subject",
            "title",
            p.title.clone(),
        ),
        &locale.t_args(
            "projects-email-invitation-text",
            &[
                ("inviter", user.name.clone().into()),
                ("organisation", half.organisation_name.clone().into()),
                ("title", p.title.clone().into()),
                ("call", call.title.get(locale).to_string().into()),
                ("deadline", deadline.into()),
                ("side", other.side_name.get(locale).to_string().into()),
            ],
        ),
        &format!("{base}/projects/join?token={token}"),
    )
    .action(locale.t("projects-email-invitation-action"))
    .message();
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
    base: &str,
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
    let half = super::actions::new_half_in(
        &mut tx,
        project_id,
        side,
        organisation_id,
        user.id,
        db.now_ms(),
    )
    .await?;
    // The other lead learns that their partner joined.
    let p = super::actions::project_in(&mut tx, project_id).await?;
    notify_other_lead(
        &mut tx,
        base,
        &p,
        side,
        "projects-email-partner-joined",
        &user.name,
    )
    .await?;
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

/// Tells the lead of every other half of `p` what the lead of `side`'s half (`who`) did:
/// `key` names the email (`-subject`, `-body` with `$title`, `$who`, `$side`), in their language,
/// with the link to the project.
pub(super) async fn notify_other_lead(
    tx: &mut crate::db::Tx,
    base: &str,
    p: &super::model::Project,
    side: i64,
    key: &str,
    who: &str,
) -> AppResult<()> {
    for h in p.halves.iter().filter(|h| h.side_id != side) {
        let Some((to, name, locale)) =
            crate::users::actions::contact_of(tx, h.lead_user_id).await?
        else {
            continue;
        };
        // The partner's activity is a notification the lead may have turned off.
        if !crate::users::actions::wants(tx, h.lead_user_id, Topic::PartnerActivity).await? {
            continue;
        }
        let side_name = crate::programmes::actions::side_in(tx, side)
            .await?
            .name
            .get(locale)
            .to_string();
        let m = email::Letter::new(
            &to,
            locale,
            locale.t1(&format!("{key}-subject"), "title", p.title.clone()),
            &locale.t_args(
                &format!("{key}-body"),
                &[
                    ("title", p.title.clone().into()),
                    ("who", who.to_string().into()),
                    ("side", side_name.into()),
                ],
            ),
            &format!("{base}{}", super::paths::ProjectsById::url(p.id)),
        )
        .greet(&name)
        .optional(Topic::PartnerActivity.why_key(), base)
        .message();
        email::enqueue(tx, &m).await?;
    }
    Ok(())
}
