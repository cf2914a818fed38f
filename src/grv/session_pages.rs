//! A session's pages (issue 14, item 4): the session form, a session's page (the meeting, and
//! attendance as the participant's coach or an officer records it), its cancellation and its
//! calendar file. Each handler calls one action of [`super::programme`] or
//! [`super::participants`]; a refused form comes back with what was typed.

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    participants, paths,
    programme::{self, AttendanceRow, SessionView},
    programme_pages::{SessionLine, session_line},
    screening_pages::DoneQuery,
    sessions::{self, Attendance, SessionForm, SessionKind},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage, one_line},
        render, render_status, see_other,
    },
    ids::{GrvEditionId, GrvSessionId},
    programmes::Side,
};

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
