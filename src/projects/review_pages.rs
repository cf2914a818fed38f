//! The review before filing: the lead sees their half as it will be filed, what still stops it
//! (each problem linking to where it is fixed), what happens once filed and until when it can
//! be filed again — then files from here.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{
    model::{HalfState, filing_deadline, filing_problems, problem_field},
    pages::budget_lines,
    paths, reads,
};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render, when_in_zone},
    i18n::{format_iso_date, format_number},
    ids::ProjectId,
    pdf::Field,
};

#[derive(Template)]
#[template(path = "projects/review.html")]
pub struct ReviewPage {
    pub ctx: Ctx,
    pub id: i64,
    pub title: String,
    pub side: String,
    /// What still stops the half from being filed: (message, where it is fixed).
    pub problems: Vec<(String, String)>,
    pub facts: Vec<Field>,
    pub missions: Vec<String>,
    pub budget: Vec<String>,
    pub files: Vec<String>,
    /// What happens once filed, and until when it can be filed again.
    pub next: Vec<String>,
    pub can_file: bool,
    pub version: i64,
}

/// Where a filing problem is fixed.
fn fix_at(id: i64, key: &str) -> String {
    let edit = |field: &str| format!("{}#f-{field}", paths::ProjectsEdit::url(id));
    if let Some(field) = problem_field(key) {
        return edit(field);
    }
    match key {
        "projects-problem-organisation-kind" => paths::ProjectsHalf::url(id),
        "projects-problem-partner" => paths::ProjectsInvite::url(id),
        _ => format!("{}#missions", paths::ProjectsById::url(id)),
    }
}

pub async fn review(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsReview { id: ProjectId(id) }: paths::ProjectsReview,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let v = reads::review(&s.db, u, id).await?;
    let (p, call) = (&v.project, &v.call);
    let half = p.half_led_by(u.id).ok_or(AppError::NotFound)?;
    let l = ctx.locale;
    let terms = call.side(half.side_id);
    let side = terms
        .map(|t| t.side_name.get(l).to_string())
        .unwrap_or_default();
    let given = |s: &str| {
        if s.trim().is_empty() {
            ctx.t("projects-not-given")
        } else {
            s.to_string()
        }
    };
    let field = |key: &str, value: String| Field {
        label: ctx.t(key),
        value,
    };
    let facts = vec![
        field("projects-field-title", given(&p.title)),
        field("projects-field-summary", given(&p.summary)),
        field(
            "projects-field-themes",
            given(
                &v.themes
                    .iter()
                    .map(|t| t.name.get(l).to_string())
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
        ),
        field(
            "projects-field-duration",
            p.duration_months
                .map(|d| format_number(d, 0, l))
                .unwrap_or_else(|| ctx.t("projects-not-given")),
        ),
        field(
            "projects-field-renewal",
            ctx.t(if p.is_renewal {
                "projects-renewal-yes"
            } else {
                "projects-renewal-no"
            }),
        ),
        field("projects-field-earlier-results", given(&p.earlier_results)),
        field("projects-field-multilateral", given(&p.multilateral_links)),
        field("projects-field-context", given(&p.context)),
        field("projects-field-objectives", given(&p.objectives)),
        field("projects-field-plan", given(&p.plan)),
        field(
            "projects-field-organisation",
            given(&half.organisation_name),
        ),
        field("projects-field-lead-role", given(&half.lead_role)),
        field("projects-field-partners", given(&half.associated_partners)),
    ];
    let missions = p
        .missions
        .iter()
        .map(|m| {
            let name = |side: i64| {
                call.side(side)
                    .map(|t| t.side_name.get(l).to_string())
                    .unwrap_or_default()
            };
            l.t_args(
                "projects-mission-line",
                &[
                    ("from", name(m.from_side_id).into()),
                    ("to", name(m.to_side_id).into()),
                    ("travellers", m.travellers.into()),
                    ("date", format_iso_date(&m.starts_on, l).into()),
                    ("days", m.days.into()),
                    ("purpose", m.purpose.clone().into()),
                ],
            )
        })
        .collect();
    let mut next = vec![l.t1("projects-review-next", "side", side.clone())];
    if let (Some(t), Some(deadline)) = (terms, filing_deadline(call, half)) {
        next.push(l.t1(
            "projects-receipt-refile",
            "deadline",
            when_in_zone(&ctx, deadline, &t.time_zone),
        ));
    }
    let problems = filing_problems(call, p, half)
        .into_iter()
        .map(|k| (ctx.t(k), fix_at(id, k)))
        .collect::<Vec<_>>();
    Ok(render(&ReviewPage {
        id,
        title: p.title.clone(),
        side,
        can_file: v.can_file && problems.is_empty() && half.state != HalfState::Submitted,
        problems,
        facts,
        missions,
        budget: budget_lines(&ctx, call, &p.missions),
        files: v
            .attachments
            .iter()
            .map(|a| format!("{} ({})", a.filename, a.content_type))
            .collect(),
        next,
        version: half.version,
        ctx,
    }))
}
