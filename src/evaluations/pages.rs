//! Evaluation pages: the officer's grid, assignments and ranking; the evaluator's list,
//! scoring form and conflict declarations.

use askama::Template;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{actions, model::Score};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    i18n::format_number,
    web::{AppState, Ctx, form::*, render, render_status, see_other},
};

pub struct Row {
    pub rank: usize,
    pub half_id: i64,
    pub title: String,
    pub evaluators: Vec<String>,
    pub score: String,
}

#[derive(Template)]
#[template(path = "evaluations/side.html")]
pub struct SidePage {
    pub ctx: Ctx,
    pub call_id: i64,
    pub call_title: String,
    pub criteria: Vec<String>,
    pub rows: Vec<Row>,
    pub evaluators: Vec<(i64, String)>,
    pub notice: Option<String>,
}

async fn side_page(
    s: &AppState,
    ctx: &Ctx,
    call_id: i64,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let v = actions::side_view(&s.db, ctx.require_user()?, call_id).await?;
    let l = ctx.locale;
    let rows = v
        .ranking
        .iter()
        .enumerate()
        .filter_map(|(i, (half, mean))| {
            let (_, p) = v.halves.iter().find(|(h, _)| h == half)?;
            Some(Row {
                rank: i + 1,
                half_id: *half,
                title: p.title.clone(),
                evaluators: v
                    .assignments
                    .iter()
                    .filter(|a| a.1 == *half)
                    .map(|a| format!("{} ({})", a.3, ctx.t(&format!("evaluations-state-{}", a.4))))
                    .collect(),
                score: mean
                    .map(|m| format!("{} / 100", format_number(m, 1, l)))
                    .unwrap_or_else(|| "—".into()),
            })
        })
        .collect();
    let page = SidePage {
        call_title: v.call.title.get(l).to_string(),
        criteria: v
            .grid
            .as_ref()
            .map(|g| {
                g.criteria
                    .iter()
                    .map(|c| format!("{} (× {})", c.label.get(l), c.weight))
                    .collect()
            })
            .unwrap_or_default(),
        rows,
        evaluators: v.evaluators.clone(),
        notice: notice.map(|k| ctx.t(k)),
        call_id,
        ctx: ctx.clone(),
    };
    Ok(render_status(status, &page))
}

pub async fn side(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    side_page(&s, &ctx, id, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AssignForm {
    half: i64,
    evaluator: i64,
}

pub async fn assign(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<AssignForm>,
) -> AppResult<Response> {
    match actions::assign(&s.db, ctx.require_user()?, id, f.half, f.evaluator).await {
        Ok(_) => Ok(see_other(&format!("/calls/{id}/evaluations"))),
        Err(AppError::Invalid(e)) => {
            let key = e
                .get("evaluator")
                .unwrap_or("evaluations-error-evaluator")
                .to_string();
            side_page(&s, &ctx, id, Some(&key), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

pub async fn propose(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    actions::propose(&s.db, ctx.require_user()?, id, 2).await?;
    Ok(see_other(&format!("/calls/{id}/evaluations")))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GridForm {
    scale_max: String,
    criteria: String,
}

fn grid_page(ctx: &Ctx, id: i64, f: &GridForm) -> FormPage {
    FormPage::new(
        ctx,
        "evaluations-grid-title",
        &format!("/calls/{id}/grid"),
        "common-save",
    )
    .field(Field::input(
        ctx,
        "number",
        "scale_max",
        "evaluations-field-scale",
        &f.scale_max,
    ))
    .field(
        Field::input(
            ctx,
            "textarea",
            "criteria",
            "evaluations-field-criteria",
            &f.criteria,
        )
        .hint(ctx, "evaluations-criteria-hint"),
    )
    .link(
        &format!("/calls/{id}/evaluations"),
        "evaluations-side-title",
    )
}

pub async fn grid_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = actions::side_view(&s.db, ctx.require_user()?, id).await?;
    let f = match v.grid {
        Some(g) => GridForm {
            scale_max: g.scale_max.to_string(),
            criteria: g
                .criteria
                .iter()
                .map(|c| format!("{} | {} | {}", c.label.fr, c.label.en, c.weight))
                .collect::<Vec<_>>()
                .join("\n"),
        },
        None => GridForm {
            scale_max: "10".into(),
            criteria: String::new(),
        },
    };
    Ok(grid_page(&ctx, id, &f).respond(&FieldErrors::default()))
}

/// Criteria lines `libellé | label | poids` → (fr, en, weight).
fn parse_criteria(text: &str) -> Option<Vec<(String, String, i64)>> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [fr, en, w] = parts.as_slice() else {
            return None;
        };
        let w: i64 = w.parse().ok().filter(|w| (1..=100).contains(w))?;
        if fr.is_empty() || en.is_empty() {
            return None;
        }
        out.push((fr.to_string(), en.to_string(), w));
    }
    (!out.is_empty()).then_some(out)
}

pub async fn save_grid(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<GridForm>,
) -> AppResult<Response> {
    let mut e = FieldErrors::default();
    let scale = f
        .scale_max
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=100).contains(n));
    if scale.is_none() {
        e.add("scale_max", "calls-error-number");
    }
    let criteria = parse_criteria(&f.criteria);
    if criteria.is_none() {
        e.add("criteria", "evaluations-error-criteria");
    }
    let (Some(scale), Some(criteria)) = (scale, criteria) else {
        return Ok(grid_page(&ctx, id, &f).respond(&e));
    };
    match actions::save_grid(&s.db, ctx.require_user()?, id, scale, &criteria).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/evaluations"))),
        Err(AppError::Conflict(k)) => Ok(grid_page(&ctx, id, &f)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "evaluations/mine.html")]
pub struct MinePage {
    pub ctx: Ctx,
    pub rows: Vec<(i64, String, String)>,
}

pub async fn mine(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let rows = actions::my_assignments(&s.db, ctx.require_user()?)
        .await?
        .into_iter()
        .map(|(id, _, title, state)| (id, title, ctx.t(&format!("evaluations-state-{state}"))))
        .collect();
    Ok(render(&MinePage { ctx, rows }))
}

/// The scoring form: one score and one comment per criterion.
fn evaluation_page(
    ctx: &Ctx,
    id: i64,
    grid: &super::model::Grid,
    values: &[(String, String)],
    title: &str,
) -> FormPage {
    let get = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut page = FormPage::new(
        ctx,
        "evaluations-form-title",
        &format!("/evaluations/{id}"),
        "evaluations-submit",
    );
    page.intro = Some(title.to_string());
    for c in &grid.criteria {
        let label = c.label.get(ctx.locale).to_string();
        page = page
            .field(
                Field::input(
                    ctx,
                    "number",
                    format!("score_{}", c.id),
                    "evaluations-field-score",
                    get(&format!("score_{}", c.id)),
                )
                .label(ctx.locale.t_args(
                    "evaluations-field-score",
                    &[
                        ("criterion", label.clone().into()),
                        ("max", grid.scale_max.into()),
                    ],
                ))
                .optional(),
            )
            .field(
                Field::input(
                    ctx,
                    "textarea",
                    format!("comment_{}", c.id),
                    "evaluations-field-comment",
                    get(&format!("comment_{}", c.id)),
                )
                .label(
                    ctx.locale
                        .t1("evaluations-field-comment", "criterion", label),
                )
                .optional(),
            );
    }
    page.autosave()
        .hidden("intent", "submit")
        .link("/evaluations", "evaluations-mine-title")
}

pub async fn evaluation_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (grid, project, scores, submitted) =
        actions::evaluation(&s.db, ctx.require_user()?, id).await?;
    let values: Vec<(String, String)> = scores
        .iter()
        .flat_map(|sc| {
            [
                (format!("score_{}", sc.criterion_id), sc.score.to_string()),
                (format!("comment_{}", sc.criterion_id), sc.comment.clone()),
            ]
        })
        .collect();
    let mut page = evaluation_page(&ctx, id, &grid, &values, &project.title);
    if submitted {
        page = page.success("evaluations-submitted");
    }
    Ok(page.respond(&FieldErrors::default()))
}

/// Saves scores; submits them unless this is an autosave (drafts are saved as typed and
/// resumed later; only the button submits).
pub async fn save_evaluation(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
    Form(values): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let autosave = headers.contains_key("x-autosave");
    let u = ctx.require_user()?;
    let (grid, project, _, _) = actions::evaluation(&s.db, u, id).await?;
    let get = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut errors = FieldErrors::default();
    let mut scores = Vec::new();
    for c in &grid.criteria {
        let raw = get(&format!("score_{}", c.id));
        if raw.is_empty() {
            continue;
        }
        match raw.parse::<i64>() {
            Ok(score) => scores.push(Score {
                criterion_id: c.id,
                score,
                comment: get(&format!("comment_{}", c.id)),
            }),
            Err(_) => errors.add(&format!("score_{}", c.id), "evaluations-error-score"),
        }
    }
    let submit = !autosave && get("intent") != "save";
    let result = if errors.is_empty() {
        actions::save_evaluation(&s.db, u, id, &scores, submit).await
    } else {
        Err(AppError::Invalid(errors))
    };
    match result {
        Ok(()) if autosave => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(()) => Ok(see_other(&format!("/evaluations/{id}"))),
        Err(AppError::Invalid(e)) => {
            Ok(evaluation_page(&ctx, id, &grid, &values, &project.title).respond(&e))
        }
        Err(AppError::Conflict(k)) => Ok(evaluation_page(&ctx, id, &grid, &values, &project.title)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "evaluations/conflicts.html")]
pub struct ConflictsPage {
    pub ctx: Ctx,
    pub call_id: i64,
    /// (project, title, declared)
    pub projects: Vec<(i64, String, bool)>,
}

pub async fn conflicts(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (projects, mine) = actions::conflict_candidates(&s.db, ctx.require_user()?, id).await?;
    let projects = projects
        .into_iter()
        .map(|p| (p.id, p.title, mine.contains(&p.id)))
        .collect();
    Ok(render(&ConflictsPage {
        ctx,
        call_id: id,
        projects,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConflictForm {
    project: i64,
    reason: String,
}

pub async fn declare(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ConflictForm>,
) -> AppResult<Response> {
    actions::declare_conflict(&s.db, ctx.require_user()?, id, f.project, &f.reason).await?;
    Ok(see_other(&format!("/calls/{id}/conflicts")))
}
