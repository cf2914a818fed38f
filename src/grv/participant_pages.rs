//! A participant's page (issue 14, item 4): what is next, the programme with their attendance,
//! their coach's notes and milestones (and the coach's forms), and their calendar feed. Each
//! handler calls one action of [`super::participants`].

use askama::Template;
use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};

use super::{
    participants::{self, ParticipantView},
    paths,
    programme_pages::{SessionLine, session_line},
    screening_pages::DoneQuery,
    sessions,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::clean_text, render, render_status, see_other},
    i18n::{format_civil_date, format_long_date},
    ids::GrvCandidacyId,
};

/// A note or milestone as the page shows it.
pub struct NoteLine {
    pub id: i64,
    pub author: String,
    pub date: String,
    pub body: String,
    /// "À atteindre le 12 mars 2021" for a milestone; empty for a note.
    pub due: String,
    pub reached: Option<String>,
    pub is_milestone: bool,
}

#[derive(Template)]
#[template(path = "grv/participant.html")]
pub struct ParticipantTemplate {
    pub ctx: Ctx,
    pub id: i64,
    pub edition_id: i64,
    pub edition: String,
    pub name: String,
    pub side: String,
    pub idea: String,
    pub coach: Option<String>,
    pub own: bool,
    pub next: Option<SessionLine>,
    pub milestones: Vec<NoteLine>,
    pub sessions: Vec<SessionLine>,
    pub notes: Vec<NoteLine>,
    pub feed_since: Option<String>,
    pub can_follow: bool,
    pub can_subscribe: bool,
    /// The note form: what was typed, and errors at its fields.
    pub body: String,
    pub milestone: bool,
    pub due_on: String,
    pub body_error: Option<String>,
    pub due_error: Option<String>,
    pub max_note: usize,
    /// Item 6: (call title, the CMP start form prefilled with the idea).
    pub cmp_calls: Vec<(String, String)>,
    pub notice: Option<String>,
    pub success: Option<String>,
}

impl ParticipantTemplate {
    fn new(ctx: Ctx, v: ParticipantView) -> ParticipantTemplate {
        let l = ctx.locale;
        let zone = v
            .sides
            .iter()
            .find(|s| s.id == v.participant.candidacy.side_id)
            .map(|s| s.time_zone.clone())
            .unwrap_or_else(|| l.default_time_zone().to_string());
        let note = |n: &sessions::CoachNote| NoteLine {
            id: n.id,
            author: n.author.clone(),
            date: format_long_date(n.created_at, &zone, l),
            body: n.body.clone(),
            due: n
                .due_on
                .map(|d| l.t1("grv-milestone-due", "date", format_civil_date(d, l)))
                .unwrap_or_default(),
            reached: n.reached_at.map(|at| {
                l.t1(
                    "grv-milestone-reached-on",
                    "date",
                    format_long_date(at, &zone, l),
                )
            }),
            is_milestone: n.due_on.is_some(),
        };
        let idea = &v.participant.candidacy.input;
        let prefilled = |call: i64| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("title", &idea.idea_title)
                .append_pair("summary", &idea.idea_summary)
                .append_pair("context", &idea.motivation)
                .finish();
            format!("/calls/{call}/apply?{query}")
        };
        ParticipantTemplate {
            cmp_calls: v
                .cmp_calls
                .iter()
                .map(|(id, title)| (title.get(l).to_string(), prefilled(*id)))
                .collect(),
            id: v.participant.candidacy.id,
            edition_id: v.edition.id,
            edition: v.edition.input.title.get(l).to_string(),
            name: v.participant.candidacy.name.clone(),
            side: v
                .sides
                .iter()
                .find(|s| s.id == v.participant.candidacy.side_id)
                .map(|s| s.name.get(l).to_string())
                .unwrap_or_default(),
            idea: v.participant.candidacy.input.idea_title.clone(),
            coach: v.participant.coach.as_ref().map(|c| c.1.clone()),
            own: v.own,
            next: v
                .next
                .as_ref()
                .map(|s| session_line(l, &v.sides, s, v.can_join)),
            milestones: v.open_milestones().into_iter().map(note).collect(),
            sessions: v
                .sessions
                .iter()
                .map(|(s, a)| SessionLine {
                    attendance: a.map(|a| l.t(&a.key())),
                    ..session_line(l, &v.sides, s, v.can_join)
                })
                .collect(),
            notes: v.notes.iter().rev().map(note).collect(),
            feed_since: v.feed_since.map(|at| format_long_date(at, &zone, l)),
            can_follow: v.can_follow,
            can_subscribe: v.can_subscribe,
            body: String::new(),
            milestone: false,
            due_on: String::new(),
            body_error: None,
            due_error: None,
            max_note: sessions::MAX_NOTE,
            notice: None,
            success: None,
            ctx,
        }
    }
}

pub async fn participant(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::Participants {
        id: GrvCandidacyId(id),
    }: paths::Participants,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let v = participants::participant_page(&s.db, ctx.require_user()?, id).await?;
    let mut t = ParticipantTemplate::new(ctx, v);
    t.success = match q.done.as_deref() {
        Some("note") => Some(t.ctx.t("grv-note-saved")),
        Some("milestone") => Some(t.ctx.t("grv-milestone-reached-done")),
        Some("revoked") => Some(t.ctx.t("grv-feed-revoked")),
        _ => None,
    };
    Ok(render(&t))
}

#[derive(serde::Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub due_on: String,
}

/// A coach's note or milestone; refused, it comes back with what was typed.
pub async fn add_note(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ParticipantsNotes {
        id: GrvCandidacyId(id),
    }: paths::ParticipantsNotes,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let milestone = match f.kind.as_str() {
        "milestone" => true,
        "note" => false,
        _ => {
            return Err(AppError::Invalid(FieldErrors::single(
                "kind",
                "common-error-choice",
            )));
        }
    };
    // As stored: line breaks as `\n` (a browser's `\r\n` counted once), no control characters.
    let body = clean_text(&f.body);
    match participants::add_note(&s.db, user, id, &body, milestone, &f.due_on).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=note#notes",
            paths::Participants::url(id)
        ))),
        Err(AppError::Invalid(errors)) => {
            let v = participants::participant_page(&s.db, user, id).await?;
            let mut t = ParticipantTemplate::new(ctx, v);
            t.body_error = errors.get("body").map(|k| t.ctx.t(k));
            t.due_error = errors.get("due_on").map(|k| t.ctx.t(k));
            t.body = body;
            t.milestone = milestone;
            t.due_on = f.due_on;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &t))
        }
        Err(e) => Err(e),
    }
}

#[derive(serde::Deserialize)]
pub struct MilestoneForm {
    #[serde(default)]
    pub note: String,
}

pub async fn reach_milestone(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ParticipantsMilestones {
        id: GrvCandidacyId(id),
    }: paths::ParticipantsMilestones,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let note = f
        .note
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    match participants::reach_milestone(&s.db, user, id, note).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=milestone#milestones",
            paths::Participants::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            let v = participants::participant_page(&s.db, user, id).await?;
            let mut t = ParticipantTemplate::new(ctx, v);
            t.notice = Some(t.ctx.t(&k));
            Ok(render_status(StatusCode::CONFLICT, &t))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "grv/feed.html")]
pub struct FeedTemplate {
    pub ctx: Ctx,
    pub id: i64,
    pub url: String,
    pub webcal: String,
}

#[derive(serde::Deserialize)]
pub struct FeedForm {
    #[serde(default)]
    pub action: String,
}

/// Issues a new feed address (shown once, on the page this answers with) or stops the feed.
pub async fn feed(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ParticipantsFeed {
        id: GrvCandidacyId(id),
    }: paths::ParticipantsFeed,
    Form(f): Form<FeedForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match f.action.as_str() {
        "revoke" => {
            participants::revoke_feed(&s.db, user, id).await?;
            Ok(see_other(&format!(
                "{}?done=revoked#calendar",
                paths::Participants::url(id)
            )))
        }
        "renew" => {
            let token = participants::renew_feed(&s.db, user, id).await?;
            let url = format!("{}{}", s.settings.public_url, paths::Feed { token });
            let webcal =
                url.replacen("https://", "webcal://", 1)
                    .replacen("http://", "webcal://", 1);
            Ok(render(&FeedTemplate {
                ctx,
                id,
                url,
                webcal,
            }))
        }
        _ => Err(AppError::Invalid(FieldErrors::single(
            "action",
            "common-error-choice",
        ))),
    }
}
