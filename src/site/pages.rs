//! The portal's pages: home, language switch, health, stylesheet.

use askama::Template;
use axum::{
    Form,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::{
    commissions::{SessionKind, Venue},
    error::AppResult,
    http::{AppState, Ctx, LANG_COOKIE, cookie_header, render, see_other, when_in_zone},
    i18n::Locale,
    programmes, users,
};

pub struct SessionView {
    pub id: i64,
    pub kind: String,
    pub when: String,
    /// The same instant in the viewer's zone, when it differs from the session's.
    pub when_viewer: Option<String>,
    pub venue: String,
    pub meeting_url: Option<String>,
    pub cancelled: bool,
    /// The viewer takes part: the calendar file (and an online session's link) is theirs.
    pub participant: bool,
}

pub struct CommissionView {
    pub title: String,
    pub co_chairs: Vec<String>,
    pub sessions: Vec<SessionView>,
    pub themes: Vec<String>,
}

pub struct ProgrammeView {
    pub name: String,
    pub sides: Vec<(String, String)>,
    pub commissions: Vec<CommissionView>,
}

/// An open call on the home page: its deadlines in every side's zone and where "apply" leads
/// (a visitor signs up first and lands in the new project's form).
pub struct OpenCallView {
    pub href: String,
    pub title: String,
    pub deadlines: Vec<String>,
    pub apply: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
    pub open_calls: Vec<OpenCallView>,
    pub programmes: Vec<ProgrammeView>,
    /// Officers, commission members and administrators reach the sessions' pages.
    pub can_open_sessions: bool,
}

pub async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let l = ctx.locale;
    let mut views = Vec::new();
    let mut home = super::reads::home(&state.db).await?;
    if home.programmes.is_empty() {
        // The first run: the administrator sets the installation up; nobody else has anything
        // to do yet.
        if ctx.user.as_ref().is_some_and(|u| u.is_admin()) {
            return Ok(see_other(crate::programmes::setup_pages::SETUP));
        }
        let links: &[(&str, &str)] = if ctx.user.is_some() {
            &[]
        } else {
            &[("/login", "layout-nav-login")]
        };
        return Ok(users::pages::message(
            &ctx,
            axum::http::StatusCode::OK,
            "setup-preparing",
            links,
        ));
    }
    for (p, overview) in std::mem::take(&mut home.programmes) {
        // Rule 19: an online session's link reaches only its participants.
        let viewer_id = ctx.user.as_ref().map(|u| u.id);
        let mut commissions = Vec::new();
        // A draft edition is the officers' business until both sides approved it.
        for o in overview
            .into_iter()
            .filter(|o| o.commission.state == crate::commissions::model::EditionState::Approved)
        {
            let c = &o.commission;
            let participant = |s: i64| viewer_id.is_some_and(|u| o.participants.contains(&(s, u)));
            let co_chairs = c
                .co_chairs
                .iter()
                .map(|ch| {
                    format!(
                        "{}, {}",
                        ch.name,
                        if l == Locale::En {
                            &ch.title_en
                        } else {
                            &ch.title_fr
                        }
                    )
                })
                .collect();
            let sessions = o
                .sessions
                .iter()
                .map(|s| SessionView {
                    id: s.id,
                    kind: ctx.t(match s.kind {
                        SessionKind::Plenary => "commission-session-plenary",
                        SessionKind::Midterm => "commission-session-midterm",
                        SessionKind::Themes => "commission-session-themes",
                    }),
                    when: when_in_zone(&ctx, s.starts_at, &s.time_zone),
                    when_viewer: (s.time_zone != ctx.time_zone)
                        .then(|| when_in_zone(&ctx, s.starts_at, &ctx.time_zone)),
                    venue: match &s.venue {
                        Venue::InPerson { place } => place.clone(),
                        Venue::Online { .. } => ctx.t("commission-session-online"),
                    },
                    meeting_url: match &s.venue {
                        Venue::Online { meeting_url } if participant(s.id) => {
                            Some(meeting_url.clone())
                        }
                        _ => None,
                    },
                    participant: participant(s.id),
                    cancelled: s.cancelled_at.is_some(),
                })
                .collect();
            let title = l.t_args(
                "commission-title",
                &[
                    ("ordinal", c.ordinal(l).into()),
                    ("start", c.start_year.to_string().into()),
                    ("end", c.end_year.to_string().into()),
                ],
            );
            let themes = o.themes.iter().map(|t| t.name.get(l).to_string()).collect();
            commissions.push(CommissionView {
                title,
                co_chairs,
                sessions,
                themes,
            });
        }
        let sides = p
            .sides
            .iter()
            .map(|s| {
                (
                    s.name.get(l).to_string(),
                    s.administration.get(l).to_string(),
                )
            })
            .collect();
        views.push(ProgrammeView {
            name: p.name.get(l).to_string(),
            sides,
            commissions,
        });
    }
    let can_open_sessions = ctx.user.as_ref().is_some_and(|u| {
        u.is_admin()
            || u.has_role(crate::viewer::Role::Officer)
            || u.has_role(crate::viewer::Role::CommissionMember)
    });
    let open_calls = home
        .open_calls
        .iter()
        .map(|c| {
            let apply = crate::projects::paths::CallsApply::url(c.id);
            OpenCallView {
                href: crate::calls::paths::CallsById::url(c.id),
                title: c.title.get(l).to_string(),
                deadlines: crate::calls::pages::deadline_lines(&ctx, c),
                // A visitor signs up first; the signed-in apply when the calls policy says so.
                apply: match &ctx.user {
                    None => Some(format!(
                        "/signup?next={}",
                        form_urlencoded::byte_serialize(apply.as_bytes()).collect::<String>()
                    )),
                    Some(u) => {
                        use crate::calls::policy::{Facts, Perm, can};
                        can(Some(u), Perm::Apply, &Facts::of(c, home.now)).then_some(apply)
                    }
                },
            }
        })
        .collect();
    Ok(render(&HomePage {
        ctx,
        open_calls,
        programmes: views,
        can_open_sessions,
    }))
}

/// For load balancers: 200 when the database answers.
pub async fn health(State(state): State<AppState>) -> AppResult<&'static str> {
    programmes::actions::list_sides(&state.db).await?;
    Ok("ok")
}

/// A file of `static/`, embedded in the binary, with its type and how long browsers keep it.
fn asset(content_type: &'static str, max_age: u32, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CACHE_CONTROL, format!("public, max-age={max_age}")),
        ],
        body,
    )
        .into_response()
}

pub async fn stylesheet() -> Response {
    asset(
        "text/css; charset=utf-8",
        3600,
        include_str!("../../static/app.css"),
    )
}

pub async fn favicon() -> Response {
    asset(
        "image/svg+xml",
        86400,
        include_str!("../../static/favicon.svg"),
    )
}

/// A statement page: headings and paragraphs (Fluent keys), then how to reach the programme.
#[derive(Template)]
#[template(path = "site/statement.html")]
pub struct StatementPage {
    pub ctx: Ctx,
    pub title: &'static str,
    pub sections: Vec<(&'static str, Vec<&'static str>)>,
    /// The address replies reach (the platform's sender).
    pub contact: String,
}

/// The accessibility statement: the standard aimed at, how it is checked, what is known to
/// fall short, and whom to tell.
pub async fn accessibility(State(s): State<AppState>, ctx: Ctx) -> Response {
    render(&StatementPage {
        title: "site-accessibility-title",
        sections: vec![
            (
                "site-accessibility-status-title",
                vec!["site-accessibility-status", "site-accessibility-method"],
            ),
            (
                "site-accessibility-limits-title",
                vec!["site-accessibility-limits"],
            ),
        ],
        contact: s.settings.mail_from.email.to_string(),
        ctx,
    })
}

/// The privacy notice: what is kept, who reads it, for how long, and the rights of each side.
pub async fn privacy(State(s): State<AppState>, ctx: Ctx) -> Response {
    render(&StatementPage {
        title: "site-privacy-title",
        sections: vec![
            ("site-privacy-what-title", vec!["site-privacy-what"]),
            (
                "site-privacy-who-title",
                vec!["site-privacy-who", "site-privacy-other-side"],
            ),
            ("site-privacy-how-long-title", vec!["site-privacy-how-long"]),
            ("site-privacy-rights-title", vec!["site-privacy-rights"]),
        ],
        contact: s.settings.mail_from.email.to_string(),
        ctx,
    })
}

pub async fn autosave_script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        3600,
        include_str!("../../static/autosave.js"),
    )
}

pub async fn forms_script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        3600,
        include_str!("../../static/forms.js"),
    )
}

pub async fn menu_script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        3600,
        include_str!("../../static/menu.js"),
    )
}

#[derive(Deserialize)]
pub struct LanguageForm {
    locale: String,
    #[serde(default)]
    next: String,
}

/// The language switch of every page: remembers the choice (cookie, and the account's
/// preference when signed in) and returns to the page it was used on.
pub async fn switch_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LanguageForm>,
) -> AppResult<Response> {
    let locale = Locale::parse(&f.locale).unwrap_or_default();
    if let Some(user) = &ctx.user {
        users::actions::set_locale(&state.db, user, locale).await?;
    }
    // Only local paths: the switch must not become an open redirect.
    let mut res = see_other(users::forms::safe_next(&f.next));
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(
            LANG_COOKIE,
            locale.tag(),
            Some(31_536_000),
            state.settings.secure,
        ),
    );
    Ok(res)
}
