//! The officers' grid form: scoring or ranking, the scale, the due date (in the side's zone)
//! and the criteria.

use super::paths;
use crate::ids::CallId;

use axum::{Form, extract::State, http::StatusCode, response::Response};

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

/// The grid form as typed: the criteria are one table row each (French label, English label,
/// weight), sent as repeated fields in row order.
#[derive(Default, Clone)]
pub struct GridForm {
    method: String,
    scale_max: String,
    due_at: String,
    criteria: Vec<[String; 3]>,
}

/// The inputs of a criterion's row, in column order.
const CRITERION: [&str; 3] = ["criterion_fr", "criterion_en", "criterion_weight"];
/// Blank rows after the criteria, to add some without JavaScript.
const BLANK_ROWS: usize = 3;

impl GridForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> GridForm {
        let mut f = GridForm::default();
        let mut columns: [Vec<String>; 3] = Default::default();
        for (k, v) in pairs {
            match k.as_str() {
                "method" => f.method = v,
                "scale_max" => f.scale_max = v,
                "due_at" => f.due_at = v,
                _ => {
                    if let Some(i) = CRITERION.iter().position(|c| *c == k) {
                        columns[i].push(v);
                    }
                }
            }
        }
        let n = columns.iter().map(Vec::len).max().unwrap_or(0);
        let cell = |i: usize, r: usize| columns[i].get(r).cloned().unwrap_or_default();
        f.criteria = (0..n)
            .map(|r| [cell(0, r), cell(1, r), cell(2, r)])
            .collect();
        f
    }

    fn with_criteria(g: &super::model::Grid) -> Vec<[String; 3]> {
        g.criteria
            .iter()
            .map(|c| [c.label.fr.clone(), c.label.en.clone(), c.weight.to_string()])
            .collect()
    }
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
    .field(criteria_field(ctx, f))
    .link(
        &format!("/calls/{id}/evaluations"),
        "evaluations-side-title",
    )
}

/// The criteria as a table, the typed rows (blank ones dropped) then blank rows to add more.
fn criteria_field(ctx: &Ctx, f: &GridForm) -> Field {
    let columns = CRITERION
        .iter()
        .zip([
            "evaluations-criterion-fr",
            "evaluations-criterion-en",
            "evaluations-criterion-weight",
        ])
        .map(|(name, key)| {
            let kind = if *name == "criterion_weight" {
                "number"
            } else {
                "text"
            };
            (name.to_string(), ctx.t(key), kind)
        })
        .collect();
    let typed = f.criteria.iter().filter(|r| !is_blank(r));
    let values = typed
        .map(|r| r.to_vec())
        .chain(std::iter::repeat_n(Vec::new(), BLANK_ROWS))
        .collect();
    Field::rows(
        ctx,
        "criteria",
        "evaluations-field-criteria",
        columns,
        "evaluations-criterion",
        values,
        "evaluations-criterion-add",
    )
    .hint(ctx, "evaluations-criteria-hint")
}

fn is_blank(row: &[String; 3]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
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
            criteria: GridForm::with_criteria(g),
        },
        None => match &v.previous_grid {
            // The side's grid of its previous call, without its due date.
            Some(g) => GridForm {
                method: g.method.as_str().into(),
                scale_max: g.scale_max.to_string(),
                due_at: String::new(),
                criteria: GridForm::with_criteria(g),
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

/// The typed criteria (blank rows dropped) → (fr, en, weight), or the cells that are wrong
/// (row among the rows kept, column) and the message: a label missing, a weight not 1–100.
#[allow(clippy::type_complexity)]
fn parse_criteria(
    rows: &[[String; 3]],
) -> Result<Vec<(String, String, i64)>, (Vec<(usize, &'static str)>, &'static str)> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut message = "";
    for (r, row) in rows.iter().filter(|r| !is_blank(r)).enumerate() {
        let [fr, en, w] = row.clone().map(|c| clean_text(&c));
        for (i, label) in [&fr, &en].into_iter().enumerate() {
            if label.is_empty() {
                bad.push((r, CRITERION[i]));
                message = "evaluations-error-criterion-label";
            } else if label.chars().count() > 300 {
                bad.push((r, CRITERION[i]));
                message = "common-error-too-long";
            }
        }
        match w.parse::<i64>().ok().filter(|w| (1..=100).contains(w)) {
            Some(w) if bad.is_empty() => out.push((fr, en, w)),
            Some(_) => {}
            None => {
                bad.push((r, CRITERION[2]));
                message = "evaluations-error-criterion-weight";
            }
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err((bad, message))
    }
}

pub async fn save_grid(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsGrid { id: CallId(id) }: paths::CallsGrid,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let f = GridForm::from_pairs(pairs);
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
    let mut bad_cells = Vec::new();
    let criteria = match parse_criteria(&f.criteria) {
        Ok(c) if c.is_empty() && method != Some(Method::Rank) => {
            e.add("criteria", "evaluations-error-criteria");
            None
        }
        Ok(c) => Some(c),
        Err((cells, message)) => {
            e.add("criteria", message);
            bad_cells = cells;
            None
        }
    };
    let (Some(method), Some(scale_max), Some(criteria), true) =
        (method, scale, criteria, e.is_empty())
    else {
        let mut page = grid_page(&ctx, id, &zone, &f);
        if let Some(field) = page.fields.iter_mut().find(|x| x.name == "criteria") {
            for (row, column) in bad_cells {
                *field = field.clone().invalid_cell(row, column);
            }
        }
        return Ok(page.respond(&e));
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
