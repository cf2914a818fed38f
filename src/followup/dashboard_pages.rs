//! Dashboards: a commission's, and a programme's over all its commissions. Charts are SVG
//! with a text alternative, each beside the table of its figures.

use super::paths;
use crate::ids::{CommissionId, ProgrammeId};

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};

use super::dashboard::Dashboard;
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render_status},
};

/// A chart and the table of the same figures.
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// (label, shown value)
    pub rows: Vec<(String, String)>,
}

fn chart(
    id: &str,
    title: String,
    l: crate::i18n::Locale,
    rows: Vec<(String, i64, String)>,
) -> Chart {
    Chart {
        id: id.into(),
        svg: crate::charts::bars(id, &title, l, &rows),
        rows: rows.into_iter().map(|(l, _, s)| (l, s)).collect(),
        title,
    }
}

#[derive(Template)]
#[template(path = "followup/dashboard.html")]
pub struct DashboardPage {
    pub ctx: Ctx,
    /// (link, label) back to where the dashboard was opened from.
    pub back: Option<(String, String)>,
    /// The programme, for a link to its whole dashboard.
    pub programme: Option<i64>,
    pub title: String,
    pub charts: Vec<Chart>,
    pub overdue: i64,
    pub late: i64,
}

/// The charts of a dashboard: states, themes, missions, then one per side for its money in
/// its own currency (never added to another side's).
fn charts_of(ctx: &Ctx, d: &Dashboard) -> Vec<Chart> {
    let l = ctx.locale;
    let count = |n: i64| crate::i18n::format_number(n, 0, l);
    let mut charts = vec![
        chart(
            "by-state",
            ctx.t("followup-dash-by-state"),
            l,
            d.by_state
                .iter()
                .map(|(st, n)| {
                    (
                        ctx.t(&format!("followup-state-{}", st.replace('_', "-"))),
                        *n,
                        count(*n),
                    )
                })
                .collect(),
        ),
        chart(
            "by-theme",
            ctx.t("followup-dash-by-theme"),
            l,
            d.by_theme
                .iter()
                .map(|(t, n)| (t.name.get(l).to_string(), *n, count(*n)))
                .collect(),
        ),
        chart(
            "missions",
            ctx.t("followup-dash-missions"),
            l,
            d.missions
                .iter()
                .map(|(st, n)| (ctx.t(&st.key()), *n, count(*n)))
                .collect(),
        ),
    ];
    for (side, committed, spent) in &d.money {
        let money = |m: i64| crate::i18n::format_money(m, &side.currency, l);
        charts.push(chart(
            &format!("money-{}", side.code.to_lowercase()),
            l.t_args(
                "followup-dash-money",
                &[
                    ("side", side.name.get(l).to_string().into()),
                    ("currency", side.currency.clone().into()),
                ],
            ),
            l,
            vec![
                (
                    ctx.t("followup-dash-committed"),
                    *committed,
                    money(*committed),
                ),
                (ctx.t("followup-dash-spent"), *spent, money(*spent)),
            ],
        ));
    }
    charts
}

pub async fn dashboard(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsDashboard {
        id: CommissionId(id),
    }: paths::CommissionsDashboard,
) -> AppResult<Response> {
    let l = ctx.locale;
    let d = super::dashboard::dashboard(&s.db, ctx.require_user()?, id).await?;
    let commission = d.commission.clone().ok_or(AppError::NotFound)?;
    Ok(render_status(
        StatusCode::OK,
        &DashboardPage {
            title: l.t1("followup-dash-title", "ordinal", commission.ordinal(l)),
            charts: charts_of(&ctx, &d),
            overdue: d.overdue_reports,
            late: d.late_final_reports,
            back: Some((
                format!("/commissions/{id}/followup"),
                ctx.t("followup-back-commission"),
            )),
            programme: Some(commission.programme_id),
            ctx,
        },
    ))
}

/// Every commission of a programme together: projects, missions and each side's money summed
/// over its commissions (one side, one currency).
pub async fn programme_dashboard(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProgrammesDashboard {
        id: ProgrammeId(id),
    }: paths::ProgrammesDashboard,
) -> AppResult<Response> {
    let l = ctx.locale;
    let d = super::dashboard::programme(&s.db, ctx.require_user()?, id).await?;
    let name = d
        .programme_name
        .as_ref()
        .map(|n| n.get(l).to_string())
        .ok_or(AppError::NotFound)?;
    Ok(render_status(
        StatusCode::OK,
        &DashboardPage {
            title: l.t1("followup-dash-programme", "name", name),
            charts: charts_of(&ctx, &d),
            overdue: d.overdue_reports,
            late: d.late_final_reports,
            back: None,
            programme: None,
            ctx,
        },
    ))
}
