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
    error::{AppError, AppResult},
    http::{AppState, Ctx, render_status, see_other, when_in_zone},
    i18n::format_number,
};

pub struct Row {
    pub rank: usize,
    pub half_id: i64,
    pub title: String,
    pub evaluators: Vec<String>,
    pub score: String,
    pub verdict: String,
    pub note: String,
}

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
    let method = v.ranking.method;
    let rows = v
        .ranking
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, (half, mean))| {
            let (_, p) = v.halves.iter().find(|(h, _)| h == half)?;
            let rec = v.recommendations.iter().find(|(h, _, _)| h == half);
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
                verdict: rec.map(|r| r.1.as_str().to_string()).unwrap_or_default(),
                note: rec.map(|r| r.2.clone()).unwrap_or_default(),
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
        call_id,
        ctx: ctx.clone(),
    };
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
