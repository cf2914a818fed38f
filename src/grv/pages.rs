//! The officers' pages for Grands Rendez-vous editions: the list, the edition form (draft or
//! change), the edition page (approve, move forward). Each calls one action of
//! [`super::editions`].

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    editions::{self, EditionPage},
    model::{EditionInput, EditionState, Format, Places, check},
    paths,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage, Seen, one_line},
        render, render_status, see_other,
    },
    i18n::{Localized, format_civil_date},
    ids::GrvEditionId,
    programmes::Side,
    submissions::deadline::{Deadline, parse_local, to_local_input},
};

/// A form as typed, kept for re-display.
type Raw = HashMap<String, String>;

fn get<'a>(raw: &'a Raw, k: &str) -> &'a str {
    raw.get(k).map(String::as_str).unwrap_or("")
}

fn raw_of(input: &EditionInput) -> Raw {
    let mut raw = Raw::new();
    let mut set = |k: &str, v: String| {
        raw.insert(k.to_string(), v);
    };
    set("number", input.number.to_string());
    set("title_fr", input.title.fr.clone());
    set("title_en", input.title.en.clone());
    set("theme_fr", input.theme.fr.clone());
    set("theme_en", input.theme.en.clone());
    set("format", input.format.as_str().to_string());
    set("place", input.place.clone());
    set("starts_on", input.starts_on.to_string());
    set("ends_on", input.ends_on.to_string());
    set("host", input.host_side_id.to_string());
    for p in &input.places {
        set(&format!("places_{}", p.side_id), p.places.to_string());
        if let Some(d) = &p.deadline {
            set(
                &format!("deadline_{}", p.side_id),
                to_local_input(d.at, &d.zone),
            );
        }
    }
    raw
}

/// The input as typed and every error in it at once: what cannot be read (numbers, dates, the
/// format) and the rules of the content (`model::check`, which the action applies again).
fn read(raw: &Raw, sides: &[Side]) -> Result<EditionInput, FieldErrors> {
    let mut unread = FieldErrors::default();
    let number = |k: &str, e: &mut FieldErrors| {
        get(raw, k).trim().parse::<i64>().unwrap_or_else(|_| {
            e.add(k, "grv-error-whole-number");
            0
        })
    };
    let n = number("number", &mut unread);
    // Each side's deadline is typed in that side's zone, as a CMP call's are.
    let places = sides
        .iter()
        .map(|s| {
            let key = format!("deadline_{}", s.id);
            let typed = get(raw, &key).trim();
            let deadline = if typed.is_empty() {
                None
            } else {
                parse_local(typed, &s.time_zone)
                    .map_err(|e| unread.add(&key, e.key()))
                    .ok()
                    .map(|at| Deadline {
                        side_id: s.id,
                        at,
                        zone: s.time_zone.clone(),
                    })
            };
            Places {
                side_id: s.id,
                places: number(&format!("places_{}", s.id), &mut unread),
                deadline,
            }
        })
        .collect();
    let mut day = |k: &str| {
        get(raw, k)
            .trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .or_else(|| {
                unread.add(k, "grv-error-date");
                None
            })
    };
    let (starts_on, ends_on) = (day("starts_on"), day("ends_on"));
    let format = Format::parse(get(raw, "format"));
    if format.is_none() {
        unread.add("format", "common-error-choice");
    }
    let text = |k: &str| one_line(get(raw, k));
    let dates_read = starts_on.is_some() && ends_on.is_some();
    let first = starts_on.or(ends_on).unwrap_or_default();
    let input = EditionInput {
        number: n,
        title: Localized::new(text("title_fr"), text("title_en")),
        theme: Localized::new(text("theme_fr"), text("theme_en")),
        format: format.unwrap_or(Format::InPerson),
        place: text("place"),
        starts_on: starts_on.unwrap_or(first),
        ends_on: ends_on.unwrap_or(first),
        host_side_id: get(raw, "host").parse().unwrap_or(0),
        places,
    };
    let mut e = check(&input, &sides.iter().map(|s| s.id).collect::<Vec<_>>());
    if !dates_read {
        e.0.remove("ends_on");
    }
    if format.is_none() {
        e.0.remove("place");
    }
    // What could not be read says so, rather than a rule about the placeholder read instead.
    e.0.extend(unread.0);
    if e.is_empty() { Ok(input) } else { Err(e) }
}

fn form_page(ctx: &Ctx, action: &str, title: &str, raw: &Raw, sides: &[Side]) -> FormPage {
    let seen = get(raw, "seen").to_string();
    let side_name = |s: &Side| s.name.get(ctx.locale).to_string();
    let formats = Format::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), ctx.t(&f.key())))
        .collect();
    let hosts = sides
        .iter()
        .map(|s| (s.id.to_string(), side_name(s)))
        .collect();
    let text = |name: &str, key: &str| Field::text(ctx, name, key, get(raw, name));
    let mut form = FormPage::new(ctx, title, action, "common-save")
        .intro("grv-form-intro")
        .field(
            Field::input(
                ctx,
                "number",
                "number",
                "grv-field-number",
                get(raw, "number"),
            )
            .hint(ctx, "grv-number-hint"),
        )
        .field(text("title_fr", "grv-field-title-fr"))
        .field(text("title_en", "grv-field-title-en"))
        .field(text("theme_fr", "grv-field-theme-fr"))
        .field(text("theme_en", "grv-field-theme-en"))
        .field(
            Field::select(
                ctx,
                "format",
                "grv-field-format",
                formats,
                get(raw, "format"),
            )
            .heading(ctx.t("grv-part-when-where")),
        )
        .field(
            Field::text(ctx, "place", "grv-field-place", get(raw, "place"))
                .conditional()
                .hint(ctx, "grv-place-hint"),
        )
        .field(Field::input(
            ctx,
            "date",
            "starts_on",
            "grv-field-starts",
            get(raw, "starts_on"),
        ))
        .field(
            Field::input(
                ctx,
                "date",
                "ends_on",
                "grv-field-ends",
                get(raw, "ends_on"),
            )
            .hint(ctx, "grv-dates-hint"),
        )
        .field(Field::select(
            ctx,
            "host",
            "grv-field-host",
            hosts,
            get(raw, "host"),
        ));
    for (i, s) in sides.iter().enumerate() {
        let name = format!("deadline_{}", s.id);
        let mut f = Field::input(
            ctx,
            "datetime-local",
            name.clone(),
            "grv-field-deadline",
            get(raw, &name),
        )
        .label(ctx.locale.t_args(
            "grv-field-deadline",
            &[
                ("side", side_name(s).into()),
                (
                    "zone",
                    crate::i18n::zone_city(&s.time_zone, ctx.locale).into(),
                ),
            ],
        ));
        if i == 0 {
            f = f
                .heading(ctx.t("grv-part-call"))
                .hint(ctx, "grv-deadline-hint");
        }
        form = form.field(f);
    }
    for (i, s) in sides.iter().enumerate() {
        let name = format!("places_{}", s.id);
        let mut f = Field::input(
            ctx,
            "number",
            name.clone(),
            "grv-field-places",
            get(raw, &name),
        )
        .label(ctx.locale.t1("grv-field-places", "side", side_name(s)));
        if i == 0 {
            f = f
                .heading(ctx.t("grv-part-places"))
                .hint(ctx, "grv-places-hint");
        }
        form = form.field(f);
    }
    if !seen.is_empty() {
        form = form.hidden("seen", &seen);
    }
    form.link(paths::EDITIONS, "grv-list-title")
}

async fn save(
    s: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let f = editions::form(&s.db, user, id).await?;
    let raw: Raw = pairs.into_iter().collect();
    let (action, title) = match id {
        Some(id) => (paths::EditionsEdit::url(id), "grv-edit-title"),
        None => (paths::EDITIONS_NEW.to_string(), "grv-new-title"),
    };
    let page = |e: &FieldErrors| form_page(ctx, &action, title, &raw, &f.sides).respond(e);
    let input = match read(&raw, &f.sides) {
        Ok(i) => i,
        Err(e) => return Ok(page(&e)),
    };
    let saved = match id {
        Some(id) => editions::update(&s.db, user, id, &input, get(&raw, "seen"))
            .await
            .map(|()| id),
        None => editions::draft(&s.db, user, &input).await,
    };
    match saved {
        Ok(id) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Invalid(e)) => Ok(page(&e)),
        // Changed or approved meanwhile: the form again with what was typed, and why.
        Err(AppError::Conflict(k)) => Ok(render_status(
            StatusCode::CONFLICT,
            &form_page(ctx, &action, title, &raw, &f.sides).notice(&k),
        )),
        Err(e) => Err(e),
    }
}

pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let f = editions::form(&s.db, ctx.require_user()?, None).await?;
    let mut raw = Raw::new();
    raw.insert("number".into(), f.next_number.to_string());
    Ok(
        form_page(&ctx, paths::EDITIONS_NEW, "grv-new-title", &raw, &f.sides)
            .respond(&FieldErrors::default()),
    )
}

pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&s, &ctx, None, pairs).await
}

pub async fn edit_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsEdit {
        id: GrvEditionId(id),
    }: paths::EditionsEdit,
) -> AppResult<Response> {
    let f = editions::form(&s.db, ctx.require_user()?, Some(id)).await?;
    let mut raw = f.current.as_ref().map(raw_of).unwrap_or_default();
    if let Some(seen) = f.seen {
        raw.insert("seen".into(), seen);
    }
    Ok(form_page(
        &ctx,
        &paths::EditionsEdit::url(id),
        "grv-edit-title",
        &raw,
        &f.sides,
    )
    .respond(&FieldErrors::default()))
}

pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsEdit {
        id: GrvEditionId(id),
    }: paths::EditionsEdit,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&s, &ctx, Some(id), pairs).await
}

/// One edition as the list shows it.
pub struct Line {
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub dates: String,
    pub format: String,
    pub state: String,
    pub state_code: &'static str,
}

#[derive(Template)]
#[template(path = "grv/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub editions: Vec<Line>,
    pub can_draft: bool,
}

pub(super) fn dates(ctx: &Ctx, input: &EditionInput) -> String {
    ctx.locale.t_args(
        "grv-dates",
        &[
            (
                "from",
                format_civil_date(input.starts_on, ctx.locale).into(),
            ),
            ("to", format_civil_date(input.ends_on, ctx.locale).into()),
        ],
    )
}

pub(super) fn format_and_place(ctx: &Ctx, input: &EditionInput) -> String {
    let format = ctx.t(&input.format.key());
    if input.place.is_empty() {
        format
    } else {
        format!("{format} — {}", input.place)
    }
}

pub async fn list(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let l = editions::list(&s.db, ctx.require_user()?).await?;
    let editions = l
        .editions
        .iter()
        .map(|e| Line {
            id: e.id,
            title: e.name(ctx.locale),
            theme: e.input.theme.get(ctx.locale).to_string(),
            dates: dates(&ctx, &e.input),
            format: format_and_place(&ctx, &e.input),
            state: ctx.t(&e.state.key()),
            state_code: e.state.as_str(),
        })
        .collect();
    Ok(render(&ListPage {
        ctx,
        editions,
        can_draft: l.can_draft,
    }))
}

#[derive(Template)]
#[template(path = "grv/edition.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub state: String,
    pub state_code: &'static str,
    pub draft: bool,
    pub dates: String,
    pub format: String,
    pub host: String,
    /// (side, "8 places")
    pub places: Vec<(String, String)>,
    /// (side, approved)
    pub approvals: Vec<(String, bool)>,
    pub fingerprint: String,
    pub can_edit: bool,
    pub can_approve: bool,
    pub screening_link: bool,
    pub cohort_link: bool,
    pub programme_link: bool,
    /// A standing edition's next step, named, and each side's asking for it.
    pub next: Option<String>,
    pub asked: Vec<(String, bool)>,
    pub can_advance: bool,
    /// The step's fingerprint, for the asking form.
    pub step_seen: String,
    pub notice: Option<String>,
}

fn show_page(ctx: Ctx, p: EditionPage, notice: Option<&str>) -> ShowPage {
    let e = &p.edition;
    let side_name = |id: i64| {
        p.sides
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.get(ctx.locale).to_string())
            .unwrap_or_default()
    };
    ShowPage {
        id: e.id,
        title: e.name(ctx.locale),
        theme: e.input.theme.get(ctx.locale).to_string(),
        state: ctx.t(&e.state.key()),
        state_code: e.state.as_str(),
        draft: e.state == EditionState::Draft,
        dates: dates(&ctx, &e.input),
        format: format_and_place(&ctx, &e.input),
        host: side_name(e.input.host_side_id),
        places: p
            .sides
            .iter()
            .map(|s| {
                let own = e.input.places.iter().find(|x| x.side_id == s.id);
                let n = ctx.tn(
                    "grv-places",
                    "count",
                    own.map_or(0, |x| x.places.max(0) as usize),
                );
                // With the side's deadline for candidacies, in its own zone.
                let line = match own.and_then(|x| x.deadline.as_ref()) {
                    Some(d) => ctx.locale.t_args(
                        "grv-places-deadline",
                        &[
                            ("places", n.into()),
                            (
                                "deadline",
                                super::applying::in_every_zone(ctx.locale, &p.sides, d.at).into(),
                            ),
                        ],
                    ),
                    None => n,
                };
                (side_name(s.id), line)
            })
            .collect(),
        approvals: p
            .sides
            .iter()
            .map(|s| (side_name(s.id), p.approved_by.contains(&s.id)))
            .collect(),
        fingerprint: p.fingerprint.clone(),
        can_edit: p.can_edit,
        can_approve: p.can_approve,
        screening_link: p.screening_link,
        cohort_link: p.cohort_link,
        programme_link: p.programme_link,
        next: p.step.as_ref().map(|(n, _, _)| ctx.t(&n.key())),
        asked: p
            .step
            .as_ref()
            .map(|(_, _, by)| {
                p.sides
                    .iter()
                    .map(|s| (side_name(s.id), by.contains(&s.id)))
                    .collect()
            })
            .unwrap_or_default(),
        can_advance: p.can_advance,
        step_seen: p
            .step
            .as_ref()
            .map(|(_, fp, _)| fp.clone())
            .unwrap_or_default(),
        notice: notice.map(|k| ctx.t(k)),
        ctx,
    }
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsById {
        id: GrvEditionId(id),
    }: paths::EditionsById,
) -> AppResult<Response> {
    let p = editions::page(&s.db, ctx.require_user()?, id).await?;
    Ok(render(&show_page(ctx, p, None)))
}

/// The page again, with why the act was refused (409), when the edition changed meanwhile.
async fn refused(s: &AppState, ctx: Ctx, id: i64, key: &str) -> AppResult<Response> {
    let p = editions::page(&s.db, ctx.require_user()?, id).await?;
    Ok(render_status(
        StatusCode::CONFLICT,
        &show_page(ctx, p, Some(key)),
    ))
}

pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsApprove {
        id: GrvEditionId(id),
    }: paths::EditionsApprove,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    match editions::approve(&s.db, ctx.require_user()?, id, &f.seen).await {
        Ok(_) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Conflict(k)) => refused(&s, ctx, id, &k).await,
        Err(e) => Err(e),
    }
}

pub async fn advance(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsAdvance {
        id: GrvEditionId(id),
    }: paths::EditionsAdvance,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    match editions::advance(&s.db, ctx.require_user()?, id, &f.seen).await {
        Ok(_) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Conflict(k)) => refused(&s, ctx, id, &k).await,
        Err(e) => Err(e),
    }
}
