//! The programme a Grands Rendez-vous cohort follows (issue 14, item 4): the officers set up
//! its sessions and assign a coach to each participant; coaches and officers record attendance.
//! The participants' own pages, notes, milestones and calendars are [`super::participants`].
//! Each function is one transaction, reading in a fixed number of statements; each write takes
//! the edition's lock first.

use super::{
    candidacy::Candidacy,
    model::Edition,
    policy::programme::{Facts, Perm, can},
    selection::Outcome,
    sessions::{Attendance, Session, SessionInput},
    store::{self, candidacies as cstore, programme as pstore, selection as sstore},
};
use crate::{
    audit,
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    programmes::{self, Side},
    submissions::FilingState,
    users,
    viewer::{Role, Viewer},
};

/// A member of the cohort, with their coach.
#[derive(Clone, Debug)]
pub struct Participant {
    pub candidacy: Candidacy,
    /// The coach's account and name.
    pub coach: Option<(i64, String)>,
}

/// An edition's programme as every page about it reads it.
pub(super) struct Cast {
    pub(super) edition: Edition,
    pub(super) sides: Vec<Side>,
    /// The cohort: candidacies selected and still in it, in candidacy order.
    pub(super) participants: Vec<Participant>,
    pub(super) sessions: Vec<Session>,
}

impl Cast {
    pub(super) fn facts(&self, about: Option<&Participant>) -> Facts {
        let mut coaches: Vec<i64> = self
            .participants
            .iter()
            .filter_map(|p| p.coach.as_ref().map(|c| c.0))
            .collect();
        coaches.sort_unstable();
        coaches.dedup();
        Facts {
            sides: self.sides.iter().map(|s| s.id).collect(),
            state: self.edition.state,
            cohort: self
                .participants
                .iter()
                .map(|p| p.candidacy.user_id)
                .collect(),
            coaches,
            participant: about.map(|p| p.candidacy.user_id),
            coach: about.and_then(|p| p.coach.as_ref().map(|c| c.0)),
        }
    }
    pub(super) fn participant(&self, candidacy: i64) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|p| p.candidacy.id == candidacy)
    }
    pub(super) fn zones(&self) -> Vec<String> {
        self.sides.iter().map(|s| s.time_zone.clone()).collect()
    }
}

/// Reads an edition's programme in six statements. An edition of another programme, or one
/// whose cohort does not stand, has none.
pub(super) async fn cast(tx: &mut Tx, edition: i64) -> AppResult<Cast> {
    let edition = store::get(tx, edition).await?.ok_or(AppError::NotFound)?;
    let sides = programmes::actions::sides_of(tx, edition.programme_id).await?;
    let selected: Vec<i64> = sstore::placements(tx, edition.id)
        .await?
        .into_iter()
        .filter(|p| p.outcome == Outcome::Selected)
        .map(|p| p.candidacy)
        .collect();
    let candidacies: Vec<Candidacy> = cstore::of_editions(tx, &[edition.id])
        .await?
        .into_iter()
        .filter(|c| selected.contains(&c.id) && c.state == FilingState::Submitted)
        .collect();
    let ids: Vec<i64> = candidacies.iter().map(|c| c.id).collect();
    let coaches = pstore::coaches_of(tx, &ids).await?;
    let sessions = pstore::sessions_of(tx, &[edition.id]).await?;
    Ok(Cast {
        participants: candidacies
            .into_iter()
            .map(|c| Participant {
                coach: coaches
                    .iter()
                    .find(|(p, _, _)| *p == c.id)
                    .map(|(_, id, name)| (*id, name.clone())),
                candidacy: c,
            })
            .collect(),
        edition,
        sides,
        sessions,
    })
}

/// The programme's page: its sessions, and for its officers the cohort and their coaches.
pub struct ProgrammeView {
    pub edition: Edition,
    pub sides: Vec<Side>,
    pub sessions: Vec<Session>,
    /// The participants the viewer follows (all of them for officers, a coach's own), with
    /// their attendance: (present, sessions whose attendance was recorded for them).
    pub participants: Vec<(Participant, usize, usize)>,
    /// The accounts officers may assign as coaches.
    pub coaches: Vec<(i64, String)>,
    pub can_organise: bool,
    pub can_join: bool,
    /// The viewer's own participant page, if they are in the cohort.
    pub own: Option<i64>,
    /// Whether the viewer reads the edition's own page (officers, administrators); others are
    /// led to its public page.
    pub can_read_edition: bool,
}

pub async fn programme_page(db: &Db, user: &Viewer, id: i64) -> AppResult<ProgrammeView> {
    let mut tx = db.read().await?;
    programme_in(&mut tx, user, id).await
}

async fn programme_in(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<ProgrammeView> {
    let c = cast(tx, id).await?;
    let f = c.facts(None);
    if !can(user, Perm::Read, &f) {
        return Err(AppError::NotFound);
    }
    let can_organise = can(user, Perm::Organise, &f);
    let now = tx.now_ms();
    let held: Vec<i64> = c
        .sessions
        .iter()
        .filter(|s| s.cancelled_at.is_none() && s.input.starts_at <= now)
        .map(|s| s.id)
        .collect();
    let attendance = pstore::attendance_of(tx, &held).await?;
    let coaches = if can_organise {
        users::actions::holders_of(tx, Role::Coach).await?
    } else {
        Vec::new()
    };
    let participants = c
        .participants
        .iter()
        // Those the viewer follows (officers: everyone; a coach: their own), also once the
        // programme is over; a participant is not listed to themself.
        .filter(|p| {
            p.candidacy.user_id != user.id && can(user, Perm::ReadParticipant, &c.facts(Some(p)))
        })
        .map(|p| {
            let theirs = || {
                attendance
                    .iter()
                    .filter(|(_, who, _)| *who == p.candidacy.id)
            };
            let present = theirs()
                .filter(|(_, _, a)| *a == Attendance::Present)
                .count();
            (p.clone(), present, theirs().count())
        })
        .collect();
    let edition_facts = super::policy::Facts {
        sides: f.sides.clone(),
        state: c.edition.state,
        approved_by: Vec::new(),
    };
    Ok(ProgrammeView {
        can_read_edition: super::policy::can(user, super::policy::Perm::View, &edition_facts),
        can_join: can(user, Perm::JoinMeeting, &f),
        own: c
            .participants
            .iter()
            .find(|p| p.candidacy.user_id == user.id)
            .map(|p| p.candidacy.id),
        participants,
        coaches,
        can_organise,
        sides: c.sides,
        sessions: c.sessions,
        edition: c.edition,
    })
}

/// The programme's page of a participant's edition (a refused coach assignment shows it).
pub async fn programme_page_of(db: &Db, user: &Viewer, candidacy: i64) -> AppResult<ProgrammeView> {
    let mut tx = db.read().await?;
    let edition = cstore::get(&mut tx, candidacy)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    programme_in(&mut tx, user, edition).await
}

/// What the session form needs: the edition and its sides' zones.
pub async fn session_form(db: &Db, user: &Viewer, id: i64) -> AppResult<(Edition, Vec<Side>)> {
    let mut tx = db.read().await?;
    let c = cast(&mut tx, id).await?;
    if !can(user, Perm::Organise, &c.facts(None)) {
        return Err(AppError::Forbidden);
    }
    Ok((c.edition, c.sides))
}

/// Adds a session to the programme (checked by [`super::sessions::check`]).
pub async fn add_session(db: &Db, user: &Viewer, id: i64, s: &SessionInput) -> AppResult<i64> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let c = cast(&mut tx, id).await?;
    if !can(user, Perm::Organise, &c.facts(None)) {
        return Err(AppError::Forbidden);
    }
    let now = tx.now_ms();
    let session = pstore::insert_session(&mut tx, id, s, user.id, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.add_session",
        "grv_session",
        session,
        &format!("{} at {}", s.kind.as_str(), s.starts_at),
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// The edition a session belongs to, with its programme.
async fn cast_of_session(tx: &mut Tx, session: i64) -> AppResult<(Cast, Session)> {
    let s = pstore::session(tx, session)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = cast(tx, s.edition_id).await?;
    Ok((c, s))
}

/// Cancels a session: it stays listed, marked cancelled, and calendars drop it.
pub async fn cancel_session(db: &Db, user: &Viewer, session: i64) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let edition = pstore::session(&mut tx, session)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    store::lock(&mut tx, edition).await?;
    let (c, s) = cast_of_session(&mut tx, session).await?;
    if !can(user, Perm::Organise, &c.facts(None)) {
        return Err(AppError::Forbidden);
    }
    let now = tx.now_ms();
    // A session whose attendance is recorded took place: it is part of the programme's
    // record. One set up by mistake (a wrong year) is cancelled.
    if s.cancelled_at.is_none() && !pstore::attendance_of(&mut tx, &[session]).await?.is_empty() {
        return Err(AppError::Conflict("grv-error-session-held".into()));
    }
    if pstore::cancel_session(&mut tx, session, now).await? == 0 {
        return Err(AppError::Conflict("grv-error-session-cancelled".into()));
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.cancel_session",
        "grv_session",
        session,
        "cancelled",
    )
    .await?;
    tx.commit().await?;
    Ok(edition)
}

/// Assigns a coach to a participant (`None`: none). `shown` is the coach the page showed: if
/// another officer changed it meanwhile, nothing is changed and the field says so.
pub async fn assign_coach(
    db: &Db,
    user: &Viewer,
    candidacy: i64,
    coach: Option<i64>,
    shown: Option<i64>,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let edition = cstore::get(&mut tx, candidacy)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    store::lock(&mut tx, edition).await?;
    let c = cast(&mut tx, edition).await?;
    let p = c.participant(candidacy).ok_or(AppError::NotFound)?;
    if !can(user, Perm::Organise, &c.facts(Some(p))) {
        return Err(AppError::Forbidden);
    }
    let field = format!("coach-{candidacy}");
    if p.coach.as_ref().map(|c| c.0) != shown {
        return Err(AppError::Invalid(FieldErrors::single(
            &field,
            "grv-error-coach-changed",
        )));
    }
    if let Some(coach) = coach {
        let coaches = users::actions::holders_of(&mut tx, Role::Coach).await?;
        if !coaches.iter().any(|(id, _)| *id == coach) {
            return Err(AppError::Invalid(FieldErrors::single(
                &field,
                "common-error-choice",
            )));
        }
    }
    let now = tx.now_ms();
    pstore::assign_coach(&mut tx, candidacy, coach, user.id, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.assign_coach",
        "grv_candidacy",
        candidacy,
        &coach.map_or("none".to_string(), |c| format!("user {c}")),
    )
    .await?;
    tx.commit().await?;
    Ok(edition)
}

/// A participant's line on a session's page: their attendance, and whether the viewer records
/// it.
pub struct AttendanceLine {
    pub participant: Participant,
    pub status: Option<Attendance>,
    pub can_record: bool,
}

/// A session's page: when, the meeting link for those who join it, and attendance.
pub struct SessionView {
    pub edition: Edition,
    pub sides: Vec<Side>,
    pub session: Session,
    pub can_join: bool,
    pub can_cancel: bool,
    /// The participants whose attendance the viewer reads: all for officers, a coach's own,
    /// a participant's own.
    pub lines: Vec<AttendanceLine>,
    /// Attendance is recorded once the session has started.
    pub started: bool,
}

pub async fn session_page(db: &Db, user: &Viewer, session: i64) -> AppResult<SessionView> {
    let mut tx = db.read().await?;
    let (c, s) = cast_of_session(&mut tx, session).await?;
    let f = c.facts(None);
    if !can(user, Perm::Read, &f) {
        return Err(AppError::NotFound);
    }
    let recorded = pstore::attendance_of(&mut tx, &[session]).await?;
    let started = s.input.starts_at <= tx.now_ms() && s.cancelled_at.is_none();
    let lines = c
        .participants
        .iter()
        .filter(|p| can(user, Perm::ReadParticipant, &c.facts(Some(p))))
        .map(|p| AttendanceLine {
            status: recorded
                .iter()
                .find(|(_, who, _)| *who == p.candidacy.id)
                .map(|(_, _, a)| *a),
            can_record: started && can(user, Perm::Follow, &c.facts(Some(p))),
            participant: p.clone(),
        })
        .collect();
    Ok(SessionView {
        can_join: can(user, Perm::JoinMeeting, &f),
        can_cancel: s.cancelled_at.is_none()
            && recorded.is_empty()
            && can(user, Perm::Organise, &f),
        lines,
        started,
        session: s,
        sides: c.sides,
        edition: c.edition,
    })
}

/// One participant's attendance as the form sends it: what the page showed, and what is
/// recorded now.
pub struct AttendanceRow {
    pub candidacy: i64,
    pub shown: Option<Attendance>,
    pub status: Attendance,
}

/// Records attendance at a session, for the participants the viewer follows: all rows or none.
/// A row recorded differently by someone else since the page showed it is refused at its field
/// (with what is recorded now), so nobody overwrites what they did not see.
pub async fn record_attendance(
    db: &Db,
    user: &Viewer,
    session: i64,
    rows: &[AttendanceRow],
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let edition = pstore::session(&mut tx, session)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    store::lock(&mut tx, edition).await?;
    let (c, s) = cast_of_session(&mut tx, session).await?;
    // Whoever may not follow anyone here is refused before anything else (an empty form
    // included): nothing is written, not even to the audit log.
    let follows_someone = c
        .participants
        .iter()
        .any(|p| can(user, Perm::Follow, &c.facts(Some(p))));
    if !can(user, Perm::Read, &c.facts(None)) {
        return Err(AppError::NotFound);
    }
    if !follows_someone {
        return Err(AppError::Forbidden);
    }
    if s.cancelled_at.is_some() || s.input.starts_at > tx.now_ms() {
        return Err(AppError::Conflict("grv-error-attendance-not-yet".into()));
    }
    if rows.is_empty() {
        return Err(AppError::Conflict("grv-error-attendance-none".into()));
    }
    let recorded = pstore::attendance_of(&mut tx, &[session]).await?;
    let mut errors = FieldErrors::default();
    for r in rows {
        let p = c.participant(r.candidacy).ok_or(AppError::NotFound)?;
        if !can(user, Perm::Follow, &c.facts(Some(p))) {
            return Err(AppError::Forbidden);
        }
        let now = recorded
            .iter()
            .find(|(_, who, _)| *who == r.candidacy)
            .map(|(_, _, a)| *a);
        if now != r.shown && now != Some(r.status) {
            errors.add(
                &format!("attendance-{}", r.candidacy),
                "grv-error-attendance-changed",
            );
        }
    }
    errors.into_result()?;
    let now = tx.now_ms();
    for r in rows {
        pstore::record_attendance(&mut tx, session, r.candidacy, r.status, user.id, now).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.record_attendance",
        "grv_session",
        session,
        &format!("{} recorded", rows.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
