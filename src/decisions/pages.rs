//! The session page (agenda, both sides' ranks once open, proposals and approvals) and its
//! `.ics`.

use super::paths;
use crate::ids::SessionId;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    actions,
    agenda::{self, Standing},
    model::Outcome,
};
use crate::{
    commissions::SessionState,
    error::{AppError, AppResult},
    evaluations::model::Method,
    http::{AppState, Ctx, form::Seen, render_status, see_other, when_in_zone},
    i18n::{Locale, format_money, format_number},
};

pub struct ItemView {
    pub project_id: i64,
    pub title: String,
    /// One line per side: "Québec : rang 3 (note 72,5 / 100) — recommandé" or "non visible".
    pub ranks: Vec<String>,
    pub decision: Option<String>,
    pub decision_id: i64,
    pub needs_my_approval: bool,
    /// The fingerprint of the proposal as shown, carried by the approval form.
    pub seen: String,
}

/// A decision of the session that is not about one project, as listed.
pub struct ResolutionLine {
    pub id: i64,
    pub text: String,
    pub status: String,
    pub needs_my_approval: bool,
    /// The fingerprint of the resolution as shown, carried by the approval form.
    pub seen: String,
}

#[derive(Template)]
#[template(path = "decisions/session.html")]
pub struct SessionPage {
    pub ctx: Ctx,
    pub id: i64,
    pub commission_id: i64,
    pub when: Vec<String>,
    pub state: String,
    pub state_key: String,
    pub can_act: bool,
    /// May ask to open the session for their side (not asked yet).
    pub can_open: bool,
    /// Fingerprints carried by the opening and release forms.
    pub session_seen: String,
    pub record_seen: String,
    /// "Opening asked for by …" while some sides have and others not.
    pub opening: Option<String>,
    pub can_release: bool,
    /// The calendar file is the participants'.
    pub can_join: bool,
    /// (side code, label, currency)
    pub sides: Vec<(String, String, String)>,
    pub items: Vec<ItemView>,
    /// A mid-term session's results once open: (funded project, title, report, joint opinion).
    pub midterm: Vec<(i64, String, String, String)>,
    pub resolutions: Vec<ResolutionLine>,
    pub notice: Option<String>,
}

/// "Québec : rang 3 (note 72,5 / 100) — recommandé : …"
fn standing_line(l: Locale, side: String, st: &Standing) -> String {
    let value = match (st.value, st.method) {
        (None, _) => {
            // Not evaluated yet: no place to show, only the recommendation if any.
            let line = l.t1("decisions-rank-none", "side", side);
            return match &st.recommendation {
                Some((verdict, note)) => {
                    format!("{line} — {}{} {note}", l.t(&verdict.key()), l.colon())
                }
                None => line,
            };
        }
        (Some(m), Method::Score) => l.t1("decisions-value-score", "score", format_number(m, 1, l)),
        (Some(m), Method::Rank) => l.t1("evaluations-mean-place", "place", format_number(m, 2, l)),
    };
    let line = l.t_args(
        "decisions-rank",
        &[
            ("side", side.into()),
            ("rank", (st.rank as i64).into()),
            ("value", value.into()),
        ],
    );
    match &st.recommendation {
        Some((verdict, note)) if note.is_empty() => format!("{line} — {}", l.t(&verdict.key())),
        Some((verdict, note)) => format!("{line} — {}{} {note}", l.t(&verdict.key()), l.colon()),
        None => line,
    }
}

pub(super) async fn page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let v = agenda::session_view(&s.db, ctx.require_user()?, id).await?;
    let l = ctx.locale;
    let mut when = vec![when_in_zone(ctx, v.session.starts_at, &v.session.time_zone)];
    for side in &v.sides {
        if side.time_zone != v.session.time_zone {
            when.push(when_in_zone(ctx, v.session.starts_at, &side.time_zone));
        }
    }
    let items = v
        .agenda
        .iter()
        .map(|a| ItemView {
            project_id: a.project.id,
            title: a.project.title.clone(),
            ranks: a
                .standings
                .iter()
                .map(|(side, r)| {
                    let name = v
                        .sides
                        .iter()
                        .find(|s| s.id == *side)
                        .map(|s| s.name.get(l).to_string())
                        .unwrap_or_default();
                    match r {
                        Some(st) => standing_line(l, name, st),
                        None => l.t1("decisions-rank-hidden", "side", name),
                    }
                })
                .collect(),
            decision: a.decision.as_ref().map(|d| {
                let amounts: Vec<String> = d
                    .amounts
                    .iter()
                    .filter_map(|(side, amount)| {
                        v.sides
                            .iter()
                            .find(|s| s.id == *side)
                            .map(|s| format_money(*amount, &s.currency, l))
                    })
                    .collect();
                let state = ctx.t(if d.decided_at.is_some() {
                    "decisions-decided"
                } else {
                    "decisions-awaiting"
                });
                format!(
                    "{}{} — {state}",
                    ctx.t(&d.outcome.key()),
                    if amounts.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({})",
                            amounts.join(&format!("{} ", ctx.locale.semicolon()))
                        )
                    }
                )
            }),
            decision_id: a.decision.as_ref().map(|d| d.id).unwrap_or(0),
            seen: a
                .decision
                .as_ref()
                .map(|d| d.fingerprint().0)
                .unwrap_or_default(),
            needs_my_approval: a.decision.as_ref().is_some_and(|d| {
                d.decided_at.is_none()
                    && v.my_sides.iter().any(|s| !d.approved_by_sides.contains(s))
            }),
        })
        .collect();
    // Shown once a mid-term session has opened (the action leaves it empty before).
    let midterm = {
        v.midterm
            .into_iter()
            .flatten()
            .map(|r| {
                let (f, title, filed, joint) = (r.funded, r.title, r.report_filed, r.joint_opinion);
                (
                    f.id,
                    title,
                    ctx.t(if filed {
                        "followup-progress-filed"
                    } else {
                        "followup-progress-missing-short"
                    }),
                    match joint {
                        Some(true) => ctx.t("followup-joint-favourable"),
                        Some(false) => ctx.t("followup-joint-unfavourable"),
                        None => "—".into(),
                    },
                )
            })
            .collect()
    };
    let page = SessionPage {
        midterm,
        ctx: ctx.clone(),
        id,
        commission_id: v.session.commission_id,
        when,
        state_key: format!("decisions-state-{}", v.state.as_str()),
        state: v.state.as_str().to_string(),
        can_act: v.can_take_part,
        can_open: v.can_take_part
            && v.state == SessionState::Scheduled
            && v.my_sides.iter().any(|s| !v.opening_asked_by.contains(s)),
        opening: (!v.opening_asked_by.is_empty()).then(|| {
            let names: Vec<String> = v
                .sides
                .iter()
                .filter(|s| v.opening_asked_by.contains(&s.id))
                .map(|s| s.name.get(l).to_string())
                .collect();
            l.t1("decisions-opening-asked", "sides", names.join(", "))
        }),
        can_release: v.can_release,
        can_join: v.can_join,
        session_seen: v.session_seen.clone(),
        record_seen: v.record_seen.clone(),
        sides: v
            .sides
            .iter()
            .map(|s| {
                (
                    s.code.clone(),
                    s.name.get(l).to_string(),
                    s.currency.clone(),
                )
            })
            .collect(),
        items,
        resolutions: v
            .resolutions
            .iter()
            .map(|r| ResolutionLine {
                id: r.id,
                text: super::documents::describe(r, &v.commissions, l),
                status: ctx.t(if r.decided_at.is_some() {
                    "decisions-decided"
                } else {
                    "decisions-awaiting"
                }),
                needs_my_approval: r.decided_at.is_none()
                    && v.my_sides.iter().any(|s| !r.approved_by_sides.contains(s)),
                seen: r.fingerprint().0,
            })
            .collect(),
        notice: notice.map(|k| ctx.t(k)),
    };
    Ok(render_status(status, &page))
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsById { id: SessionId(id) }: paths::SessionsById,
) -> AppResult<Response> {
    page(&s, &ctx, id, None, StatusCode::OK).await
}

async fn advance(
    s: AppState,
    ctx: Ctx,
    id: i64,
    to: SessionState,
    seen: &str,
) -> AppResult<Response> {
    match actions::advance(&s.db, ctx.require_user()?, id, to, seen).await {
        Ok(()) => Ok(see_other(
            &paths::SessionsById {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(k)) => page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await,
        Err(e) => Err(e),
    }
}

pub async fn open(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsOpen { id: SessionId(id) }: paths::SessionsOpen,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    advance(s, ctx, id, SessionState::Open, &f.seen).await
}

pub async fn close(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsClose { id: SessionId(id) }: paths::SessionsClose,
) -> AppResult<Response> {
    advance(s, ctx, id, SessionState::Closed, "").await
}

pub async fn propose(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsDecisions { id: SessionId(id) }: paths::SessionsDecisions,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let get = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let project: i64 = get("project").parse().map_err(|_| AppError::NotFound)?;
    let Some(outcome) = Outcome::parse(get("outcome")) else {
        return page(
            &s,
            &ctx,
            id,
            Some("decisions-error-outcome"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let v = agenda::session_view(&s.db, u, id).await?;
    let amounts: Vec<(i64, i64)> = v
        .sides
        .iter()
        .filter_map(|side| {
            crate::money::parse(get(&format!("amount_{}", side.code))).map(|a| (side.id, a))
        })
        .collect();
    match actions::propose(&s.db, u, id, project, outcome, &amounts).await {
        Ok(_) => Ok(see_other(
            &paths::SessionsById {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => {
            page(
                &s,
                &ctx,
                id,
                Some(e.get("amount").unwrap_or("decisions-error-amounts")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(k)) => page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await,
        Err(e) => Err(e),
    }
}

pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsDecisionsApprove {
        id: SessionId(id),
        decision_id: decision,
    }: paths::SessionsDecisionsApprove,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    match actions::approve(&s.db, ctx.require_user()?, decision, &f.seen).await {
        Ok(_) => Ok(see_other(
            &paths::SessionsById {
                id: crate::ids::SessionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Conflict(k)) => page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await,
        Err(e) => Err(e),
    }
}

pub async fn release(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsRelease { id: SessionId(id) }: paths::SessionsRelease,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match actions::release(&s.db, &s.settings.public_url, user, id, &f.seen).await {
        Ok(_) => page(&s, &ctx, id, Some("decisions-released"), StatusCode::OK).await,
        Err(AppError::Conflict(k)) => page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await,
        Err(e) => Err(e),
    }
}
