//! Forms for the decisions of a session that are not about one project: the next call's
//! themes and opening date, and a new calendar; and their approval.

use super::paths;
use crate::ids::{ResolutionId, SessionId};

use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    model::{CalendarChange, CalendarScope, ResolutionBody},
    resolutions,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NextCallForm {
    commission: String,
    opens_on: String,
    themes: String,
    note: String,
}

fn next_call_page(
    ctx: &Ctx,
    id: i64,
    options: Vec<(String, String)>,
    f: &NextCallForm,
) -> FormPage {
    FormPage::new(
        ctx,
        "decisions-next-call-title",
        &format!("/sessions/{id}/next-call"),
        "decisions-propose",
    )
    .field(Field::select(
        ctx,
        "commission",
        "decisions-field-next-commission",
        options,
        &f.commission,
    ))
    .field(Field::input(
        ctx,
        "date",
        "opens_on",
        "decisions-field-opens-on",
        &f.opens_on,
    ))
    .field(
        Field::input(
            ctx,
            "textarea",
            "themes",
            "decisions-field-themes",
            &f.themes,
        )
        .hint(ctx, "decisions-themes-hint"),
    )
    .field(Field::input(ctx, "textarea", "note", "decisions-field-note", &f.note).optional())
    .link(&format!("/sessions/{id}"), "decisions-session-title")
}

async fn commission_options(s: &AppState, ctx: &Ctx, id: i64) -> AppResult<Vec<(String, String)>> {
    Ok(
        resolutions::later_commissions(&s.db, ctx.require_user()?, id)
            .await?
            .iter()
            .map(|c| {
                (
                    c.id.to_string(),
                    format!(
                        "{} ({}–{})",
                        c.ordinal(ctx.locale),
                        c.start_year,
                        c.end_year
                    ),
                )
            })
            .collect(),
    )
}

pub async fn next_call_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsNextCall { id: SessionId(id) }: paths::SessionsNextCall,
) -> AppResult<Response> {
    let options = commission_options(&s, &ctx, id).await?;
    let f = NextCallForm {
        commission: options.first().map(|o| o.0.clone()).unwrap_or_default(),
        ..NextCallForm::default()
    };
    Ok(next_call_page(&ctx, id, options, &f).respond(&FieldErrors::default()))
}

/// Theme lines `nom | name` → (fr, en); `None` on a malformed line.
fn parse_themes(text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (fr, en) = line.split_once('|')?;
        let (fr, en) = (fr.trim(), en.trim());
        if fr.is_empty() || en.is_empty() {
            return None;
        }
        out.push((fr.to_string(), en.to_string()));
    }
    Some(out)
}

/// Runs a proposal; field errors and refusals come back on the form with what was typed.
async fn answer(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    (body, scope): (Option<ResolutionBody>, &CalendarScope),
    mut errors: FieldErrors,
    note: &str,
    page: FormPage,
) -> AppResult<Response> {
    let result = match body {
        Some(b) if errors.is_empty() => {
            resolutions::propose(&s.db, ctx.require_user()?, id, &b, note, scope).await
        }
        _ => Err(AppError::Invalid(std::mem::take(&mut errors))),
    };
    match result {
        Ok(_) => Ok(see_other(
            &paths::SessionsById {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => Ok(page.respond(&e)),
        Err(AppError::Conflict(k)) => Ok(page.notice(&k).respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

pub async fn next_call(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsNextCall { id: SessionId(id) }: paths::SessionsNextCall,
    Form(f): Form<NextCallForm>,
) -> AppResult<Response> {
    let options = commission_options(&s, &ctx, id).await?;
    let mut e = FieldErrors::default();
    let themes = parse_themes(&f.themes).unwrap_or_else(|| {
        e.add("themes", "decisions-error-themes");
        Vec::new()
    });
    let body = f.commission.parse().ok().map(|c| ResolutionBody::NextCall {
        commission_id: c,
        opens_on: f.opens_on.trim().to_string(),
        themes,
    });
    if body.is_none() {
        e.add("commission", "decisions-error-next-commission");
    }
    let page = next_call_page(&ctx, id, options, &f);
    answer(
        &s,
        &ctx,
        id,
        (body, &CalendarScope::default()),
        e,
        &f.note,
        page,
    )
    .await
}

#[derive(Default, Clone)]
pub struct CalendarForm {
    months: String,
    end_on: String,
    note: String,
    /// Funded project ids ticked (none: every running project).
    projects: Vec<String>,
    move_missions: bool,
}

impl CalendarForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> CalendarForm {
        let mut f = CalendarForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "months" => f.months = v,
                "end_on" => f.end_on = v,
                "note" => f.note = v,
                "projects" => f.projects.push(v),
                "move_missions" => f.move_missions = v == "yes",
                _ => {}
            }
        }
        f
    }
}

fn calendar_page(
    ctx: &Ctx,
    id: i64,
    f: &CalendarForm,
    projects: Vec<(String, String)>,
) -> FormPage {
    FormPage::new(
        ctx,
        "decisions-calendar-title",
        &format!("/sessions/{id}/calendar"),
        "decisions-propose",
    )
    .intro("decisions-calendar-intro")
    .field(Field::input(ctx, "number", "months", "decisions-field-months", &f.months).optional())
    .field(Field::input(ctx, "date", "end_on", "decisions-field-end-on", &f.end_on).optional())
    .field(
        Field::checkboxes(
            ctx,
            "projects",
            "decisions-field-projects",
            projects,
            &f.projects,
        )
        .hint(ctx, "decisions-projects-hint"),
    )
    .field(Field::input(ctx, "textarea", "note", "decisions-field-note", &f.note).optional())
    .link(&format!("/sessions/{id}"), "decisions-session-title")
}

pub async fn calendar_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsCalendar { id: SessionId(id) }: paths::SessionsCalendar,
) -> AppResult<Response> {
    // Only session members reach the form (the action checks again on submit).
    let projects = candidates(&s, &ctx, id).await?;
    Ok(
        calendar_page(&ctx, id, &CalendarForm::default(), projects)
            .respond(&FieldErrors::default()),
    )
}

async fn candidates(s: &AppState, ctx: &Ctx, id: i64) -> AppResult<Vec<(String, String)>> {
    Ok(
        resolutions::calendar_candidates(&s.db, ctx.require_user()?, id)
            .await?
            .into_iter()
            .map(|(f, t)| (f.to_string(), t))
            .collect(),
    )
}

pub async fn calendar(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsCalendar { id: SessionId(id) }: paths::SessionsCalendar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let f = CalendarForm::from_pairs(pairs);
    let mut e = FieldErrors::default();
    let (m, d) = (f.months.trim(), f.end_on.trim());
    let body = match (m.is_empty(), d.is_empty()) {
        (false, true) => match m.parse::<i64>() {
            Ok(m) => Some(CalendarChange::ByMonths(m)),
            Err(_) => {
                e.add("months", "decisions-error-months");
                None
            }
        },
        (true, false) => Some(CalendarChange::To(d.to_string())),
        _ => {
            e.add("months", "decisions-error-calendar-one");
            None
        }
    };
    let scope = CalendarScope {
        projects: f.projects.iter().filter_map(|p| p.parse().ok()).collect(),
        move_missions: f.move_missions,
    };
    let page = calendar_page(&ctx, id, &f, candidates(&s, &ctx, id).await?);
    let body = body.map(ResolutionBody::Calendar);
    answer(&s, &ctx, id, (body, &scope), e, &f.note, page).await
}

/// Approves a resolution for the user's side, back to its session.
pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsResolutionsApprove {
        id: SessionId(id),
        resolution_id: ResolutionId(resolution),
    }: paths::SessionsResolutionsApprove,
    axum::Form(f): axum::Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    match resolutions::approve(&s.db, ctx.require_user()?, resolution, &f.seen).await {
        Ok(_) => Ok(see_other(
            &paths::SessionsById {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(k)) => {
            super::pages::page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
