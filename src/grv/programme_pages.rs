//! The programme's page (issue 14, item 4): its sessions, participants and their coaches, and
//! the participants' calendar feed. A session's pages are [`super::session_pages`], the
//! participant's own page [`super::participant_pages`]. Each handler calls one action of
//! [`super::programme`] or [`super::participants`].

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    applying::in_every_zone,
    participants, paths,
    programme::{self, ProgrammeView},
    screening_pages::DoneQuery,
    sessions::Session,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, render, render_status, see_other},
    i18n::Locale,
    ids::{GrvCandidacyId, GrvEditionId},
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

/// The calendar feed: no session, the token is the credential.
pub async fn feed(
    State(s): State<AppState>,
    paths::Feed { token }: paths::Feed,
) -> AppResult<Response> {
    let body = participants::feed(&s.db, &token, &s.settings.public_url).await?;
    Ok(crate::calendar::response(body, "grands-rendez-vous.ics"))
}
