//! Applicant pages: start a project from a call, edit the shared project and one's own half,
//! plan missions, invite the partner; the project page (filing, reopening, withdrawing:
//! `filing_pages.rs`).

use super::paths;
use crate::ids::{CallId, ProjectId};

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{actions, forms::*, model::*, reads};
use crate::{
    calls::Call,
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, render_status, see_other, when_in_zone},
    i18n::{format_datetime, format_money},
    organisations,
    users::{Role, Viewer},
};

pub(super) async fn organisation_options(
    s: &AppState,
    side_id: i64,
) -> AppResult<Vec<(String, String)>> {
    Ok(organisations::actions::list_by_side(&s.db, side_id)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

pub(super) fn applicant_side(u: &Viewer) -> AppResult<i64> {
    u.side_as(Role::Applicant).ok_or(AppError::Forbidden)
}

fn start_page(ctx: &Ctx, call_id: i64, f: &StartForm, orgs: Vec<(String, String)>) -> FormPage {
    FormPage::new(
        ctx,
        "projects-start-title",
        &format!("/calls/{call_id}/apply"),
        "projects-start-submit",
    )
    .intro(if f.summary.is_empty() && f.context.is_empty() {
        "projects-start-intro"
    } else {
        "projects-start-prefilled"
    })
    .link(
        &format!("/organisations/new?next=/calls/{call_id}/apply"),
        "organisations-new-link",
    )
    .hidden("summary", &f.summary)
    .hidden("context", &f.context)
    .field(Field::text(ctx, "title", "projects-field-title", &f.title))
    .field(Field::select(
        ctx,
        "organisation",
        "projects-field-organisation",
        orgs,
        &f.organisation,
    ))
}

pub async fn start_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApply {
        id: CallId(call_id),
    }: paths::CallsApply,
    axum::extract::Query(prefill): axum::extract::Query<StartForm>,
) -> AppResult<Response> {
    let orgs = organisation_options(&s, applicant_side(ctx.require_user()?)?).await?;
    // A project may start from an idea written elsewhere: its title, summary and context come
    // in the address, and the applicant reads and changes them in the project as any draft.
    let f = StartForm {
        title: one_line(&prefill.title),
        organisation: String::new(),
        summary: clean_text(&prefill.summary),
        context: clean_text(&prefill.context),
    };
    Ok(start_page(&ctx, call_id, &f, orgs).respond(&FieldErrors::default()))
}

pub async fn start(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApply {
        id: CallId(call_id),
    }: paths::CallsApply,
    Form(f): Form<StartForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let orgs = organisation_options(&s, applicant_side(u)?).await?;
    let title = &clean_text(&f.title);
    if title.is_empty() || title.chars().count() > 300 {
        let key = if title.is_empty() {
            "common-error-required"
        } else {
            "common-error-too-long"
        };
        return Ok(start_page(&ctx, call_id, &f, orgs).respond(&FieldErrors::single("title", key)));
    }
    let org = f.organisation.parse().unwrap_or(0);
    // Prefilled texts are kept within what the project form accepts.
    let within = |text: &str, field: &str| -> String {
        clean_text(text).chars().take(max_chars(field)).collect()
    };
    let prefill = actions::Prefill {
        summary: within(&f.summary, "summary"),
        context: within(&f.context, "context"),
    };
    match actions::start_project(&s.db, u, call_id, title, org, &prefill).await {
        Ok(id) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => Ok(start_page(&ctx, call_id, &f, orgs).respond(&e)),
        Err(AppError::Conflict(k)) => Ok(start_page(&ctx, call_id, &f, orgs)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

pub struct HalfView {
    pub half_id: i64,
    /// The viewer is an officer of this half's side: decision and extension forms.
    pub officer: bool,
    pub filed: bool,
    pub side: String,
    pub state: String,
    pub visible: bool,
    pub organisation: String,
    pub lead: String,
    pub partners: String,
    pub admissibility: Option<String>,
    pub deadline: String,
}

pub struct MissionView {
    pub id: i64,
    pub text: String,
}

#[derive(Template)]
#[template(path = "projects/show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub id: i64,
    /// A filed version exists that the viewer reads: the whole application is one click away.
    pub has_filed: bool,
    pub title: String,
    pub summary: String,
    pub call_title: String,
    pub halves: Vec<HalfView>,
    pub missions: Vec<MissionView>,
    pub budget: Vec<String>,
    pub receipts: Vec<(i64, String)>,
    /// (id, name, size text)
    pub attachments: Vec<(i64, String, String)>,
    /// The lead's progress: (label, done, link).
    pub steps: Vec<(String, bool, String)>,
    pub is_lead: bool,
    pub can_edit: bool,
    pub can_invite: bool,
    pub can_file: bool,
    pub can_reopen: bool,
    pub can_withdraw: bool,
    /// Why the lead cannot change the project now (filed, deadline passed, withdrawn).
    pub frozen: Option<String>,
    pub version: i64,
    pub problems: Vec<String>,
    pub notice: Option<String>,
    /// The commission's decision, once released to the lead's side.
    pub outcome: Option<String>,
    /// "Projet financé du … au …" once selected and released, with the follow-up page's id.
    pub funded: Option<(i64, String)>,
}

fn side_name(call: &Call, side_id: i64, ctx: &Ctx) -> String {
    call.side(side_id)
        .map(|s| s.side_name.get(ctx.locale).to_string())
        .unwrap_or_default()
}

/// Each side's budget for these missions, in its currency (rule 6).
pub fn budget_lines(ctx: &Ctx, call: &Call, missions: &[Mission]) -> Vec<String> {
    let l = ctx.locale;
    budget(call, missions)
        .iter()
        .map(|b| {
            l.t_args(
                "projects-budget-line",
                &[
                    ("side", side_name(call, b.side_id, ctx).into()),
                    ("travel", format_money(b.travel, &b.currency, l).into()),
                    ("stay", format_money(b.stay, &b.currency, l).into()),
                    (
                        "total",
                        format_money(b.travel + b.stay, &b.currency, l).into(),
                    ),
                ],
            )
        })
        .collect()
}

pub(super) async fn show_page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    problems: &[String],
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let reads::ProjectPage {
        project: p,
        call,
        relation: viewer,
        receipts,
        attachments,
        outcome,
        funded,
        decides_for,
        is_lead,
        can_edit,
        can_invite,
        can_file,
        can_reopen,
        can_withdraw,
    } = reads::project_page(&s.db, u, id).await?;
    let has_filed = !receipts.is_empty();
    let l = ctx.locale;
    let halves = call
        .sides
        .iter()
        .map(|sd| {
            let h = p.half_of_side(sd.side_id);
            let visible = h.is_some_and(|h| viewer.sees_half(h));
            HalfView {
                half_id: h.map(|h| h.id).unwrap_or(0),
                officer: h.is_some() && decides_for.contains(&sd.side_id),
                filed: h.is_some_and(|h| h.state == HalfState::Submitted),
                side: sd.side_name.get(l).to_string(),
                state: h
                    .map(|h| ctx.t(&h.state.key()))
                    .unwrap_or_else(|| ctx.t("projects-state-missing")),
                visible,
                organisation: h
                    .filter(|_| visible)
                    .map(|h| h.organisation_name.clone())
                    .unwrap_or_default(),
                lead: h
                    .filter(|_| visible)
                    .map(|h| {
                        format!(
                            "{} <{}>{}",
                            h.lead_name,
                            h.lead_email,
                            if h.lead_role.is_empty() {
                                String::new()
                            } else {
                                format!(", {}", h.lead_role)
                            }
                        )
                    })
                    .unwrap_or_default(),
                partners: h
                    .filter(|_| visible)
                    .map(|h| h.associated_partners.clone())
                    .unwrap_or_default(),
                admissibility: h.filter(|_| visible).and_then(|h| {
                    h.admissibility.as_ref().map(|a| {
                        format!(
                            "{} {}",
                            ctx.t(&format!("projects-{a}")),
                            h.admissibility_reason.clone().unwrap_or_default()
                        )
                    })
                }),
                deadline: h
                    .and_then(|h| filing_deadline(&call, h))
                    .or(Some(sd.deadline_at))
                    .map(|d| when_in_zone(ctx, d, &sd.time_zone))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let missions = p
        .missions
        .iter()
        .map(|m| MissionView {
            id: m.id,
            text: l.t_args(
                "projects-mission-line",
                &[
                    ("from", side_name(&call, m.from_side_id, ctx).into()),
                    ("to", side_name(&call, m.to_side_id, ctx).into()),
                    ("travellers", m.travellers.into()),
                    ("date", m.starts_on.clone().into()),
                    ("days", m.days.into()),
                    ("purpose", m.purpose.clone().into()),
                ],
            ),
        })
        .collect();
    let budget = budget_lines(ctx, &call, &p.missions);
    let own = p.half_led_by(u.id);
    let outcome = match own {
        Some(h) => outcome.map(|(o, amount)| {
            let currency = call
                .side(h.side_id)
                .map(|sd| sd.currency.clone())
                .unwrap_or_default();
            match amount {
                Some(a) => format!("{} — {}", ctx.t(&o.key()), format_money(a, &currency, l)),
                None => ctx.t(&o.key()),
            }
        }),
        None => None,
    };
    let funded = match &outcome {
        Some(_) => funded.map(|f| {
            let text = l.t_args(
                "decisions-funded-term",
                &[
                    (
                        "start",
                        crate::i18n::format_civil_date(f.starts_on, l).into(),
                    ),
                    ("end", crate::i18n::format_civil_date(f.ends_on, l).into()),
                ],
            );
            (f.id, text)
        }),
        None => None,
    };
    // The steps lead to the forms: only while the lead may still change the project.
    let steps = match own.filter(|_| can_edit) {
        Some(h) => vec![
            (
                "projects-step-project",
                !p.title.is_empty()
                    && !p.summary.is_empty()
                    && !p.theme_ids.is_empty()
                    && p.duration_months.is_some()
                    && !p.objectives.is_empty(),
                format!("/projects/{id}/edit"),
            ),
            (
                "projects-step-half",
                !h.lead_role.is_empty(),
                format!("/projects/{id}/half"),
            ),
            (
                "projects-step-missions",
                !p.missions.is_empty(),
                format!("/projects/{id}/missions/new"),
            ),
            (
                "projects-step-attachments",
                attachments.iter().any(|a| a.half_id == h.id),
                format!("/projects/{id}#attachments"),
            ),
            (
                "projects-step-partner",
                p.is_paired(&call),
                format!("/projects/{id}/invite"),
            ),
            (
                "projects-step-filed",
                h.state == HalfState::Submitted,
                format!("/projects/{id}#file"),
            ),
        ]
        .into_iter()
        .map(|(k, done, link)| (ctx.t(k), done, link))
        .collect(),
        None => Vec::new(),
    };
    let page = ShowPage {
        steps,
        has_filed,
        ctx: ctx.clone(),
        id,
        title: p.title.clone(),
        summary: p.summary.clone(),
        call_title: call.title.get(l).to_string(),
        halves,
        missions,
        budget,
        receipts: receipts
            .iter()
            .map(|r| {
                (
                    r.id,
                    l.t_args(
                        "projects-receipt-line",
                        &[
                            ("version", r.version.into()),
                            (
                                "when",
                                format_datetime(r.submitted_at, &ctx.time_zone, l).into(),
                            ),
                        ],
                    ),
                )
            })
            .collect(),
        attachments: attachments
            .iter()
            .map(|a| {
                (
                    a.id,
                    a.filename.clone(),
                    crate::i18n::format_number((a.size + 1023) / 1024, 0, l) + " Kio",
                )
            })
            .collect(),
        is_lead,
        can_edit,
        can_invite,
        can_file,
        can_reopen,
        can_withdraw,
        frozen: (is_lead && !can_edit).then(|| {
            ctx.t(match own.map(|h| h.state) {
                Some(HalfState::Submitted) if can_reopen => "projects-frozen-reopenable",
                Some(HalfState::Submitted) => "projects-frozen",
                Some(HalfState::Withdrawn) => "projects-error-withdrawn",
                // Reopened and not filed again in time: the filed version stands.
                Some(HalfState::Draft) if own.is_some_and(|h| h.version > 0) => {
                    "projects-frozen-dropped"
                }
                _ => "projects-frozen-deadline",
            })
        }),
        version: own.map(|h| h.version).unwrap_or(0),
        problems: problems.to_vec(),
        notice: notice.map(|k| ctx.t(k)),
        outcome,
        funded,
    };
    Ok(render_status(status, &page))
}

/// The project page with a message for the whole page (refused upload…).
pub async fn show_with_notice(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    key: &str,
    status: StatusCode,
) -> AppResult<Response> {
    show_page(s, ctx, id, &[], Some(key), status).await
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsById { id: ProjectId(id) }: paths::ProjectsById,
) -> AppResult<Response> {
    show_page(&s, &ctx, id, &[], None, StatusCode::OK).await
}

/// "My projects" is the applicant's workspace now (states, the other side, the next step).
pub async fn mine() -> Response {
    see_other(&format!("{}#ws-projects", crate::http::LANDING))
}
