//! Decisions of a session that are not about one project: the priority themes and opening
//! date of the next call (rule 11), and a new calendar for the running projects (rule 9).
//! Proposed and approved like project decisions (rule 5); once decided they are final, and a
//! decided next call gives the next CMP its priority themes.

use jiff::civil::Date;

use super::{
    actions::context,
    model::{CalendarChange, CalendarScope, Resolution, ResolutionBody, is_decided},
    store,
};
use crate::{
    audit,
    commissions::SessionState,
    commissions::{self, Commission},
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    users::Viewer,
};

/// Later commissions of the session's programme: where a next call can go.
pub async fn later_commissions(db: &Db, user: &Viewer, session: i64) -> AppResult<Vec<Commission>> {
    let mut tx = db.read().await?;
    let (s, _, _, _) = context(&mut tx, user, session).await?;
    later_in(&mut tx, s.commission_id).await
}

async fn later_in(tx: &mut Tx, commission_id: i64) -> AppResult<Vec<Commission>> {
    let this = commissions::actions::get(tx, commission_id).await?;
    let mut out: Vec<Commission> = commissions::actions::of_programme_in(tx, this.programme_id)
        .await?
        .into_iter()
        .filter(|c| c.number > this.number)
        .collect();
    out.sort_by_key(|c| c.number);
    Ok(out)
}

/// The running funded projects of the session's commission a new calendar may concern:
/// (funded project, title).
pub async fn calendar_candidates(
    db: &Db,
    user: &Viewer,
    session: i64,
) -> AppResult<Vec<(i64, String)>> {
    let mut tx = db.read().await?;
    let commission = context(&mut tx, user, session).await?.0.commission_id;
    Ok(
        crate::followup::actions::of_commission_in(&mut tx, user, commission)
            .await?
            .into_iter()
            .filter(|(f, _)| f.state.is_running())
            .map(|(f, t)| (f.id, t))
            .collect(),
    )
}

/// Field checks of a proposal, against the session's commission.
async fn validate(tx: &mut Tx, commission_id: i64, body: &ResolutionBody) -> AppResult<()> {
    let mut e = FieldErrors::default();
    match body {
        ResolutionBody::NextCall {
            commission_id: target,
            opens_on,
            themes,
        } => {
            if !later_in(tx, commission_id)
                .await?
                .iter()
                .any(|c| c.id == *target)
            {
                e.add("commission", "decisions-error-next-commission");
            }
            if opens_on.parse::<Date>().is_err() {
                e.add("opens_on", "decisions-error-date");
            }
            if themes.is_empty() {
                e.add("themes", "decisions-error-themes");
            }
        }
        ResolutionBody::Calendar(CalendarChange::ByMonths(m)) if !(1..=36).contains(m) => {
            e.add("months", "decisions-error-months")
        }
        ResolutionBody::Calendar(CalendarChange::To(d)) if d.parse::<Date>().is_err() => {
            e.add("end_on", "decisions-error-date")
        }
        ResolutionBody::Calendar(_) => {}
    }
    e.into_result()
}

/// Proposes (or re-proposes, clearing approvals) a resolution at an open session; the
/// proposer's side approves it at once. A decided resolution is final.
/// `scope`: for a new calendar, the funded projects it concerns (empty: every running one); they
/// must be the session's commission's.
pub async fn propose(
    db: &Db,
    user: &Viewer,
    session: i64,
    body: &ResolutionBody,
    note: &str,
    scope: &CalendarScope,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (s, state, _, mine) = context(&mut tx, user, session).await?;
    if state != SessionState::Open {
        return Err(AppError::Conflict("decisions-error-not-open".into()));
    }
    let Some(side) = mine.first().copied() else {
        return Err(AppError::Forbidden);
    };
    validate(&mut tx, s.commission_id, body).await?;
    if !scope.projects.is_empty() {
        let funded =
            crate::followup::actions::ids_of_commission_in(&mut tx, s.commission_id).await?;
        if matches!(body, ResolutionBody::NextCall { .. })
            || scope.projects.iter().any(|f| !funded.contains(f))
        {
            return Err(AppError::Invalid(FieldErrors::single(
                "projects",
                "common-error-choice",
            )));
        }
    }
    if let Some((_, Some(_))) =
        store::find_resolution_of_kind(&mut tx, session, body.kind().as_str()).await?
    {
        return Err(AppError::Conflict(
            "decisions-error-resolution-final".into(),
        ));
    }
    let now = db.now_ms();
    let id = store::propose_resolution(&mut tx, session, body, (note.trim(), scope), user.id, now)
        .await?;
    let content = store::find_resolution(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?
        .fingerprint();
    store::approve_resolution(&mut tx, id, side, user.id, now, &content).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "resolution.propose",
        "commission_session",
        session,
        body.kind().as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Approves a resolution for the user's sides, as `seen` on their page (one changed since is
/// refused); once every side has approved the same content, it is decided — and a next call's
/// themes become the priority themes of that CMP. Returns whether it is decided.
pub async fn approve(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    let r = store::find_resolution(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, state, sides, mine) = context(&mut tx, user, r.session_id).await?;
    if state != SessionState::Open {
        return Err(AppError::Conflict("decisions-error-not-open".into()));
    }
    if mine.is_empty() {
        return Err(AppError::Forbidden);
    }
    let content = r.fingerprint();
    content.check_seen(seen)?;
    let now = db.now_ms();
    for side in &mine {
        store::approve_resolution(&mut tx, id, *side, user.id, now, &content).await?;
    }
    let r = store::find_resolution(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let all: Vec<i64> = sides.iter().map(|s| s.id).collect();
    let decided = is_decided(&r.approved_by_sides, &all);
    if decided && r.decided_at.is_none() {
        store::set_resolution_decided(&mut tx, id, now).await?;
        if let ResolutionBody::NextCall {
            commission_id,
            themes,
            opens_on,
        } = &r.body
        {
            commissions::actions::adopt_next_call(
                &mut tx,
                &user.actor(),
                *commission_id,
                id,
                opens_on,
                themes,
            )
            .await?;
        }
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "resolution.approve",
        "resolution",
        id,
        if decided { "decided" } else { "" },
    )
    .await?;
    tx.commit().await?;
    Ok(decided)
}

/// The resolutions of a session, for the session page and the minutes.
pub async fn of_session(tx: &mut Tx, session: i64) -> AppResult<Vec<Resolution>> {
    Ok(store::list_resolutions(tx, session).await?)
}

/// One resolution, inside the caller's transaction (the caller checks who may see it).
pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Resolution> {
    store::find_resolution(tx, id)
        .await?
        .ok_or(AppError::NotFound)
}
