//! A participant's side of the programme (issue 14, item 4): their page (the programme and
//! what is next, their coach, attendance, the coach's notes and milestones), the notes and
//! milestones their coach writes, the sessions' calendar files, and their calendar feed — a
//! secret address a calendar application subscribes to, renewable and revocable.

use jiff::civil::Date;

use super::{
    calendar::{self, Context},
    model::Edition,
    policy::programme::{Perm, can, feed_answers},
    programme::{Participant, cast},
    sessions::{Attendance, CoachNote, Session, check_note, next_session},
    store::{self, candidacies as cstore, programme as pstore},
};
use crate::{
    audit, auth,
    db::{Db, Tx},
    error::{AppError, AppResult},
    i18n::Locale,
    programmes::Side,
    viewer::Viewer,
};

pub struct ParticipantView {
    pub edition: Edition,
    pub sides: Vec<Side>,
    pub participant: Participant,
    /// Every session, with the participant's attendance at it.
    pub sessions: Vec<(Session, Option<Attendance>)>,
    /// The first session not over yet.
    pub next: Option<Session>,
    pub notes: Vec<CoachNote>,
    /// When the participant's calendar feed was issued, if it is.
    pub feed_since: Option<i64>,
    /// The viewer is the participant.
    pub own: bool,
    pub can_join: bool,
    pub can_follow: bool,
    pub can_subscribe: bool,
    /// For the participant: the CMP calls open now on their side, where they may start a
    /// project from their idea (item 6).
    pub cmp_calls: Vec<(i64, crate::i18n::Localized)>,
}

impl ParticipantView {
    /// Milestones not reached yet, the soonest first.
    pub fn open_milestones(&self) -> Vec<&CoachNote> {
        let mut m: Vec<&CoachNote> = self
            .notes
            .iter()
            .filter(|n| n.due_on.is_some() && n.reached_at.is_none())
            .collect();
        m.sort_by_key(|n| n.due_on);
        m
    }
}

/// The edition of a candidacy, with its programme; a candidacy not in the cohort has no page.
/// A write (`lock`) takes the edition's lock before reading what it decides on.
async fn load(
    tx: &mut Tx,
    candidacy: i64,
    lock: bool,
) -> AppResult<(super::programme::Cast, Participant)> {
    let edition = cstore::get(tx, candidacy)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    if lock {
        store::lock(tx, edition).await?;
    }
    let c = cast(tx, edition).await?;
    let p = c.participant(candidacy).ok_or(AppError::NotFound)?.clone();
    Ok((c, p))
}

pub async fn participant_page(db: &Db, user: &Viewer, id: i64) -> AppResult<ParticipantView> {
    let mut tx = db.read().await?;
    let (c, p) = load(&mut tx, id, false).await?;
    let f = c.facts(Some(&p));
    if !can(user, Perm::ReadParticipant, &f) {
        return Err(AppError::NotFound);
    }
    let ids: Vec<i64> = c.sessions.iter().map(|s| s.id).collect();
    let attendance = pstore::attendance_of(&mut tx, &ids).await?;
    let notes = pstore::notes_of(&mut tx, &[id]).await?;
    let feed_since = pstore::feeds_of(&mut tx, &[id])
        .await?
        .first()
        .map(|(_, at)| *at);
    let now = tx.now_ms();
    let own = p.candidacy.user_id == user.id;
    let cmp_calls = if own {
        crate::calls::actions::all_calls_in(&mut tx)
            .await?
            .into_iter()
            .filter(|c| {
                c.phase(now) == crate::calls::model::Phase::Open
                    && c.side(p.candidacy.side_id).is_some()
            })
            .map(|c| (c.id, c.title))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ParticipantView {
        cmp_calls,
        next: next_session(&c.sessions, now).cloned(),
        sessions: c
            .sessions
            .iter()
            .map(|s| {
                let a = attendance
                    .iter()
                    .find(|(session, who, _)| *session == s.id && *who == id)
                    .map(|(_, _, a)| *a);
                (s.clone(), a)
            })
            .collect(),
        notes,
        feed_since,
        own,
        can_join: can(user, Perm::JoinMeeting, &f),
        can_follow: can(user, Perm::Follow, &f),
        can_subscribe: can(user, Perm::Subscribe, &f),
        participant: p,
        sides: c.sides,
        edition: c.edition,
    })
}

/// Writes a note on a participant's progress, or sets them a milestone (with its due date).
pub async fn add_note(
    db: &Db,
    user: &Viewer,
    id: i64,
    body: &str,
    milestone: bool,
    due_on: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (c, p) = load(&mut tx, id, true).await?;
    if !can(user, Perm::Follow, &c.facts(Some(&p))) {
        return Err(AppError::Forbidden);
    }
    let now = tx.now_ms();
    let today = jiff::Timestamp::from_millisecond(now)
        .map_err(anyhow::Error::from)?
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    check_note(body, milestone, due_on, today).into_result()?;
    let due: Option<Date> = if milestone {
        due_on.trim().parse().ok()
    } else {
        None
    };
    let note = pstore::insert_note(&mut tx, id, user.id, body.trim(), due, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        if milestone {
            "grv.set_milestone"
        } else {
            "grv.add_note"
        },
        "grv_candidacy",
        id,
        &format!("note {note}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks one of a participant's milestones reached.
pub async fn reach_milestone(db: &Db, user: &Viewer, id: i64, note: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (c, p) = load(&mut tx, id, true).await?;
    if !can(user, Perm::Follow, &c.facts(Some(&p))) {
        return Err(AppError::Forbidden);
    }
    let now = tx.now_ms();
    if pstore::reach_milestone(&mut tx, id, note, now).await? == 0 {
        // Not this participant's, not a milestone, or reached already (by someone else).
        return Err(AppError::Conflict("grv-error-milestone-reached".into()));
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.reach_milestone",
        "grv_candidacy",
        id,
        &format!("note {note}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Issues the participant a new calendar feed address (the earlier one stops answering) and
/// returns its token: shown once, as only its hash is kept.
pub async fn renew_feed(db: &Db, user: &Viewer, id: i64) -> AppResult<String> {
    let mut tx = db.write().await?;
    let (c, p) = load(&mut tx, id, true).await?;
    if !can(user, Perm::Subscribe, &c.facts(Some(&p))) {
        return Err(AppError::Forbidden);
    }
    let token = auth::random_token();
    let now = tx.now_ms();
    pstore::set_feed(&mut tx, id, &auth::token_hash(&token), now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.renew_feed",
        "grv_candidacy",
        id,
        "new address",
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Stops the participant's calendar feed: its address answers 404 from now on.
pub async fn revoke_feed(db: &Db, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (c, p) = load(&mut tx, id, true).await?;
    // Revoking is always the participant's, even once the programme is over.
    if p.candidacy.user_id != user.id || !can(user, Perm::ReadParticipant, &c.facts(Some(&p))) {
        return Err(AppError::Forbidden);
    }
    pstore::revoke_feed(&mut tx, id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.revoke_feed",
        "grv_candidacy",
        id,
        "revoked",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Translated session kinds, for the calendars' event titles.
fn kind_label(locale: Locale) -> impl Fn(&Session) -> String {
    move |s: &Session| locale.t(&s.input.kind.key())
}

/// One session's calendar file, for those who join it (a 404 for anyone else: it carries the
/// meeting link).
pub async fn session_ics(
    db: &Db,
    user: &Viewer,
    session: i64,
    locale: Locale,
    base: &str,
) -> AppResult<String> {
    let mut tx = db.read().await?;
    let s = pstore::session(&mut tx, session)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = cast(&mut tx, s.edition_id).await?;
    if !can(user, Perm::JoinMeeting, &c.facts(None)) {
        return Err(AppError::NotFound);
    }
    let label = kind_label(locale);
    calendar::session_file(
        &s,
        &Context {
            locale,
            zones: &c.zones(),
            base,
            kind_label: &label,
        },
    )
}

/// The calendar feed behind a token, in its participant's language. An unknown or revoked
/// token, or one of a participant no longer in the cohort, finds nothing.
pub async fn feed(db: &Db, token: &str, base: &str) -> AppResult<String> {
    let mut tx = db.read().await?;
    let id = pstore::feed_owner(&mut tx, &auth::token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let (c, p) = load(&mut tx, id, false).await?;
    if !feed_answers(&c.facts(Some(&p))) {
        return Err(AppError::NotFound);
    }
    let locale = p.candidacy.locale;
    let label = kind_label(locale);
    let name = format!(
        "{} — {}",
        locale.t("grv-programme-title"),
        c.edition.input.title.get(locale)
    );
    calendar::feed(
        &name,
        &c.sessions,
        &Context {
            locale,
            zones: &c.zones(),
            base,
            kind_label: &label,
        },
    )
}
