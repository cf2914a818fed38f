//! Session use cases: who may act (commission members and officers of the programme's sides),
//! how a decision is recorded, the announcement hold. `agenda.rs`: what the session shows.

use super::{
    model::{Outcome, is_decided},
    policy::{self, Perm},
    store,
};
use crate::commissions::SessionState;
use crate::{
    audit, calls,
    commissions::{self, Session},
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    followup,
    programmes::{self, Side},
    projects::{HalfState, Project, actions::projects_of_side},
    users::{Role, Viewer},
};

pub(super) fn member_sides(user: &Viewer, sides: &[Side]) -> Vec<i64> {
    sides
        .iter()
        .filter(|s| {
            user.has_role_on(Role::CommissionMember, s.id) || user.has_role_on(Role::Officer, s.id)
        })
        .map(|s| s.id)
        .collect()
}

pub(super) async fn context(
    tx: &mut Tx,
    user: &Viewer,
    id: i64,
) -> AppResult<(Session, SessionState, Vec<Side>, Vec<i64>)> {
    let (session, state) = commissions::actions::session_in(tx, id).await?;
    let commission = commissions::actions::get(tx, session.commission_id).await?;
    let sides = programmes::actions::sides_of(tx, commission.programme_id).await?;
    let mine = member_sides(user, &sides);
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        released_by: Vec::new(),
        signed_by: Vec::new(),
        participants: Vec::new(),
        co_chairs: Vec::new(),
    };
    if !policy::can(user, Perm::View, &facts) {
        return Err(AppError::Forbidden);
    }
    Ok((session, state, sides, mine))
}

/// The projects a plenary session decides on: paired projects of its commission's calls whose
/// halves were all filed, none found inadmissible, and whose latest receipts carry the same
/// shared content (both sides filed the same joint project: a change after one side filed
/// keeps it off until it files again) — without those another session decided for good — and
/// the projects an earlier session deferred (issue 11: a deferred decision comes back on the
/// next session's agenda, whichever edition it belongs to), until one is decided for good.
pub(super) async fn agenda_projects(
    tx: &mut Tx,
    session: &Session,
    sides: &[Side],
) -> AppResult<Vec<(calls::Call, Project)>> {
    let programme = commissions::actions::get(tx, session.commission_id)
        .await?
        .programme_id;
    let elsewhere = store::decided_elsewhere(tx, programme, session.id).await?;
    let settled: Vec<i64> = elsewhere
        .iter()
        .filter(|d| d.outcome != "deferred")
        .map(|d| d.project_id)
        .collect();
    // The latest decision of an earlier session, per project (rows come by date).
    let mut latest: Vec<&store::DecidedElsewhere> = Vec::new();
    for d in elsewhere.iter().filter(|d| d.starts_at < session.starts_at) {
        latest.retain(|l| l.project_id != d.project_id);
        latest.push(d);
    }
    let deferred: Vec<&store::DecidedElsewhere> = latest
        .into_iter()
        .filter(|d| d.outcome == "deferred" && !settled.contains(&d.project_id))
        .collect();
    let mut call_list = calls::actions::calls_of_commission(tx, session.commission_id).await?;
    let mut extra: Vec<i64> = deferred.iter().map(|d| d.call_id).collect();
    extra.sort_unstable();
    extra.dedup();
    for call in extra {
        if !call_list.iter().any(|c| c.id == call) {
            call_list.push(calls::actions::get_call_in(tx, call).await?);
        }
    }
    let mut out = Vec::new();
    for call in call_list {
        let mine = call.commission_id == session.commission_id;
        let Some(first) = sides.first() else { continue };
        let projects = projects_of_side(tx, call.id, first.id).await?;
        let halves: Vec<i64> = projects
            .iter()
            .flat_map(|p| p.halves.iter().map(|h| h.id))
            .collect();
        let shared = crate::projects::filed::filed_alike_in(tx, &halves).await?;
        for p in projects {
            let complete = sides.iter().all(|s| {
                p.half_of_side(s.id).is_some_and(|h| {
                    h.state == HalfState::Submitted
                        && h.admissibility.as_deref() != Some("inadmissible")
                })
            });
            let hashes: Vec<&String> = sides
                .iter()
                .filter_map(|s| p.half_of_side(s.id))
                .filter_map(|h| shared.iter().find(|(id, _)| *id == h.id).map(|(_, s)| s))
                .collect();
            // A receipt from before shared hashes were recorded ('') agrees with any.
            let known: Vec<&&String> = hashes.iter().filter(|h| !h.is_empty()).collect();
            let alike = hashes.len() == sides.len() && known.windows(2).all(|w| w[0] == w[1]);
            let on_agenda = if mine {
                !settled.contains(&p.id)
            } else {
                deferred.iter().any(|d| d.project_id == p.id)
            };
            if complete && alike && on_agenda {
                out.push((call.clone(), p));
            }
        }
    }
    Ok(out)
}

/// Opens (`scheduled` → `open`) or closes (`open` → `closed`) a session. Opening reveals each
/// side's ranking to the other, so it is an act of every side: each side's request is recorded
/// and the session opens with the last one.
/// `seen`: for opening, the fingerprint of the session as the member's page showed it.
pub async fn advance(
    db: &Db,
    user: &Viewer,
    id: i64,
    to: SessionState,
    seen: &str,
) -> AppResult<()> {
    let from = match to {
        SessionState::Open => SessionState::Scheduled,
        SessionState::Closed => SessionState::Open,
        SessionState::Scheduled => return Err(AppError::NotFound),
    };
    let mut tx = db.write().await?;
    let (session, state, sides, mine) = context(&mut tx, user, id).await?;
    if state != from {
        return Err(AppError::Conflict("decisions-error-state".into()));
    }
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        released_by: Vec::new(),
        signed_by: Vec::new(),
        participants: Vec::new(),
        co_chairs: Vec::new(),
    };
    if !policy::can(user, Perm::TakePart, &facts) {
        return Err(AppError::Forbidden);
    }
    if to == SessionState::Open {
        let content = super::model::session_fingerprint(&session);
        content.check_seen(seen)?;
        let now = tx.now_ms();
        for side in &mine {
            store::request_opening(&mut tx, id, *side, user.id, now, &content).await?;
        }
        let asked = store::openings_of(&mut tx, id, &content).await?;
        if !sides.iter().all(|s| asked.contains(&s.id)) {
            audit::record(
                &mut tx,
                &user.actor(),
                "session.request_opening",
                "commission_session",
                id,
                "",
            )
            .await?;
            tx.commit().await?;
            return Ok(());
        }
    }
    if !commissions::actions::set_session_state(&mut tx, id, from, to).await? {
        return Err(AppError::Conflict("decisions-error-state".into()));
    }
    let mut funded = 0;
    if to == SessionState::Closed {
        // The session's selections become funded projects, in the same transaction.
        let projects = agenda_projects(&mut tx, &session, &sides).await?;
        let selections: Vec<followup::actions::Selection> = store::list(&mut tx, id)
            .await?
            .into_iter()
            .filter(|d| d.decided_at.is_some() && d.outcome == Outcome::Selected)
            .filter_map(|d| {
                let (_, p) = projects.iter().find(|(_, p)| p.id == d.project_id)?;
                Some((d.id, p.id, p.duration_months))
            })
            .collect();
        funded = followup::actions::create_for_session(
            &mut tx,
            session.commission_id,
            session.starts_at,
            &session.time_zone,
            &selections,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        &format!("session.{}", to.as_str()),
        "commission_session",
        id,
        &if to == SessionState::Closed {
            format!("{funded} funded projects")
        } else {
            String::new()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Proposes a decision about a project on the agenda; the proposer's side approves it at once,
/// the other side still has to. A new proposal replaces the old one and its approvals.
pub async fn propose(
    db: &Db,
    user: &Viewer,
    id: i64,
    project_id: i64,
    outcome: Outcome,
    amounts: &[(i64, i64)],
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (session, state, sides, mine) = context(&mut tx, user, id).await?;
    if state != SessionState::Open {
        return Err(AppError::Conflict("decisions-error-not-open".into()));
    }
    let Some(side) = mine.first().copied() else {
        return Err(AppError::Forbidden);
    };
    if !agenda_projects(&mut tx, &session, &sides)
        .await?
        .iter()
        .any(|(_, p)| p.id == project_id)
    {
        return Err(AppError::NotFound);
    }
    if outcome == Outcome::Selected
        && (amounts.len() != sides.len() || amounts.iter().any(|(_, a)| *a <= 0))
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "amount",
            "decisions-error-amounts",
        )));
    }
    let kept: Vec<(i64, i64)> = if outcome == Outcome::Selected {
        amounts.to_vec()
    } else {
        Vec::new()
    };
    let now = db.now_ms();
    let decision = store::propose(&mut tx, id, project_id, outcome, &kept, user.id, now).await?;
    let content = find_in(&mut tx, id, decision).await?.fingerprint();
    store::approve(&mut tx, decision, side, user.id, now, &content).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "decision.propose",
        "project",
        project_id,
        outcome.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(decision)
}

/// What of a session an approving form carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The session itself (asking to open it).
    Session,
    /// What it decided (signing the minutes, releasing the decisions).
    Record,
    /// One proposal.
    Decision(i64),
    /// One resolution.
    Resolution(i64),
}

/// The fingerprint `user`'s page shows of `what` in `session` now: what an approving form
/// carries (the session page and minutes compute the same; clients without pages, like the
/// demo, ask here).
pub async fn seen(db: &Db, user: &Viewer, session: i64, what: Seen) -> AppResult<String> {
    let mut tx = db.read().await?;
    let (s, _, _, _) = context(&mut tx, user, session).await?;
    let fp = match what {
        Seen::Session => super::model::session_fingerprint(&s),
        Seen::Record => super::model::record_fingerprint(
            &store::list(&mut tx, session).await?,
            &store::list_resolutions(&mut tx, session).await?,
        ),
        Seen::Decision(d) => find_in(&mut tx, session, d).await?.fingerprint(),
        Seen::Resolution(r) => store::find_resolution(&mut tx, r)
            .await?
            .filter(|r| r.session_id == session)
            .ok_or(AppError::NotFound)?
            .fingerprint(),
    };
    Ok(fp.0)
}

async fn find_in(tx: &mut Tx, session: i64, decision: i64) -> AppResult<super::model::Decision> {
    store::list(tx, session)
        .await?
        .into_iter()
        .find(|d| d.id == decision)
        .ok_or(AppError::NotFound)
}

/// Approves a proposal for the user's side, as `seen` on their page (a proposal changed since
/// is refused); it becomes a decision when every side has approved the same content.
/// Returns whether it is now decided.
pub async fn approve(db: &Db, user: &Viewer, decision: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    let session = store::session_of(&mut tx, decision)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, state, sides, mine) = context(&mut tx, user, session).await?;
    if state != SessionState::Open {
        return Err(AppError::Conflict("decisions-error-not-open".into()));
    }
    let content = find_in(&mut tx, session, decision).await?.fingerprint();
    content.check_seen(seen)?;
    let now = db.now_ms();
    for side in &mine {
        store::approve(&mut tx, decision, *side, user.id, now, &content).await?;
    }
    let d = find_in(&mut tx, session, decision).await?;
    let all: Vec<i64> = sides.iter().map(|s| s.id).collect();
    let decided = is_decided(&d.approved_by_sides, &all);
    if decided && d.decided_at.is_none() {
        store::set_decided(&mut tx, decision, now).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "decision.approve",
        "project",
        d.project_id,
        d.outcome.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(decided)
}

/// Releases a closed session's decisions to the officer's side's applicants: each lead of that
/// side whose project was decided gets a letter in their language. Returns letters sent.
/// `seen`: the fingerprint of what the session decided, as the officer's page showed it.
pub async fn release(db: &Db, base: &str, user: &Viewer, id: i64, seen: &str) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let (session, state, sides, _) = context(&mut tx, user, id).await?;
    if state != SessionState::Closed {
        return Err(AppError::Conflict("decisions-error-not-closed".into()));
    }
    let side = sides
        .iter()
        .find(|s| user.has_role_on(Role::Officer, s.id))
        .cloned()
        .ok_or(AppError::Forbidden)?;
    let decisions = store::list(&mut tx, id).await?;
    let resolutions = store::list_resolutions(&mut tx, id).await?;
    let content = super::model::record_fingerprint(&decisions, &resolutions);
    content.check_seen(seen)?;
    if !store::release(&mut tx, id, side.id, user.id, db.now_ms(), &content).await? {
        return Err(AppError::Conflict("decisions-error-released".into()));
    }
    let mut sent = 0;
    for (_, p) in agenda_projects(&mut tx, &session, &sides).await? {
        let Some(d) = decisions
            .iter()
            .find(|d| d.project_id == p.id && d.decided_at.is_some())
        else {
            continue;
        };
        let Some(half) = p.half_of_side(side.id) else {
            continue;
        };
        let locale = crate::users::actions::locale_of(&mut tx, half.lead_user_id).await?;
        let amount = d
            .amounts
            .iter()
            .find(|(s, _)| *s == side.id)
            .map(|(_, a)| crate::i18n::format_money(*a, &side.currency, locale));
        let outcome = locale.t(&d.outcome.key());
        let body = locale.t_args(
            "decisions-letter-body",
            &[
                ("title", p.title.clone().into()),
                ("outcome", outcome.into()),
                ("amount", amount.unwrap_or_default().into()),
                (
                    "administration",
                    side.administration.get(locale).to_string().into(),
                ),
            ],
        );
        let link = format!("{base}/projects/{}", p.id);
        let subject = locale.t1("decisions-letter-subject", "title", p.title.clone());
        let m = crate::email::Letter::new(&half.lead_email, locale, subject, &body, &link)
            .greet(&half.lead_name)
            .action(locale.t("decisions-letter-email-action"))
            .message();
        crate::email::enqueue(&mut tx, &m).await?;
        sent += 1;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "session.release",
        "commission_session",
        id,
        &format!("side {} {sent} letters", side.code),
    )
    .await?;
    tx.commit().await?;
    Ok(sent)
}

/// The outcome of a project as its lead on `side` may know it: only decided and released.
pub async fn released_outcome(
    db: &Db,
    project: i64,
    side: i64,
) -> AppResult<Option<(Outcome, Option<i64>)>> {
    let mut tx = db.read().await?;
    released_outcome_in(&mut tx, project, side).await
}

/// Whether a commission session has a decision (proposed or taken) about `project`: its
/// halves are then out of their leads' hands (no reopening, no withdrawal).
pub async fn has_decision_in(tx: &mut Tx, project: i64) -> AppResult<bool> {
    Ok(store::decision_count_of_project(tx, project).await? > 0)
}

/// [`released_outcome`] inside the caller's transaction.
pub async fn released_outcome_in(
    tx: &mut Tx,
    project: i64,
    side: i64,
) -> AppResult<Option<(Outcome, Option<i64>)>> {
    let Some(r) = store::released_outcomes(tx, project, side).await?.pop() else {
        return Ok(None);
    };
    let outcome = Outcome::parse(&r.outcome)
        .ok_or_else(|| crate::db::unknown("decision outcome", &r.outcome))?;
    Ok(Some((outcome, r.amount)))
}

/// The letter telling one side's applicant what the commission decided on their project, from
/// their administration, dated on the day of the decision (in the side's zone), signed by the
/// officer who released it to the side. The page's data and the typeset document's.
#[derive(serde::Serialize)]
pub struct Letter {
    pub lang: &'static str,
    pub title: String,
    pub letterheads: Vec<crate::pdf::Letterhead>,
    /// "Bruxelles, le 14 juin 2021".
    pub place_date: String,
    /// The lead's name and organisation.
    pub recipient: Vec<String>,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub closing: String,
    /// Who released the decision, and for which administration.
    pub signer: String,
    pub signer_role: String,
    pub labels: LetterLabels,
    /// The day of the decision, in the side's zone.
    #[serde(skip)]
    pub dated: (i32, u8, u8),
}

#[derive(serde::Serialize)]
pub struct LetterLabels {
    pub page: String,
    pub subject: String,
}

pub async fn letter(
    db: &Db,
    user: &Viewer,
    project_id: i64,
    locale: crate::i18n::Locale,
) -> AppResult<Letter> {
    use crate::i18n::{format_civil_date, format_long_date, format_money, zone_city};
    let mut tx = db.read().await?;
    let project = crate::projects::actions::project_in(&mut tx, project_id).await?;
    let call = crate::calls::actions::get_call_in(&mut tx, project.call_id).await?;
    let facts = crate::projects::policy::Facts::of(&project, &call, user, None, db.now_ms());
    if !crate::projects::policy::can(user, crate::projects::policy::Perm::ReadLetter, &facts) {
        return Err(AppError::NotFound);
    }
    let half = project
        .half_led_by(user.id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let released = store::released_outcomes(&mut tx, project_id, half.side_id)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let outcome = Outcome::parse(&released.outcome)
        .ok_or_else(|| crate::db::unknown("decision outcome", &released.outcome))?;
    let side = programmes::actions::side_in(&mut tx, half.side_id).await?;
    let administration = side.administration.get(locale).to_string();
    let decided_on = format_long_date(released.decided_at, &side.time_zone, locale);
    let mut paragraphs = vec![
        locale.t_args(
            "decisions-letter-examined",
            &[
                (
                    "date",
                    format_long_date(released.session_at, &side.time_zone, locale).into(),
                ),
                ("title", project.title.clone().into()),
            ],
        ),
        locale.t_args(
            "decisions-letter-outcome",
            &[
                ("kind", outcome.as_str().into()),
                ("outcome", locale.t(&outcome.key()).into()),
            ],
        ),
    ];
    if let Some(a) = released.amount {
        paragraphs.push(locale.t_args(
            "decisions-letter-amount",
            &[
                ("administration", administration.clone().into()),
                ("amount", format_money(a, &side.currency, locale).into()),
            ],
        ));
    }
    if let Some(f) = followup::actions::of_project_in(&mut tx, project_id).await? {
        paragraphs.push(locale.t_args(
            "decisions-letter-term",
            &[
                ("start", format_civil_date(f.starts_on, locale).into()),
                ("end", format_civil_date(f.ends_on, locale).into()),
            ],
        ));
    }
    paragraphs.push(locale.t("decisions-letter-contact"));
    Ok(Letter {
        lang: locale.html_lang(),
        title: locale.t("decisions-letter-title"),
        letterheads: vec![crate::pdf::Letterhead::of(&side, locale)],
        place_date: locale.t_args(
            "decisions-letter-place-date",
            &[
                ("place", zone_city(&side.time_zone, locale).into()),
                ("date", decided_on.into()),
            ],
        ),
        recipient: vec![half.lead_name.clone(), half.organisation_name.clone()],
        subject: locale.t1("decisions-letter-subject", "title", project.title.clone()),
        greeting: locale.t1("decisions-letter-greeting", "name", half.lead_name.clone()),
        paragraphs,
        closing: locale.t("decisions-letter-closing"),
        signer: released.released_by,
        signer_role: locale.t1("decisions-letter-for", "administration", administration),
        labels: LetterLabels {
            page: locale.t("documents-page"),
            subject: locale.t("decisions-letter-subject-label"),
        },
        dated: crate::i18n::ymd(released.decided_at, &side.time_zone),
    })
}

/// What a decision granted each side's partners: (side, amount in its currency), inside the
/// caller's transaction (the caller checks who may see it).
pub async fn amounts_in(tx: &mut Tx, decision: i64) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::amounts(tx, decision).await?)
}

/// [`amounts_in`] for many decisions at once: (decision, side, amount).
pub async fn amounts_of(tx: &mut Tx, decisions: &[i64]) -> AppResult<Vec<(i64, i64, i64)>> {
    Ok(store::amounts_of(tx, decisions).await?)
}
