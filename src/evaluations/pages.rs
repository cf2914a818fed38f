//! The officers' evaluation page: grid summary, assignments, the side's ranking, the
//! consolidated recommendation per half and evaluators' affiliations. `grid_pages.rs`: the
//! grid form; `evaluator_pages.rs`: the evaluator's pages.

use super::paths;
use crate::ids::CallId;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    actions, assign,
    model::{Method, Verdict},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, render_status, see_other, when_in_zone},
    i18n::format_number,
};

pub struct Row {
    pub rank: usize,
    pub half_id: i64,
    pub title: String,
    pub evaluators: Vec<String>,
    pub score: String,
    /// The verdict and note the row's inputs hold: as saved, or as typed when a save came
    /// back refused.
    pub verdict: String,
    pub note: String,
    /// The evaluator chosen to add (0: none).
    pub assign: i64,
    /// What is saved, when it differs from what was typed (a save refused as stale).
    pub saved_meanwhile: Option<String>,
    /// The row's error and the input it is about (`verdict`, `note`, `evaluator`).
    pub error: Option<(String, &'static str)>,
}

/// What the officer typed in the table, by half: (verdict, note, evaluator to add).
pub type Typed = std::collections::HashMap<i64, (String, String, String)>;

#[derive(Template)]
#[template(path = "evaluations/side.html")]
pub struct SidePage {
    pub ctx: Ctx,
    pub call_id: i64,
    pub call_title: String,
    pub method: String,
    pub due: Option<String>,
    pub criteria: Vec<String>,
    pub rows: Vec<Row>,
    pub evaluators: Vec<(i64, String)>,
    /// (value, label)
    pub verdicts: Vec<(String, String)>,
    /// "Name — Organisation"
    pub affiliations: Vec<String>,
    pub organisations: Vec<(i64, String)>,
    pub notice: Option<String>,
    /// The fingerprint of the table as shown: a save from a stale page is refused.
    pub seen: String,
    /// The error summary of the table: (input id, message).
    pub summary: Vec<(String, String)>,
}

async fn side_page(
    s: &AppState,
    ctx: &Ctx,
    call_id: i64,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    table_page(
        s,
        ctx,
        call_id,
        notice,
        status,
        &Typed::new(),
        &FieldErrors::default(),
    )
    .await
}

/// The page, its table holding what was typed (`typed`, by half) with `errors` at their rows.
async fn table_page(
    s: &AppState,
    ctx: &Ctx,
    call_id: i64,
    notice: Option<&str>,
    status: StatusCode,
    typed: &Typed,
    errors: &FieldErrors,
) -> AppResult<Response> {
    let v = actions::side_view(&s.db, ctx.require_user()?, call_id).await?;
    let l = ctx.locale;
    let method = v.ranking.method;
    let rows = v
        .ranking
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, (half, mean))| {
            let (_, p) = v.halves.iter().find(|(h, _)| h == half)?;
            let rec = v.recommendations.iter().find(|(h, _, _)| h == half);
            let saved_verdict = rec.map(|r| r.1.as_str().to_string()).unwrap_or_default();
            let saved_note = rec.map(|r| r.2.clone()).unwrap_or_default();
            let typed_row = typed.get(half);
            let (verdict, note) = match typed_row {
                Some((v, n, _)) => (v.clone(), n.clone()),
                None => (saved_verdict.clone(), saved_note.clone()),
            };
            let saved_meanwhile = (typed_row.is_some()
                && rec.is_some()
                && (verdict != saved_verdict || note.trim() != saved_note))
                .then(|| {
                    let label = rec.map(|r| ctx.t(&r.1.key())).unwrap_or_default();
                    l.t_args(
                        "evaluations-saved-meanwhile",
                        &[
                            ("verdict", label.into()),
                            ("note", saved_note.clone().into()),
                        ],
                    )
                });
            let error = ["verdict", "note", "evaluator"]
                .into_iter()
                .find_map(|input| {
                    errors
                        .get(&format!("{input}-{half}"))
                        .map(|k| (ctx.t(k), input))
                });
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
                score: match (mean, method) {
                    (None, _) => "—".into(),
                    (Some(m), Method::Score) => format!("{} / 100", format_number(*m, 1, l)),
                    (Some(m), Method::Rank) => {
                        l.t1("evaluations-mean-place", "place", format_number(*m, 2, l))
                    }
                },
                verdict,
                note,
                assign: typed_row.and_then(|(_, _, e)| e.parse().ok()).unwrap_or(0),
                saved_meanwhile,
                error,
            })
        })
        .collect();
    let zone = v
        .call
        .side(v.side_id)
        .map(|s| s.time_zone.clone())
        .unwrap_or_default();
    let page = SidePage {
        call_title: v.call.title.get(l).to_string(),
        method: ctx.t(&format!("evaluations-method-{}", method.as_str())),
        due: v
            .grid
            .as_ref()
            .and_then(|g| g.due_at)
            .map(|d| when_in_zone(ctx, d, &zone)),
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
        verdicts: Verdict::ALL
            .iter()
            .map(|v| (v.as_str().to_string(), ctx.t(&v.key())))
            .collect(),
        affiliations: v
            .affiliations
            .iter()
            .map(|(_, _, u, o)| format!("{u} — {o}"))
            .collect(),
        organisations: v
            .organisations
            .iter()
            .map(|o| (o.id, o.name.clone()))
            .collect(),
        notice: notice.map(|k| ctx.t(k)),
        seen: v.seen().as_str().to_string(),
        summary: Vec::new(),
        call_id,
        ctx: ctx.clone(),
    };
    let summary = page
        .rows
        .iter()
        .filter_map(|r| {
            let (message, input) = r.error.as_ref()?;
            Some((
                format!("{input}-{}", r.half_id),
                l.t_args(
                    "form-error-item",
                    &[
                        ("label", r.title.clone().into()),
                        ("message", message.clone().into()),
                    ],
                ),
            ))
        })
        .collect();
    let page = SidePage { summary, ..page };
    Ok(render_status(status, &page))
}

pub async fn side(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEvaluations { id: CallId(id) }: paths::CallsEvaluations,
) -> AppResult<Response> {
    side_page(&s, &ctx, id, None, StatusCode::OK).await
}

/// Errors of the small forms on the side page come back as a notice on the page.
async fn back(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: AppResult<()>,
    field: &str,
) -> AppResult<Response> {
    match r {
        Ok(()) => Ok(see_other(
            &paths::CallsEvaluations {
                id: crate::ids::CallId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => {
            let key = e
                .get(field)
                .or_else(|| e.0.values().next().map(String::as_str))
                .unwrap_or("evaluations-error-evaluator")
                .to_string();
            side_page(s, ctx, id, Some(&key), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // Refused for a reason the officer should read (the session has opened): on the page.
        Err(AppError::Conflict(key)) => {
            side_page(s, ctx, id, Some(&key), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
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
    paths::CallsEvaluationsAssign { id: CallId(id) }: paths::CallsEvaluationsAssign,
    Form(f): Form<AssignForm>,
) -> AppResult<Response> {
    let r = assign::assign(&s.db, ctx.require_user()?, id, f.half, f.evaluator)
        .await
        .map(|_| ());
    back(&s, &ctx, id, r, "evaluator").await
}

pub async fn propose(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEvaluationsPropose { id: CallId(id) }: paths::CallsEvaluationsPropose,
) -> AppResult<Response> {
    assign::propose(&s.db, ctx.require_user()?, id, 2).await?;
    Ok(see_other(
        &paths::CallsEvaluations {
            id: crate::ids::CallId(id),
        }
        .to_string(),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RecommendForm {
    half: i64,
    verdict: String,
    note: String,
}

pub async fn recommend(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEvaluationsRecommend { id: CallId(id) }: paths::CallsEvaluationsRecommend,
    Form(f): Form<RecommendForm>,
) -> AppResult<Response> {
    let Some(verdict) = Verdict::parse(&f.verdict) else {
        return side_page(
            &s,
            &ctx,
            id,
            Some("common-error-choice"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let r = actions::recommend(&s.db, ctx.require_user()?, id, f.half, verdict, &f.note).await;
    back(&s, &ctx, id, r, "verdict").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AffiliationForm {
    evaluator: i64,
    organisation: i64,
}

pub async fn affiliate(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEvaluationsAffiliations { id: CallId(id) }: paths::CallsEvaluationsAffiliations,
    Form(f): Form<AffiliationForm>,
) -> AppResult<Response> {
    let r = actions::affiliate(&s.db, ctx.require_user()?, id, f.evaluator, f.organisation).await;
    back(&s, &ctx, id, r, "evaluator").await
}

/// Saves the whole table: one button for every row's recommendation and added evaluator. A
/// refusal (a wrong row, or the table changed since the page showed it) writes nothing and
/// comes back with everything typed kept.
pub async fn save_table(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEvaluations { id: CallId(id) }: paths::CallsEvaluations,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut typed = Typed::new();
    let mut rows = Vec::new();
    let mut errors = FieldErrors::default();
    for (_, half) in pairs.iter().filter(|(k, _)| k == "half") {
        let Ok(half) = half.parse::<i64>() else {
            continue;
        };
        let (verdict, note, evaluator) = (
            get(&format!("verdict-{half}")),
            crate::http::form::clean_text(&get(&format!("note-{half}"))),
            get(&format!("evaluator-{half}")),
        );
        let parsed_verdict = match verdict.as_str() {
            "" => None,
            v => match Verdict::parse(v) {
                Some(v) => Some(v),
                None => {
                    errors.add(&format!("verdict-{half}"), "common-error-choice");
                    None
                }
            },
        };
        if parsed_verdict.is_none() && !note.is_empty() {
            errors.add(
                &format!("verdict-{half}"),
                "evaluations-error-note-without-verdict",
            );
        }
        let assign = match evaluator.as_str() {
            "" | "0" => None,
            e => match e.parse::<i64>() {
                Ok(e) => Some(e),
                Err(_) => {
                    errors.add(&format!("evaluator-{half}"), "evaluations-error-evaluator");
                    None
                }
            },
        };
        rows.push(actions::TableRow {
            half,
            verdict: parsed_verdict,
            note: note.clone(),
            assign,
        });
        typed.insert(half, (verdict, note, evaluator));
    }
    if !errors.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return table_page(&s, &ctx, id, None, status, &typed, &errors).await;
    }
    let (status, notice, errors) =
        match actions::save_table(&s.db, u, id, &get("seen"), &rows).await {
            Ok(_) => return Ok(see_other(&paths::CallsEvaluations::url(id))),
            Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, None, e),
            // Another officer changed the table meanwhile: their values on the page, ours kept.
            Err(AppError::Conflict(k)) if k == "common-error-changed-since" => (
                StatusCode::CONFLICT,
                Some("evaluations-error-stale".to_string()),
                FieldErrors::default(),
            ),
            Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Some(k), FieldErrors::default()),
            Err(e) => return Err(e),
        };
    table_page(&s, &ctx, id, notice.as_deref(), status, &typed, &errors).await
}
