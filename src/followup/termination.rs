//! Ending a project early (issue 11): after an unfavourable joint mid-term opinion, one side's
//! officer proposes it with a reason; every side approves that same proposal (a new reason
//! replaces it and clears the approvals); once all did, the project is terminated and its
//! leads are told.

use super::{
    actions::{FundedView, load},
    midterm,
    model::{FundedState, termination_fingerprint},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    email::{self, Letter},
    error::{AppError, AppResult, FieldErrors},
    http::form::clean_text,
    projects, users,
    users::Viewer,
};

/// A proposal to end a project early, as its page shows it.
pub struct TerminationLine {
    pub reason: String,
    /// Sides that approved it as it stands.
    pub approved_by: Vec<i64>,
    /// Its fingerprint, carried by the approval form.
    pub seen: String,
}

/// The proposal of a project already loaded (so visible to the viewer), if any.
pub(super) async fn of_project_in(
    tx: &mut Tx,
    v: &FundedView,
) -> AppResult<Option<TerminationLine>> {
    let Some(reason) = store::termination(tx, v.funded.id).await? else {
        return Ok(None);
    };
    let content = termination_fingerprint(v.funded.id, &reason);
    Ok(Some(TerminationLine {
        approved_by: store::termination_approvals(tx, v.funded.id, &content).await?,
        seen: content.0,
        reason,
    }))
}

/// The policy's facts for ending `v` early, `approved` sides having approved already.
async fn facts(tx: &mut Tx, v: &FundedView, approved: Vec<i64>) -> AppResult<policy::Facts> {
    let joint = midterm::midterm_in(tx, v).await?.and_then(|m| m.joint);
    Ok(policy::Facts {
        joint_favourable: joint,
        termination_approved_by: approved,
        ..v.facts()
    })
}

/// Proposes ending project `id` early for `reason`; the proposing side approves it at once.
pub async fn propose(db: &Db, base: &str, user: &Viewer, id: i64, reason: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    if !policy::can(
        user,
        Perm::Terminate,
        &facts(&mut tx, &v, Vec::new()).await?,
    ) {
        return Err(refusal(&v));
    }
    let reason = clean_text(reason);
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(AppError::Invalid(FieldErrors::single(
            "termination_reason",
            "followup-error-termination-reason",
        )));
    }
    let now = tx.now_ms();
    store::propose_termination(&mut tx, id, &reason, user.id, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "termination.propose",
        "funded_project",
        id,
        &reason,
    )
    .await?;
    let content = termination_fingerprint(id, &reason);
    approve_in(&mut tx, base, user, &v, &content).await?;
    tx.commit().await?;
    Ok(())
}

/// Approves the proposal as `seen` on the officer's page (refused if it changed since).
pub async fn approve(db: &Db, base: &str, user: &Viewer, id: i64, seen: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    let reason = store::termination(&mut tx, id)
        .await?
        .ok_or(AppError::Conflict("followup-error-no-termination".into()))?;
    let content = termination_fingerprint(id, &reason);
    let approved = store::termination_approvals(&mut tx, id, &content).await?;
    if !policy::can(user, Perm::Terminate, &facts(&mut tx, &v, approved).await?) {
        return Err(refusal(&v));
    }
    content.check_seen(seen)?;
    approve_in(&mut tx, base, user, &v, &content).await?;
    tx.commit().await?;
    Ok(())
}

/// Why ending early is refused: not running any more (409), or not this viewer's to do (403).
fn refusal(v: &FundedView) -> AppError {
    if v.funded.state.is_running() {
        AppError::Forbidden
    } else {
        AppError::Conflict("followup-error-not-running".into())
    }
}

/// Records the officer's sides' approval; once every side approved, the project is terminated
/// and both leads are told.
async fn approve_in(
    tx: &mut Tx,
    base: &str,
    user: &Viewer,
    v: &FundedView,
    content: &crate::db::Fingerprint,
) -> AppResult<()> {
    let id = v.funded.id;
    let now = tx.now_ms();
    for side in &v.viewer.officer_of {
        store::approve_termination(tx, id, *side, user.id, now, content).await?;
        audit::record(
            tx,
            &user.actor(),
            "termination.approve",
            "funded_project",
            id,
            &format!("side {side}"),
        )
        .await?;
    }
    let approved = store::termination_approvals(tx, id, content).await?;
    if !v.sides.iter().all(|s| approved.contains(&s.id)) {
        return Ok(());
    }
    store::set_state(tx, id, FundedState::Terminated).await?;
    audit::record(
        tx,
        &user.actor(),
        "funded_project.terminate",
        "funded_project",
        id,
        "every side approved",
    )
    .await?;
    let p = projects::actions::project_in(tx, v.funded.project_id).await?;
    let reason = store::termination(tx, id).await?.unwrap_or_default();
    for h in &p.halves {
        let locale = users::actions::locale_of(tx, h.lead_user_id).await?;
        let body = locale.t_args(
            "followup-terminated-body",
            &[
                ("title", p.title.clone().into()),
                ("reason", reason.clone().into()),
            ],
        );
        let subject = locale.t1("followup-terminated-subject", "title", p.title.clone());
        email::enqueue(
            tx,
            &Letter::new(
                &h.lead_email,
                locale,
                subject,
                &body,
                &format!("{base}/funded/{id}"),
            )
            .greet(&h.lead_name)
            .message(),
        )
        .await?;
    }
    Ok(())
}
