//! Individual extensions (rule 9): an officer proposes a new end date for one project with a
//! reason; it is a decision once every side's officers approve it, then applied like a new
//! calendar (old date kept in the history, leads told in their language). Also the reminders
//! about activity reports (rule 10), sent once across instances.

use crate::followup::actions::FundedView;
use jiff::civil::Date;

use super::{
    actions::load,
    model::{Reminder, reminder_kind_for_report},
    policy::Perm,
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    email::{self, Letter},
    error::{AppError, AppResult, FieldErrors},
    i18n::format_civil_date,
    projects, users,
    users::Viewer,
};

/// Proposes (or replaces the pending) extension of a project; the proposer's side approves it.
pub async fn propose(
    db: &Db,
    user: &Viewer,
    id: i64,
    new_end: &str,
    reason: &str,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    let mut e = FieldErrors::default();
    match new_end.trim().parse::<Date>() {
        Ok(d) if d <= v.funded.ends_on => e.add("new_end", "followup-error-extension-earlier"),
        Ok(_) => {}
        Err(_) => e.add("new_end", "decisions-error-date"),
    }
    if reason.trim().is_empty() {
        e.add("reason", "common-error-required");
    }
    e.into_result()?;
    let now = db.now_ms();
    let ext =
        store::propose_extension(&mut tx, id, new_end.trim(), reason.trim(), user.id, now).await?;
    let content = super::model::extension_fingerprint(ext, new_end.trim(), reason.trim());
    store::approve_extension(&mut tx, ext, side, user.id, now, &content).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "extension.propose",
        "funded_project",
        id,
        new_end.trim(),
    )
    .await?;
    tx.commit().await?;
    Ok(ext)
}

/// Approves an extension for the officer's side, as `seen` on their page (one changed since is
/// refused); once every side has approved the same content, the new end date applies.
pub async fn approve(db: &Db, base: &str, user: &Viewer, ext: i64, seen: &str) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let id = store::funded_of_extension(&mut tx, ext)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    let content = store::extensions(&mut tx, id)
        .await?
        .into_iter()
        .find(|e| e.0 == ext)
        .map(|(_, end, reason, _, _)| super::model::extension_fingerprint(ext, &end, &reason))
        .ok_or(AppError::NotFound)?;
    content.check_seen(seen)?;
    let now = db.now_ms();
    store::approve_extension(&mut tx, ext, side, user.id, now, &content).await?;
    let (_, end, reason, decided, sides) = store::extensions(&mut tx, id)
        .await?
        .into_iter()
        .find(|e| e.0 == ext)
        .ok_or(AppError::NotFound)?;
    if decided.is_none()
        && v.sides.iter().all(|s| sides.contains(&s.id))
        && store::decide_extension(&mut tx, ext, now).await?
    {
        let new: Date = end.parse().map_err(anyhow::Error::from)?;
        let change = store::TermChange {
            old: v.funded.ends_on,
            new,
            resolution: None,
            reason: &reason,
        };
        store::change_end(&mut tx, id, &change, user.id, now).await?;
        notify(
            &mut tx,
            base,
            id,
            v.funded.project_id,
            v.funded.ends_on,
            new,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "extension.approve",
        "funded_project",
        id,
        &format!("side {side}"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn notify(
    tx: &mut Tx,
    base: &str,
    funded: i64,
    project: i64,
    old: Date,
    new: Date,
) -> AppResult<()> {
    let p = projects::actions::project_in(tx, project).await?;
    for h in &p.halves {
        let locale = users::actions::locale_of(tx, h.lead_user_id).await?;
        let body = locale.t_args(
            "followup-extension-body",
            &[
                ("title", p.title.clone().into()),
                ("old", format_civil_date(old, locale).into()),
                ("new", format_civil_date(new, locale).into()),
            ],
        );
        let subject = locale.t1("followup-extension-subject", "title", p.title.clone());
        let link = format!("{base}/funded/{funded}");
        email::enqueue(
            tx,
            &Letter::new(&h.lead_email, locale, subject, &body, &link)
                .greet(&h.lead_name)
                .message(),
        )
        .await?;
    }
    Ok(())
}

/// A project's extensions for its page: (id, new end, reason, decided, sides that approved).
/// An individual extension as a funded project's page lists it.
pub struct ExtensionLine {
    pub id: i64,
    /// The new end date (ISO).
    pub new_end: String,
    pub reason: String,
    pub decided: bool,
    /// Sides that approved it.
    pub approved_by: Vec<i64>,
    /// The fingerprint of the extension as shown, carried by the approval form.
    pub seen: String,
}

/// The extensions of a project already loaded (so already checked as visible to the viewer).
pub(super) async fn of_project_in(tx: &mut Tx, v: &FundedView) -> AppResult<Vec<ExtensionLine>> {
    Ok(store::extensions(tx, v.funded.id)
        .await?
        .into_iter()
        .map(
            |(id, new_end, reason, decided, approved_by)| ExtensionLine {
                id,
                seen: super::model::extension_fingerprint(id, &new_end, &reason).0,
                new_end,
                reason,
                decided: decided.is_some(),
                approved_by,
            },
        )
        .collect())
}

/// Reminds both leads of a mission whose activity report is due soon or overdue; each
/// reminder goes once. Returns how many emails were queued.
pub async fn send_report_reminders(db: &Db, base: &str, today: Date) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let mut sent = 0;
    for (mission, funded) in store::missions_without_report(&mut tx).await? {
        let Some(f) = store::find(&mut tx, funded).await? else {
            continue;
        };
        let Some(m) = store::missions(&mut tx, funded)
            .await?
            .into_iter()
            .find(|m| m.id == mission)
        else {
            continue;
        };
        let already: Vec<Reminder> = store::sent_mission_reminders(&mut tx, mission)
            .await?
            .iter()
            .filter_map(|k| Reminder::parse(k))
            .collect();
        let Some((kind, due)) = reminder_kind_for_report(&m, today, &already) else {
            continue;
        };
        if store::insert_mission_reminder(&mut tx, mission, kind.as_str(), db.now_ms()).await? == 0
        {
            continue;
        }
        let p = projects::actions::project_in(&mut tx, f.project_id).await?;
        for h in &p.halves {
            let Some((to, name, locale)) =
                users::actions::contact_of(&mut tx, h.lead_user_id).await?
            else {
                continue;
            };
            if !users::actions::wants(&mut tx, h.lead_user_id, users::model::Topic::Reminders)
                .await?
            {
                continue;
            }
            let key = format!(
                "followup-report-reminder-{}",
                kind.as_str().replace('_', "-")
            );
            let body = locale.t_args(
                &format!("{key}-body"),
                &[
                    ("title", p.title.clone().into()),
                    ("date", format_civil_date(due, locale).into()),
                ],
            );
            let subject = locale.t1(&format!("{key}-subject"), "title", p.title.clone());
            let link = format!("{base}/funded/{funded}");
            email::enqueue(
                &mut tx,
                &Letter::new(&to, locale, subject, &body, &link)
                    .greet(&name)
                    .optional(users::model::Topic::Reminders.why_key(), base)
                    .message(),
            )
            .await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}
