//! The evaluator's pages: their assignments, the scoring (or placing) form with autosave,
//! and conflict declarations.

use super::paths;
use crate::ids::CallId;

use askama::Template;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    assign,
    evaluate::{self, Evaluation},
    model::{Method, Score},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, render, render_status, see_other},
    projects::application_view::ApplicationView,
};

#[derive(Template)]
#[template(path = "evaluations/mine.html")]
pub struct MinePage {
    pub ctx: Ctx,
    pub rows: Vec<(i64, String, String)>,
}

pub async fn mine(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let rows = evaluate::my_assignments(&s.db, ctx.require_user()?)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.id,
                a.title,
                ctx.t(&format!("evaluations-state-{}", a.state)),
            )
        })
        .collect();
    Ok(render(&MinePage { ctx, rows }))
}

/// The evaluator's page: the filed application (what is evaluated, with its receipt) beside
/// the scoring form.
#[derive(Template)]
#[template(path = "evaluations/evaluate.html")]
pub struct EvaluatePage {
    pub ctx: Ctx,
    pub project_title: String,
    /// The rendered filed application, when the evaluator may read it.
    pub application: Option<String>,
    /// Why there is no application to read (not filed; a conflict declared).
    pub missing: &'static str,
    pub form: FormPage,
}

impl EvaluatePage {
    fn new(ctx: &Ctx, id: i64, ev: &Evaluation, form: FormPage) -> AppResult<EvaluatePage> {
        Ok(EvaluatePage {
            ctx: ctx.clone(),
            // The title as the evaluated half filed it.
            project_title: ev
                .application
                .as_ref()
                .map(|v| v.content.title.clone())
                .unwrap_or_else(|| ev.project.title.clone()),
            application: ev
                .application
                .as_ref()
                .map(|v| {
                    ApplicationView::of(ctx, v, &ev.call, &ev.themes, |file| {
                        paths::EvaluationsFile { id, file }.to_string()
                    })
                    .html()
                })
                .transpose()?,
            missing: if ev.conflict {
                "evaluations-error-own-conflict"
            } else {
                "evaluations-application-missing"
            },
            form,
        })
    }

    fn respond(self, status: StatusCode) -> Response {
        render_status(status, &self)
    }
}

/// The form: one score and one comment per criterion, or (ranking grid) a place and a comment.
fn evaluation_page(ctx: &Ctx, id: i64, ev: &Evaluation, values: &[(String, String)]) -> FormPage {
    let get = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let grid = &ev.grid;
    let mut page = FormPage::new(
        ctx,
        "evaluations-form-title",
        &format!("/evaluations/{id}"),
        "evaluations-submit",
    );
    if grid.method == Method::Rank {
        page = page
            .field(
                Field::input(
                    ctx,
                    "number",
                    "place",
                    "evaluations-field-place",
                    get("place"),
                )
                .label(
                    ctx.locale
                        .t_args("evaluations-field-place", &[("max", ev.places.into())]),
                )
                .hint(ctx, "evaluations-place-hint")
                .optional(),
            )
            .field(
                Field::input(
                    ctx,
                    "textarea",
                    "comment",
                    "evaluations-field-jury-comment",
                    get("comment"),
                )
                .optional(),
            );
    }
    for c in grid
        .criteria
        .iter()
        .filter(|_| grid.method == Method::Score)
    {
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
    paths::EvaluationsById { id }: paths::EvaluationsById,
) -> AppResult<Response> {
    let ev = evaluate::evaluation(&s.db, ctx.require_user()?, id).await?;
    let mut values: Vec<(String, String)> = ev
        .scores
        .iter()
        .flat_map(|sc| {
            [
                (
                    format!("score_{}", sc.criterion_id),
                    sc.score.map(|v| v.to_string()).unwrap_or_default(),
                ),
                (format!("comment_{}", sc.criterion_id), sc.comment.clone()),
            ]
        })
        .collect();
    values.push((
        "place".into(),
        ev.place.map(|p| p.to_string()).unwrap_or_default(),
    ));
    values.push(("comment".into(), ev.comment.clone()));
    let mut page = evaluation_page(&ctx, id, &ev, &values);
    if ev.submitted {
        page = page.success("evaluations-submitted");
    }
    Ok(EvaluatePage::new(&ctx, id, &ev, page)?.respond(StatusCode::OK))
}

/// A file of the filed application, for the evaluator reading it (a download, never inline).
pub async fn application_file(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EvaluationsFile { id, file }: paths::EvaluationsFile,
    axum::extract::Query(q): axum::extract::Query<crate::projects::application_pages::FileQuery>,
) -> AppResult<Response> {
    let (a, bytes) =
        evaluate::application_file(&s.db, &s.settings.storage, ctx.require_user()?, id, file)
            .await?;
    Ok(q.respond(&a.filename, &a.content_type, bytes))
}

/// Saves scores (or the place); submits them unless this is an autosave (drafts are saved as
/// typed and resumed later; only the button submits).
pub async fn save_evaluation(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EvaluationsById { id }: paths::EvaluationsById,
    headers: axum::http::HeaderMap,
    Form(values): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let autosave = headers.contains_key("x-autosave");
    let u = ctx.require_user()?;
    let ev = evaluate::evaluation(&s.db, u, id).await?;
    let get = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let submit = !autosave && get("intent") != "save";
    let mut errors = FieldErrors::default();
    let result = if ev.grid.method == Method::Rank {
        let place = match get("place") {
            p if p.is_empty() => None,
            p => p.parse::<i64>().ok().or_else(|| {
                errors.add("place", "evaluations-error-place");
                None
            }),
        };
        if errors.is_empty() {
            evaluate::save_place(&s.db, u, id, place, &get("comment"), submit).await
        } else {
            Err(AppError::Invalid(errors))
        }
    } else {
        let mut scores = Vec::new();
        for c in &ev.grid.criteria {
            let raw = get(&format!("score_{}", c.id));
            let comment = get(&format!("comment_{}", c.id));
            // A comment written before its score is kept (the score comes later).
            let score = match raw.parse::<i64>() {
                _ if raw.is_empty() => None,
                Ok(v) => Some(v),
                Err(_) => {
                    errors.add(&format!("score_{}", c.id), "evaluations-error-score");
                    continue;
                }
            };
            if score.is_some() || !comment.is_empty() {
                scores.push(Score {
                    criterion_id: c.id,
                    score,
                    comment,
                });
            }
        }
        if errors.is_empty() {
            evaluate::save_evaluation(&s.db, u, id, &scores, submit).await
        } else {
            Err(AppError::Invalid(errors))
        }
    };
    match result {
        Ok(()) if autosave => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(()) => Ok(see_other(&paths::EvaluationsById { id }.to_string())),
        Err(AppError::Invalid(e)) => {
            let form = evaluation_page(&ctx, id, &ev, &values).with_errors(&e);
            Ok(EvaluatePage::new(&ctx, id, &ev, form)?.respond(StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(AppError::Conflict(k)) => {
            let form = evaluation_page(&ctx, id, &ev, &values).notice(&k);
            Ok(EvaluatePage::new(&ctx, id, &ev, form)?.respond(StatusCode::CONFLICT))
        }
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
    paths::CallsConflicts { id: CallId(id) }: paths::CallsConflicts,
) -> AppResult<Response> {
    let (projects, mine) = assign::conflict_candidates(&s.db, ctx.require_user()?, id).await?;
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
    paths::CallsConflicts { id: CallId(id) }: paths::CallsConflicts,
    Form(f): Form<ConflictForm>,
) -> AppResult<Response> {
    assign::declare_conflict(&s.db, ctx.require_user()?, id, f.project, &f.reason).await?;
    Ok(see_other(
        &paths::CallsConflicts {
            id: crate::ids::CallId(id),
        }
        .to_string(),
    ))
}
