//! Final report and closing (rule 10): a lead files the final report; each side's officers
//! approve it (the project is then completed); an officer closes it — never without an
//! approved final report. Late final reports are flagged on the follow-up pages.

use super::model::FundedState;
use super::{actions::load, policy::Perm, store};
use crate::{
    audit,
    db::Db,
    error::{AppError, AppResult, FieldErrors},
    users::Viewer,
};
use crate::{db::Tx, followup::actions::FundedView};

/// A running project whose term ended enters "final report due" (rule 10), and both leads are
/// told when the report is due; each project once, whichever instance gets there first.
/// Returns how many emails were queued.
pub async fn enter_final_report_due(
    db: &Db,
    base: &str,
    today: jiff::civil::Date,
) -> AppResult<usize> {
    use crate::{
        email::{self, Letter},
        i18n::format_civil_date,
        projects, users,
    };
    let mut tx = db.write().await?;
    let mut sent = 0;
    for (id, project, ends_on) in store::ended_running(&mut tx, &today.to_string()).await? {
        if !store::enter_final_report_due(&mut tx, id).await? {
            continue;
        }
        audit::record(
            &mut tx,
            &audit::Actor::system("term"),
            "funded_project.final_report_due",
            "funded_project",
            id,
            &ends_on,
        )
        .await?;
        let Some(due) = ends_on
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(super::model::final_report_due)
        else {
            continue;
        };
        let p = projects::actions::project_in(&mut tx, project).await?;
        for h in &p.halves {
            let locale = users::actions::locale_of(&mut tx, h.lead_user_id).await?;
            let body = locale.t_args(
                "followup-final-due-body",
                &[
                    ("title", p.title.clone().into()),
                    ("date", format_civil_date(due, locale).into()),
                ],
            );
            let subject = locale.t1("followup-final-due-subject", "title", p.title.clone());
            let link = format!("{base}/funded/{id}");
            email::enqueue(
                &mut tx,
                &Letter::new(&h.lead_email, locale, subject, &body, &link)
                    .greet(&h.lead_name)
                    .message(),
            )
            .await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}

/// A project's final report as its page shows it: (text, sides that approved it).
pub(super) async fn final_report_in(
    tx: &mut Tx,
    v: &FundedView,
) -> AppResult<Option<(String, Vec<i64>)>> {
    let id = v.funded.id;
    Ok(match store::final_report(tx, id).await? {
        Some((text, _)) => {
            let content = super::model::final_report_fingerprint(id, &text);
            let approved = store::final_report_approvals(tx, id, &content).await?;
            Some((text, approved))
        }
        None => None,
    })
}

/// A lead files (or re-files, clearing approvals) the final report of a running project.
pub async fn file(db: &Db, user: &Viewer, id: i64, report: &str) -> AppResult<()> {
    if report.trim().is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "final_report",
            "common-error-required",
        )));
    }
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    if v.viewer.lead_of.is_some()
        && matches!(
            v.funded.state,
            FundedState::Closed | FundedState::Terminated
        )
    {
        return Err(AppError::Conflict("followup-error-closed".into()));
    }
    v.require(user, Perm::Report)?;
    store::save_final_report(&mut tx, id, report.trim(), user.id, db.now_ms()).await?;
    store::set_state(&mut tx, id, FundedState::FinalReportDue).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "final_report.file",
        "funded_project",
        id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An officer approves the final report for their side, as `seen` on their page (a report
/// re-filed since is refused); when every side has approved the same text, the project is
/// completed.
pub async fn approve(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    // A closed project stays closed: no approval can bring it back to "completed".
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    let Some((report, _)) = store::final_report(&mut tx, id).await? else {
        return Err(AppError::Conflict("followup-error-no-final-report".into()));
    };
    let content = super::model::final_report_fingerprint(id, &report);
    content.check_seen(seen)?;
    store::approve_final_report(&mut tx, id, side, user.id, db.now_ms(), &content).await?;
    let approved = store::final_report_approvals(&mut tx, id, &content).await?;
    if v.sides.iter().all(|s| approved.contains(&s.id)) {
        store::set_state(&mut tx, id, FundedState::Completed).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "final_report.approve",
        "funded_project",
        id,
        &format!("side {side}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An officer closes a completed project: refused without a final report every side approved.
pub async fn close(db: &Db, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    if v.funded.state == FundedState::Closed && !v.viewer.officer_of.is_empty() {
        return Err(AppError::Conflict(
            "followup-error-close-needs-report".into(),
        ));
    }
    v.require(user, Perm::ActForSide)?;
    let approved = match store::final_report(&mut tx, id).await? {
        Some((report, _)) => {
            let content = super::model::final_report_fingerprint(id, &report);
            store::final_report_approvals(&mut tx, id, &content).await?
        }
        None => Vec::new(),
    };
    if v.funded.state != FundedState::Completed || !v.sides.iter().all(|s| approved.contains(&s.id))
    {
        return Err(AppError::Conflict(
            "followup-error-close-needs-report".into(),
        ));
    }
    store::set_state(&mut tx, id, FundedState::Closed).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "funded.close",
        "funded_project",
        id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
