//! The follow-up page of a funded project: term and its history, objectives, missions with
//! each side's cost and spending and the activity reports, the mid-term review.

use super::paths;
use crate::ids::FundedId;

use super::model::FundedState;
use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    extensions::ExtensionLine,
    model::{MissionStatus, ObjectiveStatus, report_due},
    reads,
};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render_status, see_other},
    i18n::{format_civil_date, format_iso_date, format_money},
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
    pub(super) progress: String,
    pub(super) used: String,
    pub(super) forecast: String,
    /// The final report as typed (same page, same rule: nothing typed is lost).
    #[serde(skip)]
    pub(super) final_report: String,
    /// The reason for ending the project early, as typed.
    #[serde(skip)]
    pub(super) termination_reason: String,
    /// A mission change as typed.
    #[serde(skip)]
    pub(super) mission_change: Option<crate::projects::forms::MissionForm>,
    #[serde(skip)]
    pub(super) mission_change_kind: String,
}

#[derive(Template)]
#[template(path = "followup/show.html")]
pub struct FundedPage {
    pub ctx: Ctx,
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    /// "XIe Commission mixte permanente (2019–2021)"
    pub biennium: String,
    /// "Wallonie-Bruxelles : Organisation — Lead (role)" per side.
    pub partners: Vec<String>,
    pub term: String,
    pub state: String,
    pub history: Vec<String>,
    /// (id, text, status value, status label)
    pub objectives: Vec<(i64, String, String, String)>,
    pub objective_statuses: Vec<(String, String)>,
    pub missions: Vec<MissionRow>,
    pub mission_statuses: Vec<(String, String)>,
    pub money: Vec<String>,
    /// Leads and officers of the project (what they read).
    pub is_lead: bool,
    pub is_officer: bool,
    /// What they may still do (the policy: nothing to report once completed, nothing to do
    /// for a side once closed).
    pub can_report: bool,
    pub can_act: bool,
    pub midterm: Option<MidtermView>,
    pub progress: ProgressForm,
    pub closing: ClosingView,
    /// (id, "jusqu'au … — motif", status, my side may approve)
    pub extensions: Vec<ExtensionItem>,
    pub notice: Option<String>,
    /// Ending the project early: the proposal, if any, and what the viewer may do.
    pub termination: Option<super::change_views::TerminationView>,
    pub can_terminate: bool,
    /// Missions after selection: the changes proposed or applied, and the form to propose one.
    pub mission_changes: Vec<super::change_views::MissionChangeView>,
    pub can_change_missions: bool,
    /// (value, label) of the planned missions a change may move or cancel.
    pub changeable_missions: Vec<(String, String)>,
    /// (value `FROM-TO`, label) of the directions a new mission may take.
    pub directions: Vec<(String, String)>,
    /// The change form as typed (kind, fields).
    pub change_kind: String,
    pub change_form: crate::projects::forms::MissionForm,
}

/// An extension as the funded project's page lists it.
pub struct ExtensionItem {
    pub id: i64,
    pub text: String,
    pub status: String,
    pub needs_my_approval: bool,
    /// The fingerprint of the extension as shown, carried by the approval form.
    pub seen: String,
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
    /// The fingerprint of the report as shown, carried by the approval form.
    pub seen: String,
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
    let reads::FundedPage {
        view: v,
        commission,
        midterm: m,
        final_report: fr,
        extensions,
        can_report,
        can_act_for_side,
        can_release_year2,
        can_approve_final_report,
        can_close,
        termination,
        can_terminate,
        mission_changes,
    } = reads::funded_page(&s.db, u, id).await?;
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
            "{}{} {}",
            side_name(side),
            l.colon(),
            format_money(amount, &currency, l)
        )
    };
    let today = super::model::today_in(&u.time_zone, s.db.now_ms());
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
        due: format_iso_date(&m.campaign.due_on, l),
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
                    format!("{}{} {verdict}", side_name(*side), ctx.locale.colon())
                } else {
                    format!(
                        "{}{} {verdict} — {comment}",
                        side_name(*side),
                        ctx.locale.colon()
                    )
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
        can_release: can_release_year2,
    });
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
        can_approve: can_approve_final_report,
        seen: fr
            .as_ref()
            .map(|(t, _)| super::model::final_report_fingerprint(v.funded.id, t).0)
            .unwrap_or_default(),
        can_close,
        closed: v.funded.state == FundedState::Closed,
    };
    let extensions = extensions
        .into_iter()
        .map(|e| {
            let ExtensionLine {
                id: e,
                new_end: end,
                reason,
                decided,
                approved_by: sides,
                seen,
            } = e;
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
            ExtensionItem {
                id: e,
                text,
                status,
                needs_my_approval: mine,
                seen,
            }
        })
        .collect();
    let partners = v
        .project
        .halves
        .iter()
        .map(|h| {
            let others = if h.associated_partners.trim().is_empty() {
                String::new()
            } else {
                format!(
                    "{} {}",
                    ctx.locale.semicolon(),
                    h.associated_partners.trim()
                )
            };
            format!(
                "{}{} {} — {}{others}",
                side_name(h.side_id),
                ctx.locale.colon(),
                h.organisation_name,
                h.lead_name
            )
        })
        .collect();
    let changes = super::change_views::build(ctx, &v, termination, mission_changes, &side_name);
    let kept = progress.clone().unwrap_or_default();
    let page = FundedPage {
        can_change_missions: (can_report || can_act_for_side) && v.funded.state.is_running(),
        mission_changes: changes.mission_changes,
        changeable_missions: changes.changeable_missions,
        directions: changes.directions,
        change_kind: kept.mission_change_kind.clone(),
        change_form: kept.mission_change.clone().unwrap_or_default(),
        termination: changes.termination,
        can_terminate,
        biennium: format!(
            "{} ({}–{})",
            l.t1("followup-biennium", "ordinal", commission.ordinal(l)),
            commission.start_year,
            commission.end_year
        ),
        partners,
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
        state: ctx.t(&v.funded.state.key()),
        history: v
            .history
            .iter()
            .map(|h| {
                let line = l.t_args(
                    "followup-history-line",
                    &[
                        ("old", format_iso_date(&h.old_ends_on, l).into()),
                        ("new", format_iso_date(&h.new_ends_on, l).into()),
                    ],
                );
                if h.reason.is_empty() {
                    line
                } else {
                    format!("{line} — {}", h.reason)
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
        can_report,
        can_act: can_act_for_side,
        is_lead: v.viewer.lead_of.is_some(),
        is_officer: !v.viewer.officer_of.is_empty(),
        midterm,
        progress: progress.unwrap_or_default(),
        notice: notice.map(|k| ctx.t(k)),
        ctx: ctx.clone(),
    };
    Ok(render_status(status, &page))
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedById { id: FundedId(id) }: paths::FundedById,
) -> AppResult<Response> {
    page(&s, &ctx, id, None, None, StatusCode::OK).await
}

/// Back to the page after one of its small forms; a refusal is shown there, input kept.
pub(super) async fn back(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    r: AppResult<()>,
    progress: Option<ProgressForm>,
) -> AppResult<Response> {
    match r {
        Ok(()) => Ok(see_other(
            &paths::FundedById {
                id: crate::ids::FundedId(id),
            }
            .to_string(),
        )),
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
