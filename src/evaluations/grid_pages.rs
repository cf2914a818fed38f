//! The officers' grid form: scoring or ranking, the scale, the due date (in the side's zone)
//! and the criteria.

use super::paths;
use crate::ids::CallId;

use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    actions::{self, GridInput},
    model::Method,
};
use crate::{
    calls::model::{parse_local, to_local_input},
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
    i18n::zone_city,
};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GridForm {
    method: String,
    scale_max: String,
    due_at: String,
    criteria: String,
}

fn grid_page(ctx: &Ctx, id: i64, zone: &str, f: &GridForm) -> FormPage {
    let methods = [Method::Score, Method::Rank]
        .into_iter()
        .map(|m| {
            (
                m.as_str().to_string(),
                ctx.t(&format!("evaluations-method-{}", m.as_str())),
            )
        })
        .collect();
    FormPage::new(
        ctx,
        "evaluations-grid-title",
        &format!("/calls/{id}/grid"),
        "common-save",
    )
    .field(Field::select(
        ctx,
        "method",
        "evaluations-field-method",
        methods,
        &f.method,
    ))
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
            "datetime-local",
            "due_at",
            "evaluations-field-due",
            &f.due_at,
        )
        .hint_text(
            ctx.locale
                .t1("evaluations-due-hint", "city", zone_city(zone, ctx.locale)),
        )
        .optional(),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "criteria",
            "evaluations-field-criteria",
            &f.criteria,
        )
        .hint(ctx, "evaluations-criteria-hint")
        .optional(),
    )
    .link(
        &format!("/calls/{id}/evaluations"),
        "evaluations-side-title",
    )
}

/// The zone of the officer's side in this call (due dates are typed in it).
fn side_zone(v: &actions::SideView) -> String {
    v.call
        .side(v.side_id)
        .map(|s| s.time_zone.clone())
        .unwrap_or_else(|| "UTC".into())
}

pub async fn grid_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsGrid { id: CallId(id) }: paths::CallsGrid,
) -> AppResult<Response> {
    let v = actions::side_view(&s.db, ctx.require_user()?, id).await?;
    let zone = side_zone(&v);
    let f = match &v.grid {
        Some(g) => GridForm {
            method: g.method.as_str().into(),
            scale_max: g.scale_max.to_string(),
            due_at: g
                .due_at
                .map(|d| to_local_input(d, &zone))
                .unwrap_or_default(),
            criteria: g
                .criteria
                .iter()
                .map(|c| format!("{} | {} | {}", c.label.fr, c.label.en, c.weight))
                .collect::<Vec<_>>()
                .join("\n"),
        },
        None => match &v.previous_grid {
            // The side's grid of its previous call, without its due date.
            Some(g) => GridForm {
                method: g.method.as_str().into(),
                scale_max: g.scale_max.to_string(),
                due_at: String::new(),
                criteria: g
                    .criteria
                    .iter()
                    .map(|c| format!("{} | {} | {}", c.label.fr, c.label.en, c.weight))
                    .collect::<Vec<_>>()
                    .join("\n"),
            },
            None => GridForm {
                method: "score".into(),
                scale_max: "10".into(),
                ..GridForm::default()
            },
        },
    };
    Ok(grid_page(&ctx, id, &zone, &f).respond(&FieldErrors::default()))
}

/// Criteria lines `libellé | label | poids` → (fr, en, weight); `None` on a malformed line.
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
    Some(out)
}

pub async fn save_grid(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsGrid { id: CallId(id) }: paths::CallsGrid,
    Form(f): Form<GridForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let zone = side_zone(&actions::side_view(&s.db, u, id).await?);
    let mut e = FieldErrors::default();
    let method = Method::parse(&f.method);
    if method.is_none() {
        e.add("method", "common-error-choice");
    }
    let scale = f
        .scale_max
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=100).contains(n));
    if scale.is_none() {
        e.add("scale_max", "calls-error-number");
    }
    let due_at = match f.due_at.trim() {
        "" => None,
        v => match parse_local(v, &zone) {
            Ok(ms) => Some(ms),
            Err(err) => {
                e.add("due_at", err.key());
                None
            }
        },
    };
    let criteria =
        parse_criteria(&f.criteria).filter(|c| !c.is_empty() || method == Some(Method::Rank));
    if criteria.is_none() {
        e.add("criteria", "evaluations-error-criteria");
    }
    let (Some(method), Some(scale_max), Some(criteria), true) =
        (method, scale, criteria, e.is_empty())
    else {
        return Ok(grid_page(&ctx, id, &zone, &f).respond(&e));
    };
    let input = GridInput {
        method,
        scale_max,
        due_at,
        criteria,
    };
    match actions::save_grid(&s.db, u, id, &input).await {
        Ok(()) => Ok(see_other(
            &paths::CallsEvaluations {
                id: crate::ids::CallId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => Ok(grid_page(&ctx, id, &zone, &f).respond(&e)),
        Err(AppError::Conflict(k)) => Ok(grid_page(&ctx, id, &zone, &f)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}
