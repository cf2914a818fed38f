//! The officers' pages for CMP editions: the list, the edition form (draft or change), the
//! edition page (approve, convene). Each calls one action of [`super::editions`].

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    editions::{self, CoChairInput, EditionInput, EditionPage},
    forms::{Raw, kind_label, side_label, venue_label},
    model::{Commission, EditionState, SessionState},
    paths,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage, Seen, clean_text},
        render, render_status, see_other, when_in_zone,
    },
    i18n::Localized,
    ids::CommissionId,
    programmes::Side,
    users::actions::Person,
    viewer::Role,
};

// ---- editions ------------------------------------------------------------------------------

fn raw_of(input: &EditionInput, sides: &[Side]) -> Raw {
    let mut raw = Raw::default();
    raw.set("number", input.number.to_string());
    raw.set("start_year", input.start_year.to_string());
    if input.end_year > 0 {
        raw.set("end_year", input.end_year.to_string());
    }
    raw.set("host", input.host_side_id.to_string());
    for s in sides {
        if let Some(c) = input.co_chairs.iter().find(|c| c.side_id == s.id) {
            raw.set(&format!("chair_{}", s.code), c.user_id.to_string());
            raw.set(&format!("chair_title_fr_{}", s.code), c.title.fr.clone());
            raw.set(&format!("chair_title_en_{}", s.code), c.title.en.clone());
        }
    }
    let themes: Vec<String> = input
        .themes
        .iter()
        .map(|t| format!("{} | {}", t.fr, t.en))
        .collect();
    raw.set("themes", themes.join("\n"));
    raw
}

fn parse_edition(raw: &Raw, sides: &[Side]) -> Result<EditionInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let number = raw.number(&mut e, "number");
    let start_year = raw.number(&mut e, "start_year");
    let end_year = raw.number(&mut e, "end_year");
    let host_side_id = raw.get("host").parse().unwrap_or(0);
    let mut co_chairs = Vec::new();
    for s in sides {
        let user_id = raw.get(&format!("chair_{}", s.code)).parse().unwrap_or(0);
        let title = Localized::new(
            raw.text(&mut e, &format!("chair_title_fr_{}", s.code), 200),
            raw.text(&mut e, &format!("chair_title_en_{}", s.code), 200),
        );
        co_chairs.push(CoChairInput {
            side_id: s.id,
            user_id,
            title,
        });
    }
    let mut themes = Vec::new();
    for line in clean_text(raw.get("themes")).lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (fr, en) = line.split_once('|').unwrap_or((line, line));
        let (fr, en) = (fr.trim(), en.trim());
        if fr.is_empty() || en.is_empty() || fr.chars().count() > 200 || en.chars().count() > 200 {
            e.add("themes", "editions-error-theme-line");
            break;
        }
        themes.push(Localized::new(fr, en));
    }
    if e.is_empty() {
        Ok(EditionInput {
            number,
            start_year,
            end_year,
            host_side_id,
            co_chairs,
            themes,
        })
    } else {
        Err(e)
    }
}

fn edition_form_page(
    ctx: &Ctx,
    action: &str,
    title: &str,
    raw: &Raw,
    sides: &[Side],
    people: &[Person],
) -> FormPage {
    let hosts = sides
        .iter()
        .map(|s| (s.id.to_string(), side_label(ctx, s)))
        .collect();
    let mut form = FormPage::new(ctx, title, action, "common-save")
        .intro("editions-form-intro")
        .field(
            Field::input(
                ctx,
                "number",
                "number",
                "editions-field-number",
                raw.get("number"),
            )
            .hint(ctx, "editions-number-hint"),
        )
        .field(Field::input(
            ctx,
            "number",
            "start_year",
            "editions-field-start",
            raw.get("start_year"),
        ))
        .field(Field::input(
            ctx,
            "number",
            "end_year",
            "editions-field-end",
            raw.get("end_year"),
        ))
        .field(Field::select(
            ctx,
            "host",
            "editions-field-host",
            hosts,
            raw.get("host"),
        ));
    for s in sides {
        let name = side_label(ctx, s);
        let mut options = vec![(String::new(), ctx.t("editions-choose-person"))];
        options.extend(
            people
                .iter()
                .filter(|p| {
                    p.side_id == s.id
                        && p.roles
                            .iter()
                            .any(|r| matches!(r, Role::Officer | Role::CommissionMember))
                })
                .map(|p| (p.id.to_string(), p.name.clone())),
        );
        let code = &s.code;
        let l = |key: &str| ctx.locale.t1(key, "side", name.clone());
        form = form
            .field(
                Field::select(
                    ctx,
                    format!("chair_{code}"),
                    "editions-field-chair",
                    options,
                    raw.get(&format!("chair_{code}")),
                )
                .label(l("editions-field-chair"))
                .heading(l("editions-part-chair"))
                .hint(ctx, "editions-chair-hint"),
            )
            .field(
                Field::text(
                    ctx,
                    format!("chair_title_fr_{code}"),
                    "editions-field-chair-title-fr",
                    raw.get(&format!("chair_title_fr_{code}")),
                )
                .label(l("editions-field-chair-title-fr")),
            )
            .field(
                Field::text(
                    ctx,
                    format!("chair_title_en_{code}"),
                    "editions-field-chair-title-en",
                    raw.get(&format!("chair_title_en_{code}")),
                )
                .label(l("editions-field-chair-title-en")),
            );
    }
    form.field(
        Field::input(
            ctx,
            "textarea",
            "themes",
            "editions-field-themes",
            raw.get("themes"),
        )
        .heading(ctx.t("commission-themes"))
        .hint(ctx, "editions-themes-hint"),
    )
    .link(paths::EDITIONS, "editions-list-title")
}

pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let f = editions::edition_form(&s.db, ctx.require_user()?, None).await?;
    let raw = raw_of(&f.input, &f.sides);
    Ok(edition_form_page(
        &ctx,
        paths::EDITIONS_NEW,
        "editions-new-title",
        &raw,
        &f.sides,
        &f.people,
    )
    .respond(&FieldErrors::default()))
}

pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let f = editions::edition_form(&s.db, user, None).await?;
    let raw = Raw::from_pairs(pairs);
    let page = |e: &FieldErrors| {
        edition_form_page(
            &ctx,
            paths::EDITIONS_NEW,
            "editions-new-title",
            &raw,
            &f.sides,
            &f.people,
        )
        .respond(e)
    };
    let input = match parse_edition(&raw, &f.sides) {
        Ok(i) => i,
        Err(e) => return Ok(page(&e)),
    };
    match editions::draft(&s.db, user, &input).await {
        Ok(id) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Invalid(e)) => Ok(page(&e)),
        Err(e) => Err(e),
    }
}

pub async fn edit_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsEdit {
        id: CommissionId(id),
    }: paths::EditionsEdit,
) -> AppResult<Response> {
    let f = editions::edition_form(&s.db, ctx.require_user()?, Some(id)).await?;
    let raw = raw_of(&f.input, &f.sides);
    Ok(edition_form_page(
        &ctx,
        &paths::EditionsEdit::url(id),
        "editions-edit-title",
        &raw,
        &f.sides,
        &f.people,
    )
    .respond(&FieldErrors::default()))
}

pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsEdit {
        id: CommissionId(id),
    }: paths::EditionsEdit,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let f = editions::edition_form(&s.db, user, Some(id)).await?;
    let raw = Raw::from_pairs(pairs);
    let action = paths::EditionsEdit::url(id);
    let page = |e: &FieldErrors| {
        edition_form_page(
            &ctx,
            &action,
            "editions-edit-title",
            &raw,
            &f.sides,
            &f.people,
        )
        .respond(e)
    };
    let input = match parse_edition(&raw, &f.sides) {
        Ok(i) => i,
        Err(e) => return Ok(page(&e)),
    };
    match editions::update(&s.db, user, id, &input).await {
        Ok(()) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Invalid(e)) => Ok(page(&e)),
        Err(e) => Err(e),
    }
}

/// A session as the edition page shows it.
pub struct SessionRowView {
    pub id: i64,
    pub kind: String,
    pub when: String,
    pub venue: String,
    pub status: String,
    pub participants: String,
    pub can_move: bool,
}

#[derive(Template)]
#[template(path = "commissions/edition.html")]
pub struct EditionPageView {
    pub ctx: Ctx,
    pub title: String,
    pub state: String,
    pub draft: bool,
    pub host: String,
    pub co_chairs: Vec<String>,
    pub themes: Vec<String>,
    /// Each side and whether it approved the current content.
    pub approvals: Vec<(String, bool)>,
    pub sessions: Vec<SessionRowView>,
    pub fingerprint: String,
    pub id: i64,
    pub can_edit: bool,
    pub can_approve: bool,
    pub can_convene: bool,
    pub notice: Option<String>,
}

fn edition_view(ctx: &Ctx, p: EditionPage, notice: Option<&str>) -> EditionPageView {
    let l = ctx.locale;
    let c = &p.commission;
    let session_rows = p
        .sessions
        .iter()
        .map(|line| {
            let s = &line.session;
            let status = if s.cancelled_at.is_some() {
                ctx.t("sessions-cancelled")
            } else {
                ctx.t(match line.state {
                    SessionState::Scheduled => "sessions-scheduled",
                    SessionState::Open => "sessions-open",
                    SessionState::Closed => "sessions-closed",
                })
            };
            SessionRowView {
                id: s.id,
                kind: kind_label(ctx, s.kind),
                when: when_in_zone(ctx, s.starts_at, &s.time_zone),
                venue: venue_label(ctx, &s.venue),
                status,
                participants: line.participants.join(", "),
                can_move: p.can_convene
                    && line.state == SessionState::Scheduled
                    && s.cancelled_at.is_none(),
            }
        })
        .collect();
    EditionPageView {
        title: editions::edition_title(c, l),
        state: ctx.t(match c.state {
            EditionState::Draft => "editions-state-draft",
            EditionState::Approved => "editions-state-approved",
        }),
        draft: c.state == EditionState::Draft,
        host: p
            .sides
            .iter()
            .find(|s| Some(s.id) == c.host_side_id)
            .map(|s| side_label(ctx, s))
            .unwrap_or_default(),
        co_chairs: c
            .co_chairs
            .iter()
            .map(|ch| {
                let side = p
                    .sides
                    .iter()
                    .find(|s| s.id == ch.side_id)
                    .map(|s| side_label(ctx, s))
                    .unwrap_or_default();
                let title = if l == crate::i18n::Locale::En {
                    &ch.title_en
                } else {
                    &ch.title_fr
                };
                format!("{side}{} {}, {title}", l.colon(), ch.name)
            })
            .collect(),
        themes: p.themes.iter().map(|t| t.name.get(l).to_string()).collect(),
        approvals: p
            .sides
            .iter()
            .map(|s| (side_label(ctx, s), p.approved_by.contains(&s.id)))
            .collect(),
        sessions: session_rows,
        fingerprint: p.fingerprint,
        id: c.id,
        can_edit: p.can_edit,
        can_approve: p.can_approve,
        can_convene: p.can_convene,
        notice: notice.map(|k| ctx.t(k)),
        ctx: ctx.clone(),
    }
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsById {
        id: CommissionId(id),
    }: paths::EditionsById,
) -> AppResult<Response> {
    let p = editions::page(&s.db, ctx.require_user()?, id).await?;
    Ok(render(&edition_view(&ctx, p, None)))
}

pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsApprove {
        id: CommissionId(id),
    }: paths::EditionsApprove,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match editions::approve(&s.db, user, id, &f.seen).await {
        Ok(_) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Conflict(key)) => {
            let p = editions::page(&s.db, user, id).await?;
            Ok(render_status(
                StatusCode::CONFLICT,
                &edition_view(&ctx, p, Some(&key)),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "commissions/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    /// (link, title, state)
    pub editions: Vec<(String, String, String)>,
    pub can_draft: bool,
}

pub async fn list(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let (all, can_draft) = editions::list(&s.db, ctx.require_user()?).await?;
    let editions = all
        .iter()
        .map(|c: &Commission| {
            (
                paths::EditionsById::url(c.id),
                editions::edition_title(c, ctx.locale),
                ctx.t(match c.state {
                    EditionState::Draft => "editions-state-draft",
                    EditionState::Approved => "editions-state-approved",
                }),
            )
        })
        .collect();
    Ok(render(&ListPage {
        ctx,
        editions,
        can_draft,
    }))
}
