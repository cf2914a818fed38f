//! Call pages: the public list and page of a call (deadlines in every zone that matters, a
//! countdown, what each side funds), and the officers' form, approval and archiving.

use super::paths;
use crate::ids::CallId;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    actions,
    model::{Call, Phase, TravelPayer, time_left},
    policy::{self, Perm},
};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, form::Seen, render, see_other, when_in_zone},
    i18n::format_money,
    organisations::OrganisationKind,
    users::Role,
};

/// One side's deadline and funding as shown.
pub struct SideView {
    pub name: String,
    /// In the side's own zone, then the other zones ("— 23:59 à Bruxelles").
    pub deadline: String,
    pub elsewhere: Vec<String>,
    pub countdown: Option<String>,
    pub caps: String,
    pub approved: bool,
}

pub struct CallView {
    pub id: i64,
    pub title: String,
    pub phase: String,
    pub is_draft: bool,
    pub sides: Vec<SideView>,
}

/// Each side's deadline, read in its own zone and then in the other sides' zones (an instant
/// is always shown with its zone named, and in the other side's time too), one line per side.
pub fn deadline_lines(ctx: &Ctx, call: &Call) -> Vec<String> {
    call.sides
        .iter()
        .map(|s| side_deadline(ctx, call, s.side_id, s.deadline_at))
        .collect()
}

/// `side`'s deadline `at` (its own, or a half's extension), in its zone then the others'.
pub fn side_deadline(ctx: &Ctx, call: &Call, side: i64, at: i64) -> String {
    let Some(s) = call.side(side) else {
        return String::new();
    };
    let colon = format!("{} ", ctx.locale.colon());
    let mut text = format!(
        "{}{colon}{}",
        s.side_name.get(ctx.locale),
        when_in_zone(ctx, at, &s.time_zone)
    );
    for other in call.sides.iter().filter(|o| o.time_zone != s.time_zone) {
        text.push_str(" · ");
        text.push_str(&when_in_zone(ctx, at, &other.time_zone));
    }
    text
}

/// Renders a call for `ctx`'s viewer at `now`.
fn view(ctx: &Ctx, call: &Call, now: i64) -> CallView {
    let l = ctx.locale;
    let mut zones: Vec<&str> = call.sides.iter().map(|s| s.time_zone.as_str()).collect();
    zones.push(&ctx.time_zone);
    zones.dedup();
    let sides = call
        .sides
        .iter()
        .map(|s| {
            let mut others: Vec<&str> = zones
                .iter()
                .copied()
                .filter(|z| *z != s.time_zone)
                .collect();
            others.sort_unstable();
            others.dedup();
            SideView {
                name: s.side_name.get(l).to_string(),
                deadline: when_in_zone(ctx, s.deadline_at, &s.time_zone),
                elsewhere: others
                    .into_iter()
                    .map(|z| when_in_zone(ctx, s.deadline_at, z))
                    .collect(),
                countdown: (call.phase(now) == Phase::Open || call.phase(now) == Phase::Published)
                    .then(|| time_left(now, s.deadline_at))
                    .flatten()
                    .map(|(d, h, m)| {
                        l.t_args(
                            "calls-countdown",
                            &[
                                ("days", d.into()),
                                ("hours", h.into()),
                                ("minutes", m.into()),
                            ],
                        )
                    }),
                caps: l.t_args(
                    "calls-caps",
                    &[
                        ("trip", format_money(s.cap_per_trip, &s.currency, l).into()),
                        ("stay", format_money(s.cap_per_stay, &s.currency, l).into()),
                        ("year", format_money(s.cap_per_year, &s.currency, l).into()),
                    ],
                ),
                approved: call.approved_by_sides.contains(&s.side_id),
            }
        })
        .collect();
    CallView {
        id: call.id,
        title: call.title.get(l).to_string(),
        phase: ctx.t(call.phase(now).key()),
        is_draft: call.phase(now) == Phase::Draft,
        sides,
    }
}

#[derive(Template)]
#[template(path = "calls/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub calls: Vec<CallView>,
    pub can_create: bool,
}

pub async fn list(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let now = s.db.now_ms();
    let calls = actions::list_calls(&s.db, ctx.user.as_ref()).await?;
    let calls = calls.iter().map(|c| view(&ctx, c, now)).collect();
    // Which programme is chosen in the form; the action checks the officer's side there.
    let can_create = ctx.user.as_ref().is_some_and(|u| u.has_role(Role::Officer));
    Ok(render(&ListPage {
        ctx,
        calls,
        can_create,
    }))
}

#[derive(Template)]
#[template(path = "calls/show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub call: CallView,
    pub guidelines: String,
    pub themes: Vec<String>,
    pub eligibility: Vec<String>,
    pub funding: String,
    /// An officer of the programme (sees each side's approval).
    pub is_officer: bool,
    pub can_see_applications: bool,
    pub can_edit: bool,
    /// An applicant of one of the call's sides, while it is open.
    pub can_apply: bool,
    /// For a visitor while the call is open: sign up, then the new project's form.
    pub signup_to_apply: Option<String>,
    pub can_approve: bool,
    /// The fingerprint of the call as shown, carried by the approval form.
    pub seen: String,
    pub can_archive: bool,
    /// An evaluator may declare conflicts once the call is published.
    pub can_declare_conflicts: bool,
    pub notice: Option<String>,
}

async fn show_page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let (call, themes) = actions::get_call(&s.db, ctx.user.as_ref(), id).await?;
    let l = ctx.locale;
    let now = s.db.now_ms();
    let facts = policy::Facts::of(&call, now);
    let can = |perm| policy::can(ctx.user.as_ref(), perm, &facts);
    let mut eligibility = vec![
        l.t_args(
            "calls-eligibility-duration",
            &[
                ("min", call.min_duration_months.into()),
                ("max", call.max_duration_months.into()),
            ],
        ),
        l.t_args(
            "calls-eligibility-partners",
            &[("count", call.min_partners_per_side.into())],
        ),
    ];
    let kinds: Vec<String> = call
        .organisation_kinds
        .iter()
        .map(|k| ctx.t(&kind_key(*k)))
        .collect();
    eligibility.push(if kinds.is_empty() {
        ctx.t("calls-eligibility-all-kinds")
    } else {
        l.t1("calls-eligibility-kinds", "kinds", kinds.join(", "))
    });
    let page = ShowPage {
        ctx: ctx.clone(),
        guidelines: crate::markdown::render(call.guidelines.get(l)),
        themes: themes.iter().map(|t| t.name.get(l).to_string()).collect(),
        eligibility,
        funding: ctx.t(match call.travel_paid_by {
            TravelPayer::Sending => "calls-funding-sending",
            TravelPayer::Receiving => "calls-funding-receiving",
        }),
        is_officer: can(Perm::Create),
        can_see_applications: can(Perm::SeeApplications),
        can_edit: can(Perm::Edit),
        can_apply: can(Perm::Apply),
        signup_to_apply: (ctx.user.is_none() && call.phase(now) == Phase::Open).then(|| {
            let apply = crate::projects::paths::CallsApply::url(call.id);
            format!(
                "/signup?next={}",
                form_urlencoded::byte_serialize(apply.as_bytes()).collect::<String>()
            )
        }),
        can_approve: can(Perm::Approve),
        seen: call.fingerprint().0,
        can_archive: can(Perm::Archive),
        can_declare_conflicts: can(Perm::DeclareConflicts),
        notice: notice.map(|k| ctx.t(k)),
        call: view(ctx, &call, now),
    };
    Ok(crate::http::render_status(status, &page))
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsById { id: CallId(id) }: paths::CallsById,
) -> AppResult<Response> {
    show_page(&s, &ctx, id, None, StatusCode::OK).await
}

pub fn kind_key(k: OrganisationKind) -> String {
    format!("organisation-kind-{}", k.as_str().replace('_', "-"))
}

pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApprove { id: CallId(id) }: paths::CallsApprove,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match actions::approve_call(&s.db, user, id, &f.seen).await {
        Ok(_) => Ok(see_other(
            &paths::CallsById {
                id: crate::ids::CallId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(key)) => {
            show_page(&s, &ctx, id, Some(&key), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

pub async fn archive(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsArchive { id: CallId(id) }: paths::CallsArchive,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match actions::archive_call(&s.db, user, id).await {
        Ok(()) => Ok(see_other(
            &paths::CallsById {
                id: crate::ids::CallId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(key)) => {
            show_page(&s, &ctx, id, Some(&key), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
