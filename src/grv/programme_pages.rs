//! The programme's pages (issue 14, item 4): the programme (sessions, participants and their
//! coaches), the session form, a session's page (meeting, attendance), the calendar files.
//! The participant's own page is [`super::participant_pages`]. Each handler calls one action
//! of [`super::programme`] or [`super::participants`]; a refused form comes back with what was
//! typed.

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    applying::in_every_zone,
    participants, paths,
    programme::{self, AttendanceRow, ProgrammeView, SessionView},
    screening_pages::DoneQuery,
    sessions::{self, Attendance, Session, SessionForm, SessionKind},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage, one_line},
        render, render_status, see_other,
    },
    i18n::Locale,
    ids::{GrvCandidacyId, GrvEditionId, GrvSessionId},
    programmes::Side,
};

/// A session as a line of a list.
pub struct SessionLine {
    pub href: String,
    pub ics: String,
    pub when: String,
    pub kind: String,
    pub title: String,
    pub length: String,
    pub cancelled: bool,
    /// The meeting link, for those who join.
    pub meeting_url: Option<String>,
    /// The participant's attendance, on their own page.
    pub attendance: Option<String>,
}

/// "1 h 30", "45 min".
pub fn length(l: Locale, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => l.t1("grv-length-minutes", "m", m.to_string()),
        (h, 0) => l.t1("grv-length-hours", "h", h.to_string()),
        (h, m) => l.t_args(
            "grv-length-both",
            &[("h", h.to_string().into()), ("m", format!("{m:02}").into())],
        ),
    }
}

pub fn session_line(l: Locale, sides: &[Side], s: &Session, join: bool) -> SessionLine {
    SessionLine {
        href: paths::GrvSessions::url(s.id),
        ics: paths::GrvSessionsIcs::url(s.id),
        when: in_every_zone(l, sides, s.input.starts_at),
        kind: l.t(&s.input.kind.key()),
        title: s.title(l).to_string(),
        length: length(l, s.input.minutes),
        cancelled: s.cancelled_at.is_some(),
        meeting_url: (join && s.cancelled_at.is_none()).then(|| s.input.meeting_url.clone()),
        attendance: None,
    }
}

/// A participant as a line of the programme's table.
pub struct ParticipantLine {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub side: String,
    pub idea: String,
    pub coach_id: Option<i64>,
    pub coach: String,
    pub present: String,
    pub error: Option<String>,
}

impl ParticipantLine {
    pub fn coach_is(&self, id: &i64) -> bool {
        self.coach_id == Some(*id)
    }
}

#[derive(Template)]
#[template(path = "grv/programme.html")]
pub struct ProgrammeTemplate {
    pub ctx: Ctx,
    pub edition_id: i64,
    pub edition: String,
    /// The edition's page: the officers' own, or its public page.
    pub edition_href: String,
    pub sessions: Vec<SessionLine>,
    pub participants: Vec<ParticipantLine>,
    pub coaches: Vec<(i64, String)>,
    pub can_organise: bool,
    pub own: Option<String>,
    pub notice: Option<String>,
    pub success: Option<String>,
}

fn programme_template(ctx: Ctx, v: ProgrammeView, errors: &FieldErrors) -> ProgrammeTemplate {
    let l = ctx.locale;
    let side_name = |id: i64| {
        v.sides
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.get(l).to_string())
            .unwrap_or_default()
    };
    ProgrammeTemplate {
        edition_href: if v.can_read_edition {
            paths::EditionsById::url(v.edition.id)
        } else {
            paths::Call::url(v.edition.id)
        },
        edition_id: v.edition.id,
        edition: v.edition.input.title.get(l).to_string(),
        sessions: v
            .sessions
            .iter()
            .map(|s| session_line(l, &v.sides, s, v.can_join))
            .collect(),
        participants: v
            .participants
            .iter()
            .map(|(p, present, recorded)| ParticipantLine {
                id: p.candidacy.id,
                href: paths::Participants::url(p.candidacy.id),
                name: p.candidacy.name.clone(),
                side: side_name(p.candidacy.side_id),
                idea: p.candidacy.input.idea_title.clone(),
                coach_id: p.coach.as_ref().map(|c| c.0),
                coach: p
                    .coach
                    .as_ref()
                    .map_or_else(|| ctx.t("grv-no-coach"), |c| c.1.clone()),
                present: l.t_args(
                    "grv-present-count",
                    &[
                        ("n", (*present as i64).into()),
                        ("recorded", (*recorded as i64).into()),
                    ],
                ),
                error: errors
                    .get(&format!("coach-{}", p.candidacy.id))
                    .map(|k| ctx.t(k)),
            })
            .collect(),
        coaches: v.coaches,
        can_organise: v.can_organise,
        own: v.own.map(paths::Participants::url),
        notice: None,
        success: None,
        ctx,
    }
}

pub async fn programme(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsProgramme {
        id: GrvEditionId(id),
    }: paths::EditionsProgramme,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> AppResult<Response> {
    let v = programme::programme_page(&s.db, ctx.require_user()?, id).await?;
    let mut t = programme_template(ctx, v, &FieldErrors::default());
    t.success = match q.done.as_deref() {
        Some("session") => Some(t.ctx.t("grv-session-added")),
        Some("cancelled") => Some(t.ctx.t("grv-session-cancelled-done")),
        Some("coach") => Some(t.ctx.t("grv-coach-assigned")),
        _ => None,
    };
    Ok(render(&t))
}

#[derive(serde::Deserialize)]
pub struct CoachForm {
    #[serde(default)]
    pub coach: String,
    #[serde(default)]
    pub shown: String,
}

/// Assigns a participant's coach; a refusal comes back on the programme's page, at the row.
pub async fn assign_coach(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ParticipantsCoach {
        id: GrvCandidacyId(id),
    }: paths::ParticipantsCoach,
    Form(f): Form<CoachForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    // Empty: no coach; anything else must be an account's number.
    let parse = |v: &str| match v.trim() {
        "" => Ok(None),
        v => v.parse::<i64>().map(Some).map_err(|_| ()),
    };
    let choice = match (parse(&f.coach), parse(&f.shown)) {
        (Ok(coach), Ok(shown)) => Ok((coach, shown)),
        _ => Err(AppError::Invalid(FieldErrors::single(
            &format!("coach-{id}"),
            "common-error-choice",
        ))),
    };
    let assigned = match choice {
        Ok((coach, shown)) => programme::assign_coach(&s.db, user, id, coach, shown).await,
        Err(e) => Err(e),
    };
    match assigned {
        Ok(edition) => Ok(see_other(&format!(
            "{}?done=coach#coach-{id}",
            paths::EditionsProgramme::url(edition)
        ))),
        Err(AppError::Invalid(errors)) => {
            let v = programme::programme_page_of(&s.db, user, id).await?;
            let t = programme_template(ctx, v, &errors);
            Ok(render_status(StatusCode::CONFLICT, &t))
        }
        Err(e) => Err(e),
    }
}

fn session_form_page(
    ctx: &Ctx,
    id: i64,
    sides: &[Side],
    raw: &HashMap<String, String>,
) -> FormPage {
    let l = ctx.locale;
    let get = |k: &str| raw.get(k).map(String::as_str).unwrap_or_default();
    let kinds = SessionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), l.t(&k.key())))
        .collect();
    let zones = sides
        .iter()
        .map(|s| {
            (
                s.time_zone.clone(),
                format!(
                    "{} ({})",
                    crate::i18n::zone_city(&s.time_zone, l),
                    s.name.get(l)
                ),
            )
        })
        .collect();
    let zone = match get("zone") {
        "" => sides.first().map(|s| s.time_zone.as_str()).unwrap_or(""),
        z => z,
    };
    FormPage::new(
        ctx,
        "grv-session-new-title",
        &paths::EditionsSessionsNew::url(id),
        "grv-session-add",
    )
    .intro("grv-session-new-intro")
    .field(Field::select(
        ctx,
        "kind",
        "grv-field-session-kind",
        kinds,
        get("kind"),
    ))
    .field(
        Field::text(
            ctx,
            "title_fr",
            "grv-field-session-title-fr",
            get("title_fr"),
        )
        .limit(ctx, sessions::MAX_TITLE, Some(1)),
    )
    .field(
        Field::text(
            ctx,
            "title_en",
            "grv-field-session-title-en",
            get("title_en"),
        )
        .limit(ctx, sessions::MAX_TITLE, Some(1)),
    )
    .field(Field::input(
        ctx,
        "datetime-local",
        "starts_at",
        "grv-field-session-starts",
        get("starts_at"),
    ))
    .field(Field::select(
        ctx,
        "zone",
        "grv-field-session-zone",
        zones,
        zone,
    ))
    .field(
        Field::input(
            ctx,
            "number",
            "minutes",
            "grv-field-session-minutes",
            get("minutes"),
        )
        .hint(ctx, "grv-field-session-minutes-hint"),
    )
    .field(
        Field::input(
            ctx,
            "url",
            "meeting_url",
            "grv-field-session-link",
            get("meeting_url"),
        )
        .hint(ctx, "grv-field-session-link-hint"),
    )
    .link(&paths::EditionsProgramme::url(id), "grv-programme-back")
}

pub async fn session_new(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsSessionsNew {
        id: GrvEditionId(id),
    }: paths::EditionsSessionsNew,
) -> AppResult<Response> {
    let (_, sides) = programme::session_form(&s.db, ctx.require_user()?, id).await?;
    let raw = HashMap::from([("minutes".to_string(), "90".to_string())]);
    Ok(session_form_page(&ctx, id, &sides, &raw).respond(&FieldErrors::default()))
}

pub async fn session_create(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsSessionsNew {
        id: GrvEditionId(id),
    }: paths::EditionsSessionsNew,
    Form(raw): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let (edition, sides) = programme::session_form(&s.db, user, id).await?;
    // As typed, on one line each (tabs and pasted line breaks as spaces, no control
    // characters: titles go into calendar files).
    let raw: HashMap<String, String> = raw.into_iter().map(|(k, v)| (k, one_line(&v))).collect();
    let get = |k: &str| raw.get(k).map(String::as_str).unwrap_or_default();
    let zones: Vec<String> = sides.iter().map(|s| s.time_zone.clone()).collect();
    let checked = sessions::check(
        &SessionForm {
            kind: get("kind"),
            title_fr: get("title_fr"),
            title_en: get("title_en"),
            starts_at: get("starts_at"),
            zone: get("zone"),
            minutes: get("minutes"),
            meeting_url: get("meeting_url"),
        },
        &zones,
        edition.session_window(),
    );
    match checked {
        Ok(input) => {
            programme::add_session(&s.db, user, id, &input).await?;
            Ok(see_other(&format!(
                "{}?done=session",
                paths::EditionsProgramme::url(id)
            )))
        }
        Err(errors) => Ok(session_form_page(&ctx, id, &sides, &raw).respond(&errors)),
    }
}

/// A participant's attendance line on a session's page.
pub struct AttendanceLineView {
    pub id: i64,
    pub name: String,
    pub href: String,
    /// What is recorded ("" if nothing).
    pub status: String,
    pub status_label: String,
    /// What the form shows checked (the typed value after a refusal).
    pub checked: String,
    pub can_record: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "grv/session.html")]
pub struct SessionTemplate {
    pub ctx: Ctx,
    pub id: i64,
    pub edition_id: i64,
    pub edition: String,
    pub line: SessionLine,
    pub can_cancel: bool,
    pub started: bool,
    pub lines: Vec<AttendanceLineView>,
    pub can_record: bool,
    pub statuses: Vec<(String, String)>,
    pub summary: Vec<(String, String)>,
    pub notice: Option<String>,
    pub success: Option<String>,
}

fn session_template(
    ctx: Ctx,
    v: SessionView,
    typed: &HashMap<String, String>,
    errors: &FieldErrors,
) -> SessionTemplate {
    let l = ctx.locale;
    let lines: Vec<AttendanceLineView> = v
        .lines
        .iter()
        .map(|a| {
            let id = a.participant.candidacy.id;
            let status = a.status.map(Attendance::as_str).unwrap_or_default();
            AttendanceLineView {
                id,
                name: a.participant.candidacy.name.clone(),
                href: paths::Participants::url(id),
                status: status.to_string(),
                status_label: a
                    .status
                    .map_or_else(|| ctx.t("grv-attendance-none"), |s| l.t(&s.key())),
                checked: typed
                    .get(&format!("attendance-{id}"))
                    .cloned()
                    .unwrap_or_else(|| status.to_string()),
                can_record: a.can_record,
                error: errors.get(&format!("attendance-{id}")).map(|k| ctx.t(k)),
            }
        })
        .collect();
    let summary = lines
        .iter()
        .filter_map(|a| {
            a.error
                .as_ref()
                .map(|e| (format!("attendance-{}", a.id), format!("{} — {e}", a.name)))
        })
        .collect();
    SessionTemplate {
        id: v.session.id,
        edition_id: v.edition.id,
        edition: v.edition.input.title.get(l).to_string(),
        line: session_line(l, &v.sides, &v.session, v.can_join),
        can_cancel: v.can_cancel,
        started: v.started,
        can_record: lines.iter().any(|a| a.can_record),
        lines,
        statuses: Attendance::ALL
            .iter()
            .map(|a| (a.as_str().to_string(), l.t(&a.key())))
            .collect(),
        summary,
        notice: None,
        success: None,
        ctx,
    }
}

pub async fn session(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::GrvSessions {
        id: GrvSessionId(id),
    }: paths::GrvSessions,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> AppResult<Response> {
    let v = programme::session_page(&s.db, ctx.require_user()?, id).await?;
    let mut t = session_template(ctx, v, &HashMap::new(), &FieldErrors::default());
    if q.done.as_deref() == Some("attendance") {
        t.success = Some(t.ctx.t("grv-attendance-saved"));
    }
    Ok(render(&t))
}

/// Records attendance: every `attendance-{id}` chosen, with `shown-{id}` (what the page
/// showed). A refusal comes back with the choices kept.
pub async fn record_attendance(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::GrvSessions {
        id: GrvSessionId(id),
    }: paths::GrvSessions,
    Form(raw): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut rows = Vec::new();
    let mut bad = FieldErrors::default();
    for (k, v) in &raw {
        let Some(candidacy) = k.strip_prefix("attendance-").and_then(|c| c.parse().ok()) else {
            continue;
        };
        let shown = raw
            .get(&format!("shown-{candidacy}"))
            .and_then(|s| Attendance::parse(s));
        match Attendance::parse(v) {
            Some(status) => rows.push(AttendanceRow {
                candidacy,
                shown,
                status,
            }),
            None => bad.add(k, "common-error-choice"),
        }
    }
    rows.sort_by_key(|r| r.candidacy);
    let recorded = if bad.is_empty() {
        programme::record_attendance(&s.db, user, id, &rows).await
    } else {
        Err(AppError::Invalid(bad))
    };
    match recorded {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=attendance",
            paths::GrvSessions::url(id)
        ))),
        Err(AppError::Invalid(errors)) => {
            let v = programme::session_page(&s.db, user, id).await?;
            let mut t = session_template(ctx, v, &raw, &errors);
            t.notice = Some(t.ctx.t("grv-attendance-not-saved"));
            Ok(render_status(StatusCode::CONFLICT, &t))
        }
        Err(e) => Err(e),
    }
}

#[derive(serde::Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    pub confirm: String,
}

pub async fn cancel(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::GrvSessionsCancel {
        id: GrvSessionId(id),
    }: paths::GrvSessionsCancel,
    Form(f): Form<CancelForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    if f.confirm.trim() != "yes" {
        let v = programme::session_page(&s.db, user, id).await?;
        let mut t = session_template(ctx, v, &HashMap::new(), &FieldErrors::default());
        t.notice = Some(t.ctx.t("grv-session-cancel-confirm-missing"));
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &t));
    }
    let edition = programme::cancel_session(&s.db, user, id).await?;
    Ok(see_other(&format!(
        "{}?done=cancelled",
        paths::EditionsProgramme::url(edition)
    )))
}

pub async fn session_ics(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::GrvSessionsIcs {
        id: GrvSessionId(id),
    }: paths::GrvSessionsIcs,
) -> AppResult<Response> {
    let body = participants::session_ics(
        &s.db,
        ctx.require_user()?,
        id,
        ctx.locale,
        &s.settings.public_url,
    )
    .await?;
    Ok(crate::calendar::response(
        body,
        &format!("grv-session-{id}.ics"),
    ))
}

/// The calendar feed: no session, the token is the credential.
pub async fn feed(
    State(s): State<AppState>,
    paths::Feed { token }: paths::Feed,
) -> AppResult<Response> {
    let body = participants::feed(&s.db, &token, &s.settings.public_url).await?;
    Ok(crate::calendar::response(body, "grands-rendez-vous.ics"))
}
