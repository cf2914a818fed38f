//! SQL of an edition's programme: its sessions, the coaches assigned to participants,
//! attendance, the coaches' notes and milestones, and the participants' calendar feeds.

use jiff::civil::Date;

use super::super::sessions::{Attendance, CoachNote, Session, SessionInput, SessionKind};
use crate::{
    db::{Tx, fetch_all_in, unknown},
    i18n::Localized,
    on_tx, on_tx_exec,
};

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    edition_id: i64,
    kind: String,
    title_fr: String,
    title_en: String,
    starts_at: i64,
    time_zone: String,
    minutes: i64,
    meeting_url: String,
    sequence: i64,
    cancelled_at: Option<i64>,
}

impl TryFrom<SessionRow> for Session {
    type Error = sqlx::Error;
    fn try_from(r: SessionRow) -> sqlx::Result<Session> {
        Ok(Session {
            id: r.id,
            edition_id: r.edition_id,
            input: SessionInput {
                kind: SessionKind::parse(&r.kind)
                    .ok_or_else(|| unknown("session kind", &r.kind))?,
                title: Localized::new(r.title_fr, r.title_en),
                starts_at: r.starts_at,
                time_zone: r.time_zone,
                minutes: r.minutes,
                meeting_url: r.meeting_url,
            },
            sequence: r.sequence,
            cancelled_at: r.cancelled_at,
        })
    }
}

const SESSION_COLUMNS: &str = "id, edition_id, kind, title_fr, title_en, starts_at, time_zone, \
     minutes, meeting_url, sequence, cancelled_at";

/// The sessions of these editions, in time order.
pub async fn sessions_of(tx: &mut Tx, editions: &[i64]) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = fetch_all_in(
        tx,
        &format!(
            "select {SESSION_COLUMNS} from grv_sessions where edition_id in ({{ids}})
             order by starts_at, id"
        ),
        editions,
    )
    .await?;
    rows.into_iter().map(Session::try_from).collect()
}

pub async fn session(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Session>> {
    let rows: Vec<SessionRow> = fetch_all_in(
        tx,
        &format!("select {SESSION_COLUMNS} from grv_sessions where id in ({{ids}})"),
        &[id],
    )
    .await?;
    rows.into_iter().next().map(Session::try_from).transpose()
}

pub async fn insert_session(
    tx: &mut Tx,
    edition: i64,
    s: &SessionInput,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "insert into grv_sessions (edition_id, kind, title_fr, title_en, starts_at, time_zone,
             minutes, meeting_url, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id"
    )
    .bind(edition)
    .bind(s.kind.as_str())
    .bind(&s.title.fr)
    .bind(&s.title.en)
    .bind(s.starts_at)
    .bind(&s.time_zone)
    .bind(s.minutes)
    .bind(&s.meeting_url)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await)
}

/// Cancels a session not yet cancelled (0 otherwise); its calendar sequence grows.
pub async fn cancel_session(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_sessions set cancelled_at = $2, sequence = sequence + 1
         where id = $1 and cancelled_at is null"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)
}

/// Each participant's coach: (candidacy, coach's account, coach's name).
pub async fn coaches_of(tx: &mut Tx, candidacies: &[i64]) -> sqlx::Result<Vec<(i64, i64, String)>> {
    fetch_all_in(
        tx,
        "select g.candidacy_id, g.coach_id, u.name from grv_coaching g
         join users u on u.id = g.coach_id where g.candidacy_id in ({ids}) order by g.candidacy_id",
        candidacies,
    )
    .await
}

/// Assigns a coach to a participant (`None` removes the assignment).
pub async fn assign_coach(
    tx: &mut Tx,
    candidacy: i64,
    coach: Option<i64>,
    by: i64,
    now: i64,
) -> sqlx::Result<u64> {
    match coach {
        None => on_tx_exec!(tx, |c| sqlx::query(
            "delete from grv_coaching where candidacy_id = $1"
        )
        .bind(candidacy)
        .execute(c)
        .await),
        Some(coach) => on_tx_exec!(tx, |c| sqlx::query(
            "insert into grv_coaching (candidacy_id, coach_id, assigned_by, assigned_at)
             values ($1, $2, $3, $4)
             on conflict (candidacy_id) do update set coach_id = excluded.coach_id,
                 assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at"
        )
        .bind(candidacy)
        .bind(coach)
        .bind(by)
        .bind(now)
        .execute(c)
        .await),
    }
}

/// Attendance recorded at these sessions: (session, candidacy, status).
pub async fn attendance_of(
    tx: &mut Tx,
    sessions: &[i64],
) -> sqlx::Result<Vec<(i64, i64, Attendance)>> {
    let rows: Vec<(i64, i64, String)> = fetch_all_in(
        tx,
        "select session_id, candidacy_id, status from grv_attendance
         where session_id in ({ids}) order by session_id, candidacy_id",
        sessions,
    )
    .await?;
    rows.into_iter()
        .map(|(s, c, a)| {
            Attendance::parse(&a)
                .map(|a| (s, c, a))
                .ok_or_else(|| unknown("attendance", &a))
        })
        .collect()
}

pub async fn record_attendance(
    tx: &mut Tx,
    session: i64,
    candidacy: i64,
    status: Attendance,
    by: i64,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into grv_attendance (session_id, candidacy_id, status, recorded_by, recorded_at)
         values ($1, $2, $3, $4, $5)
         on conflict (session_id, candidacy_id) do update set status = excluded.status,
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at"
    )
    .bind(session)
    .bind(candidacy)
    .bind(status.as_str())
    .bind(by)
    .bind(now)
    .execute(c)
    .await)
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    candidacy_id: i64,
    name: String,
    body: String,
    due_on: Option<String>,
    reached_at: Option<i64>,
    created_at: i64,
}

/// The notes and milestones on these participants, oldest first.
pub async fn notes_of(tx: &mut Tx, candidacies: &[i64]) -> sqlx::Result<Vec<CoachNote>> {
    let rows: Vec<NoteRow> = fetch_all_in(
        tx,
        "select n.id, n.candidacy_id, u.name, n.body, n.due_on, n.reached_at, n.created_at
         from grv_coach_notes n join users u on u.id = n.author_id
         where n.candidacy_id in ({ids}) order by n.created_at, n.id",
        candidacies,
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            let due_on = r
                .due_on
                .map(|d| d.parse::<Date>().map_err(|_| unknown("milestone date", &d)))
                .transpose()?;
            Ok(CoachNote {
                id: r.id,
                candidacy: r.candidacy_id,
                author: r.name,
                body: r.body,
                due_on,
                reached_at: r.reached_at,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub async fn insert_note(
    tx: &mut Tx,
    candidacy: i64,
    author: i64,
    body: &str,
    due_on: Option<Date>,
    now: i64,
) -> sqlx::Result<i64> {
    let kind = if due_on.is_some() {
        "milestone"
    } else {
        "note"
    };
    on_tx!(tx, |c| sqlx::query_scalar(
        "insert into grv_coach_notes (candidacy_id, author_id, kind, body, due_on, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id"
    )
    .bind(candidacy)
    .bind(author)
    .bind(kind)
    .bind(body)
    .bind(due_on.map(|d| d.to_string()))
    .bind(now)
    .fetch_one(c)
    .await)
}

/// Marks a participant's milestone reached (0 if it is not theirs, not a milestone, or already
/// reached).
pub async fn reach_milestone(tx: &mut Tx, candidacy: i64, id: i64, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_coach_notes set reached_at = $3
         where id = $2 and candidacy_id = $1 and kind = 'milestone' and reached_at is null"
    )
    .bind(candidacy)
    .bind(id)
    .bind(now)
    .execute(c)
    .await)
}

/// When each of these participants' calendar feed was issued, if it was.
pub async fn feeds_of(tx: &mut Tx, candidacies: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    fetch_all_in(
        tx,
        "select candidacy_id, created_at from grv_feeds where candidacy_id in ({ids})",
        candidacies,
    )
    .await
}

/// The participant whose feed has this token's hash.
pub async fn feed_owner(tx: &mut Tx, token_hash: &str) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select candidacy_id from grv_feeds where token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await)
}

/// Issues (or replaces) a participant's feed token; the earlier address stops working.
pub async fn set_feed(
    tx: &mut Tx,
    candidacy: i64,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into grv_feeds (candidacy_id, token_hash, created_at) values ($1, $2, $3)
         on conflict (candidacy_id) do update set token_hash = excluded.token_hash,
             created_at = excluded.created_at"
    )
    .bind(candidacy)
    .bind(token_hash)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn revoke_feed(tx: &mut Tx, candidacy: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from grv_feeds where candidacy_id = $1"
    )
    .bind(candidacy)
    .execute(c)
    .await)
}

/// Where a person takes part in a programme: as a participant (their candidacy) or as the coach
/// of participants — (candidacy, edition, participant's name, edition's title fr, en), for
/// editions whose cohort stands.
#[derive(sqlx::FromRow)]
pub struct Involvement {
    pub candidacy_id: i64,
    pub edition_id: i64,
    pub name: String,
    pub title_fr: String,
    pub title_en: String,
}

const STANDS: &str = "e.state in ('cohort_selected', 'programme_running', 'demo_day', 'completed')";

/// The cohorts `user` is part of, as a participant.
pub async fn participations(tx: &mut Tx, user: i64) -> sqlx::Result<Vec<Involvement>> {
    let sql = format!(
        "select c.id as candidacy_id, c.edition_id, u.name, e.title_fr, e.title_en
         from grv_candidacies c join grv_cohort p on p.candidacy_id = c.id
         join grv_editions e on e.id = c.edition_id join users u on u.id = c.user_id
         where c.user_id = $1 and p.outcome = 'selected' and c.state = 'submitted' and {STANDS}
         order by e.number desc"
    );
    on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(user)
        .fetch_all(c)
        .await)
}

/// The participants `coach` is assigned to.
pub async fn coached(tx: &mut Tx, coach: i64) -> sqlx::Result<Vec<Involvement>> {
    let sql = format!(
        "select c.id as candidacy_id, c.edition_id, u.name, e.title_fr, e.title_en
         from grv_coaching g join grv_candidacies c on c.id = g.candidacy_id
         join grv_cohort p on p.candidacy_id = c.id
         join grv_editions e on e.id = c.edition_id join users u on u.id = c.user_id
         where g.coach_id = $1 and p.outcome = 'selected' and c.state = 'submitted' and {STANDS}
         order by e.number desc, u.name, c.id"
    );
    on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(coach)
        .fetch_all(c)
        .await)
}
