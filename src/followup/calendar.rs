//! Applying a new calendar (rule 9): a decided resolution of a session moves the end dates of
//! the running projects of its CMP (or the subset it names) by some months or to a date, and,
//! when it says so, their planned missions by as many months. The
//! preview lists every project with its old and new end; applying is one transaction that keeps
//! the old dates in the history and tells every lead, in their language.

use jiff::civil::Date;

use super::{
    actions::require_for_programme,
    model::{MissionStatus, new_end},
    policy::Perm,
    store,
};
use crate::{
    audit, commissions,
    db::{Db, Tx},
    decisions::{
        self,
        model::{CalendarChange, Resolution, ResolutionBody},
    },
    email::{self, Letter},
    error::{AppError, AppResult},
    i18n::format_civil_date,
    programmes, projects, users,
    users::Viewer,
};

pub struct Preview {
    pub resolution: Resolution,
    pub session_id: i64,
    /// (funded project, title, old end, new end)
    pub rows: Vec<(i64, String, Date, Date)>,
}

pub(super) async fn preview_in(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<Preview> {
    let resolution = decisions::resolutions::get_in(tx, id).await?;
    let ResolutionBody::Calendar(change) = &resolution.body else {
        return Err(AppError::NotFound);
    };
    let (session, _) = commissions::actions::session_in(tx, resolution.session_id).await?;
    let c = commissions::actions::get(tx, session.commission_id).await?;
    let sides = programmes::actions::sides_of(tx, c.programme_id).await?;
    require_for_programme(user, Perm::SeeCommission, &sides)?;
    let mut rows = Vec::new();
    if resolution.applied_at.is_some() {
        // Applied: what it changed, from the history.
        let changes = store::changes_of_resolution(tx, id).await?;
        let ids: Vec<i64> = changes.iter().map(|c| c.0).collect();
        let titles = titles_of(tx, &ids).await?;
        for (funded, old, new) in changes {
            let title = titles
                .iter()
                .find(|(f, _)| *f == funded)
                .map(|(_, t)| t.clone())
                .ok_or(AppError::NotFound)?;
            if let (Ok(old), Ok(new)) = (old.parse(), new.parse()) {
                rows.push((funded, title, old, new));
            }
        }
        return Ok(Preview {
            session_id: session.id,
            resolution,
            rows,
        });
    }
    let scope = store::resolution_scope(tx, id).await?;
    let funded = store::list_by_commission(tx, c.id).await?;
    let ids: Vec<i64> = funded.iter().map(|f| f.id).collect();
    let titles = titles_of(tx, &ids).await?;
    for f in funded {
        if !f.state.is_running() || !(scope.is_empty() || scope.contains(&f.id)) {
            continue;
        }
        let Some(new) = new_end(f.ends_on, change) else {
            continue;
        };
        let title = titles
            .iter()
            .find(|(id, _)| *id == f.id)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        rows.push((f.id, title, f.ends_on, new));
    }
    Ok(Preview {
        session_id: session.id,
        resolution,
        rows,
    })
}

/// The titles of these funded projects: (funded, title), in two statements.
async fn titles_of(tx: &mut Tx, funded: &[i64]) -> AppResult<Vec<(i64, String)>> {
    let funded = store::find_many(tx, funded).await?;
    let ids: Vec<i64> = funded.iter().map(|f| f.project_id).collect();
    let projects = projects::actions::projects_in(tx, &ids).await?;
    Ok(funded
        .iter()
        .filter_map(|f| {
            let p = projects.iter().find(|p| p.id == f.project_id)?;
            Some((f.id, p.title.clone()))
        })
        .collect())
}

/// What applying the calendar would change, project by project.
pub async fn preview(db: &Db, user: &Viewer, id: i64) -> AppResult<Preview> {
    let mut tx = db.read().await?;
    preview_in(&mut tx, user, id).await
}

/// Applies a decided new calendar once, atomically; an officer does it. Returns how many
/// projects moved.
pub async fn apply(db: &Db, base: &str, user: &Viewer, id: i64) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let p = preview_in(&mut tx, user, id).await?;
    let (session, _) = commissions::actions::session_in(&mut tx, p.session_id).await?;
    let programme = commissions::actions::get(&mut tx, session.commission_id)
        .await?
        .programme_id;
    let sides = programmes::actions::sides_of(&mut tx, programme).await?;
    require_for_programme(user, Perm::ManageCommission, &sides)?;
    if p.resolution.decided_at.is_none() {
        return Err(AppError::Conflict("followup-error-not-decided".into()));
    }
    let now = db.now_ms();
    if !store::mark_resolution_applied(&mut tx, id, now).await? {
        return Err(AppError::Conflict("followup-error-applied".into()));
    }
    for (funded, title, old, new) in &p.rows {
        let change = store::TermChange {
            old: *old,
            new: *new,
            resolution: Some(id),
            reason: &p.resolution.note,
        };
        store::change_end(&mut tx, *funded, &change, user.id, now).await?;
        if let (true, ResolutionBody::Calendar(CalendarChange::ByMonths(months))) =
            (p.resolution.move_missions, &p.resolution.body)
        {
            for m in store::missions(&mut tx, *funded).await? {
                if m.status != MissionStatus::Planned {
                    continue;
                }
                let moved = m
                    .mission
                    .starts_on
                    .parse::<Date>()
                    .ok()
                    .and_then(|d| d.checked_add(jiff::ToSpan::months(*months)).ok());
                if let Some(d) = moved {
                    store::set_mission_start(&mut tx, m.id, &d.to_string()).await?;
                }
            }
        }
        let f = store::find(&mut tx, *funded)
            .await?
            .ok_or(AppError::NotFound)?;
        let project = projects::actions::project_in(&mut tx, f.project_id).await?;
        for h in &project.halves {
            let locale = users::actions::locale_of(&mut tx, h.lead_user_id).await?;
            let body = locale.t_args(
                "followup-calendar-body",
                &[
                    ("title", title.clone().into()),
                    ("old", format_civil_date(*old, locale).into()),
                    ("new", format_civil_date(*new, locale).into()),
                ],
            );
            let subject = locale.t1("followup-calendar-subject", "title", title.clone());
            let link = format!("{base}/funded/{funded}");
            email::enqueue(
                &mut tx,
                &Letter::new(&h.lead_email, locale, subject, &body, &link)
                    .greet(&h.lead_name)
                    .message(),
            )
            .await?;
        }
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "calendar.apply",
        "resolution",
        id,
        &format!("{} projects", p.rows.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(p.rows.len())
}

/// The decided new calendars of a commission's sessions: (resolution, applied).
pub async fn of_commission(db: &Db, commission: i64) -> AppResult<Vec<(Resolution, bool)>> {
    let mut tx = db.read().await?;
    of_commission_in(&mut tx, commission).await
}

/// [`of_commission`] inside the caller's transaction.
pub(super) async fn of_commission_in(
    tx: &mut Tx,
    commission: i64,
) -> AppResult<Vec<(Resolution, bool)>> {
    let mut out = Vec::new();
    for (s, _) in commissions::actions::sessions_in(tx, commission).await? {
        for r in decisions::resolutions::of_session(tx, s.id).await? {
            if matches!(r.body, ResolutionBody::Calendar(_)) && r.decided_at.is_some() {
                let applied = r.applied_at.is_some();
                out.push((r, applied));
            }
        }
    }
    Ok(out)
}
