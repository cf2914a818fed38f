//! The follow-up page of a funded project: term and its history, objectives, missions with
//! each side's cost and spending and the activity reports, the mid-term review.

use askama::Template;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use super::{
    actions, midterm, missions,
    model::{MissionStatus, ObjectiveStatus, report_due},
};
use crate::{
    calls::model::parse_amount,
    error::{AppError, AppResult},
    i18n::{format_civil_date, format_iso_date, format_money},
    web::{AppState, Ctx, render_status, see_other},
};

pub struct MissionRow {
    pub id: i64,
    pub direction: String,
    pub when: String,
    pub travellers: i64,
    pub purpose: String,
    pub status: String,
    /// One "Side : amount" per side, each in its own currency.
    pub costs: Vec<String>,
    pub spent: Vec<String>,
    pub report: Option<String>,
    /// "à remettre avant le …" / "en retard depuis le …" when a report is expected.
    pub report_due: Option<String>,
}

/// What a lead typed in the progress report, kept when it is refused.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProgressForm {
    progress: String,
    used: String,
    forecast: String,
    /// The final report as typed (same page, same rule: nothing typed is lost).
    #[serde(skip)]
    final_report: String,
}

#[derive(Template)]
#[template(path = "followup/show.html")]
pub struct FundedPage {
    pub ctx: Ctx,
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub term: String,
    pub state: String,
    pub history: Vec<String>,
    /// (id, text, status value, status label)
    pub objectives: Vec<(i64, String, String, String)>,
    pub objective_statuses: Vec<(String, String)>,
    pub missions: Vec<MissionRow>,
    pub mission_statuses: Vec<(String, String)>,
    pub money: Vec<String>,
    pub is_lead: bool,
    pub is_officer: bool,
    pub midterm: Option<MidtermView>,
    pub progress: ProgressForm,
    pub closing: ClosingView,
    /// (id, "jusqu'au … — motif", status, my side may approve)
    pub extensions: Vec<(i64, String, String, bool)>,
    pub notice: Option<String>,
}

pub struct ClosingView {
    /// "à remettre au plus tard le …"
    pub due: String,
    pub late: bool,
    pub report: Option<String>,
    pub approved: Vec<String>,
    pub can_approve: bool,
    pub can_close: bool,
    pub closed: bool,
}

pub struct MidtermView {
    pub due: String,
    pub report: Option<String>,
    pub funds: Vec<String>,
    pub opinions: Vec<String>,
    pub joint: Option<String>,
    pub released: Vec<String>,
    pub can_release: bool,
}

async fn page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<&str>,
    progress: Option<ProgressForm>,
    status: StatusCode,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let v = actions::view(&s.db, u, id).await?;
    let m = midterm::midterm_of(&s.db, u, id).await?;
    let l = ctx.locale;
    let side_name = |id: i64| {
        v.sides
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.get(l).to_string())
            .unwrap_or_default()
    };
    let money_of = |side: i64, amount: i64| {
        let currency = v
            .call
            .side(side)
            .map(|s| s.currency.clone())
            .unwrap_or_default();
        format!(
            "{} : {}",
            side_name(side),
            format_money(amount, &currency, l)
        )
    };
    let today = super::model::today_in(&u.time_zone);
    let missions = v
        .missions
        .iter()
        .map(|fm| {
            let due = report_due(fm).filter(|_| fm.report.is_none());
            MissionRow {
                id: fm.id,
                direction: format!(
                    "{} → {}",
                    side_name(fm.mission.from_side_id),
                    side_name(fm.mission.to_side_id)
                ),
                when: l.t_args(
                    "followup-mission-when",
                    &[
                        ("date", format_iso_date(&fm.mission.starts_on, l).into()),
                        ("days", fm.mission.days.into()),
                    ],
                ),
                travellers: fm.mission.travellers,
                purpose: fm.mission.purpose.clone(),
                status: fm.status.as_str().to_string(),
                costs: super::model::mission_cost(&v.call, fm)
                    .into_iter()
                    .map(|(side, c)| money_of(side, c))
                    .collect(),
                spent: fm
                    .spending
                    .iter()
                    .map(|(side, a)| money_of(*side, *a))
                    .collect(),
                report: fm.report.clone(),
                report_due: due.map(|d| {
                    let key = if d < today {
                        "followup-report-overdue"
                    } else {
                        "followup-report-due"
                    };
                    l.t1(key, "date", format_civil_date(d, l))
                }),
            }
        })
        .collect();
    let midterm = m.map(|m| MidtermView {
        due: format_iso_date(&m.campaign.2, l),
        report: m.report.as_ref().map(|(_, p)| p.clone()),
        funds: m
            .funds
            .iter()
            .map(|(side, used, forecast)| {
                let currency = v
                    .call
                    .side(*side)
                    .map(|s| s.currency.clone())
                    .unwrap_or_default();
                l.t_args(
                    "followup-funds-line",
                    &[
                        ("side", side_name(*side).into()),
                        ("used", format_money(*used, &currency, l).into()),
                        ("forecast", format_money(*forecast, &currency, l).into()),
                    ],
                )
            })
            .collect(),
        opinions: m
            .opinions
            .iter()
            .map(|(side, fav, comment)| {
                let verdict = ctx.t(if *fav {
                    "followup-opinion-favourable"
                } else {
                    "followup-opinion-unfavourable"
                });
                if comment.is_empty() {
                    format!("{} : {verdict}", side_name(*side))
                } else {
                    format!("{} : {verdict} — {comment}", side_name(*side))
                }
            })
            .collect(),
        joint: m.joint.map(|j| {
            ctx.t(if j {
                "followup-joint-favourable"
            } else {
                "followup-joint-unfavourable"
            })
        }),
        released: m.year2_released.iter().map(|s| side_name(*s)).collect(),
        can_release: m.joint == Some(true)
            && v.viewer
                .officer_of
                .iter()
                .any(|s| !m.year2_released.contains(s)),
    });
    let fr = super::closing::final_report(&s.db, u, id).await?;
    let closing = ClosingView {
        due: super::model::final_report_due(v.funded.ends_on)
            .map(|d| l.t1("followup-final-due", "date", format_civil_date(d, l)))
            .unwrap_or_default(),
        late: super::model::final_report_late(v.funded.ends_on, fr.is_some(), today),
        report: fr.as_ref().map(|(t, _)| t.clone()),
        approved: fr
            .as_ref()
            .map(|(_, a)| a.iter().map(|s| side_name(*s)).collect())
            .unwrap_or_default(),
        can_approve: fr
            .as_ref()
            .is_some_and(|(_, a)| v.viewer.officer_of.iter().any(|s| !a.contains(s)))
            && v.funded.state != "closed",
        can_close: v.funded.state == "completed" && !v.viewer.officer_of.is_empty(),
        closed: v.funded.state == "closed",
    };
    let extensions = super::extensions::of_project(&s.db, u, id)
        .await?
        .into_iter()
        .map(|(e, end, reason, decided, sides)| {
            let text = l.t_args(
                "followup-extension-line",
                &[
                    ("date", format_iso_date(&end, l).into()),
                    ("reason", reason.into()),
                ],
            );
            let status = ctx.t(if decided {
                "decisions-decided"
            } else {
                "decisions-awaiting"
            });
            let mine = !decided && v.viewer.officer_of.iter().any(|s| !sides.contains(s));
            (e, text, status, mine)
        })
        .collect();
    let page = FundedPage {
        extensions,
        closing,
        id,
        project_id: v.project.id,
        title: v.project.title.clone(),
        term: l.t_args(
            "decisions-funded-term",
            &[
                ("start", format_civil_date(v.funded.starts_on, l).into()),
                ("end", format_civil_date(v.funded.ends_on, l).into()),
            ],
        ),
        state: ctx.t(&format!(
            "followup-state-{}",
            v.funded.state.replace('_', "-")
        )),
        history: v
            .history
            .iter()
            .map(|(old, new, _, reason, _)| {
                let line = l.t_args(
                    "followup-history-line",
                    &[
                        ("old", format_iso_date(old, l).into()),
                        ("new", format_iso_date(new, l).into()),
                    ],
                );
                if reason.is_empty() {
                    line
                } else {
                    format!("{line} — {reason}")
                }
            })
            .collect(),
        objectives: v
            .objectives
            .iter()
            .map(|(id, t, st)| (*id, t.clone(), st.as_str().to_string(), ctx.t(&st.key())))
            .collect(),
        objective_statuses: ObjectiveStatus::ALL
            .iter()
            .map(|st| (st.as_str().to_string(), ctx.t(&st.key())))
            .collect(),
        missions,
        mission_statuses: MissionStatus::ALL
            .iter()
            .map(|st| (st.as_str().to_string(), ctx.t(&st.key())))
            .collect(),
        money: v
            .money
            .iter()
            .map(|sm| {
                let line = l.t_args(
                    "followup-money-line",
                    &[
                        ("side", side_name(sm.side_id).into()),
                        (
                            "committed",
                            format_money(sm.committed, &sm.currency, l).into(),
                        ),
                        ("spent", format_money(sm.spent, &sm.currency, l).into()),
                    ],
                );
                if sm.capped {
                    format!("{line} {}", ctx.t("followup-money-capped"))
                } else {
                    line
                }
            })
            .collect(),
        is_lead: v.viewer.lead_of.is_some(),
        is_officer: !v.viewer.officer_of.is_empty(),
        midterm,
        progress: progress.unwrap_or_default(),
        notice: notice.map(|k| ctx.t(k)),
        ctx: ctx.clone(),
    };
    Ok(render_status(status, &page))
}

pub async fn show(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    page(&s, &ctx, id, None, None, StatusCode::OK).await
}

/// Back to the page after one of its small forms; a refusal is shown there, input kept.
async fn back(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: AppResult<()>,
    progress: Option<ProgressForm>,
) -> AppResult<Response> {
    match r {
        Ok(()) => Ok(see_other(&format!("/funded/{id}"))),
        Err(AppError::Invalid(e)) => {
            let key = e.0.values().next().cloned().unwrap_or_default();
            page(
                s,
                ctx,
                id,
                Some(&key),
                progress,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(k)) => {
            page(s, ctx, id, Some(&k), progress, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ObjectiveForm {
    objective: i64,
    status: String,
}

pub async fn objective(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ObjectiveForm>,
) -> AppResult<Response> {
    let st = ObjectiveStatus::parse(&f.status).ok_or(AppError::NotFound)?;
    let r = actions::set_objective(&s.db, ctx.require_user()?, id, f.objective, st).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MissionForm {
    mission: i64,
    status: String,
    amount: String,
    report: String,
}

pub async fn mission_status(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let st = MissionStatus::parse(&f.status).ok_or(AppError::NotFound)?;
    let r = missions::set_status(&s.db, ctx.require_user()?, id, f.mission, st).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn mission_spending(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let r = match parse_amount(&f.amount) {
        Some(a) => missions::record_spending(&s.db, ctx.require_user()?, id, f.mission, a).await,
        None => Err(AppError::Invalid(crate::error::FieldErrors::single(
            "amount",
            "followup-error-amount",
        ))),
    };
    back(&s, &ctx, id, r, None).await
}

pub async fn mission_report(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let r = missions::submit_report(&s.db, ctx.require_user()?, id, f.mission, &f.report).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn progress(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ProgressForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let (used, forecast) = (parse_amount(&f.used), parse_amount(&f.forecast));
    let r = match (used, forecast) {
        (Some(used), Some(forecast)) => {
            let v = actions::view(&s.db, u, id).await?;
            let statuses: Vec<_> = v.objectives.iter().map(|(o, _, st)| (*o, *st)).collect();
            midterm::file_report(&s.db, u, id, &f.progress, &statuses, used, forecast).await
        }
        _ => Err(AppError::Invalid(crate::error::FieldErrors::single(
            "used",
            "followup-error-amount",
        ))),
    };
    back(&s, &ctx, id, r, Some(f)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OpinionForm {
    favourable: String,
    comment: String,
}

pub async fn opinion(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<OpinionForm>,
) -> AppResult<Response> {
    let favourable = match f.favourable.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::NotFound),
    };
    let r = midterm::give_opinion(&s.db, ctx.require_user()?, id, favourable, &f.comment).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn year2(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let r = midterm::release_year2(&s.db, ctx.require_user()?, id).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FinalForm {
    final_report: String,
}

pub async fn final_report(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<FinalForm>,
) -> AppResult<Response> {
    let r = super::closing::file(&s.db, ctx.require_user()?, id, &f.final_report).await;
    let kept = ProgressForm {
        final_report: f.final_report,
        ..ProgressForm::default()
    };
    back(&s, &ctx, id, r, Some(kept)).await
}

pub async fn approve_final(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let r = super::closing::approve(&s.db, ctx.require_user()?, id).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn close(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let r = super::closing::close(&s.db, ctx.require_user()?, id).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExtensionForm {
    new_end: String,
    reason: String,
}

pub async fn propose_extension(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ExtensionForm>,
) -> AppResult<Response> {
    let r = super::extensions::propose(&s.db, ctx.require_user()?, id, &f.new_end, &f.reason)
        .await
        .map(|_| ());
    back(&s, &ctx, id, r, None).await
}

pub async fn approve_extension(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, ext)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let r = super::extensions::approve(&s.db, &s.settings.public_url, ctx.require_user()?, ext)
        .await
        .map(|_| ());
    back(&s, &ctx, id, r, None).await
}
