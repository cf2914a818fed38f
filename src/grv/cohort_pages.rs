//! The joint meeting's page (issue 14, item 3): both sides' screening and the cohort with its
//! proposal and its approval; and a candidate's withdrawal. Each handler calls one action of
//! [`super::cohort`] or [`super::applying`]; a refused table comes back with everything typed
//! kept.

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    apply_pages::review_template,
    applying,
    cohort::{self, CohortView, ProposalRow},
    paths,
    screening_pages::{DoneQuery, Line, Seen, attach, candidacies, line, value},
    selection::Outcome,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, render, render_status, see_other},
    ids::{GrvCandidacyId, GrvEditionId},
};

/// One side's part of the meeting as the page shows it.
pub struct SidePart {
    pub id: i64,
    pub name: String,
    /// "2 places — 1 selected"
    pub quota: String,
    pub quota_error: Option<String>,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "grv/cohort.html")]
pub struct CohortTemplate {
    pub ctx: Ctx,
    pub edition_id: i64,
    pub edition: String,
    pub met: bool,
    pub stands: bool,
    /// The programme has started: a place given up stays free.
    pub programme_started: bool,
    pub waiting_for: Vec<String>,
    pub sides: Vec<SidePart>,
    pub outcomes: Vec<(String, String)>,
    /// Each side and whether it approved the cohort as it is.
    pub approvals: Vec<(String, bool)>,
    pub undecided: usize,
    pub undecided_line: String,
    /// The table shows what the officer typed, not what is stored: nothing is approved from
    /// it.
    pub typed_shown: bool,
    pub can_propose: bool,
    pub can_approve: bool,
    pub seen: String,
    pub summary: Vec<(String, String)>,
    pub notice: Option<String>,
    pub success: Option<String>,
}

/// What the officer typed, by candidacy: (outcome, rank).
type TypedCohort = HashMap<i64, (String, String)>;

fn cohort_template(
    ctx: Ctx,
    v: CohortView,
    typed: &TypedCohort,
    errors: &FieldErrors,
    notice: Option<&str>,
    success: Option<&str>,
) -> CohortTemplate {
    let l = ctx.locale;
    let mut summary = Vec::new();
    // Errors of the proposal as saved, unless the officer's own typing is being shown.
    let shown_errors = if typed.is_empty() && !v.stands {
        &v.problems
    } else {
        errors
    };
    let all_sides: Vec<_> = v.sides.iter().map(|sc| sc.side.clone()).collect();
    let sides = v
        .sides
        .iter()
        .map(|sc| {
            let mut lines: Vec<Line> =
                sc.entries
                    .iter()
                    .map(|e| {
                        let mut li = line(&ctx, e, &all_sides);
                        if !v.can_read_candidacies {
                            li.url.clear();
                        }
                        if let Some(p) = v.placement(e.candidacy) {
                            li.outcome = p.outcome.as_str().to_string();
                            li.rank = p.rank.map(|r| r.to_string()).unwrap_or_default();
                            li.outcome_label = ctx.t(&p.outcome.key());
                            if let Some(n) = p.rank.and_then(|_| {
                                super::selection::position(&v.placements, e.candidacy)
                            }) {
                                li.outcome_label =
                                    l.t_args("grv-outcome-waiting-at", &[("position", n.into())]);
                            }
                        } else {
                            li.outcome_label = ctx.t("grv-outcome-undecided");
                        }
                        if let Some((o, r)) = typed.get(&e.candidacy) {
                            if (o, r) != (&li.outcome, &li.rank) {
                                li.meanwhile = Some(li.outcome_label.clone());
                            }
                            li.outcome = o.clone();
                            li.rank = r.clone();
                        }
                        li
                    })
                    .collect();
            summary.extend(attach(&ctx, &mut lines, shown_errors, &["outcome", "rank"]));
            let quota_error = shown_errors
                .get(&format!("quota-{}", sc.side.id))
                .map(|k| ctx.t(k));
            if let Some(m) = &quota_error {
                summary.push((
                    format!("quota-{}", sc.side.id),
                    format!("{} — {m}", sc.side.name.get(l)),
                ));
            }
            SidePart {
                id: sc.side.id,
                name: sc.side.name.get(l).to_string(),
                quota: l.t_args(
                    "grv-cohort-quota",
                    &[
                        ("places", sc.places.into()),
                        ("selected", (v.selected_on(sc.side.id) as i64).into()),
                    ],
                ),
                quota_error,
                lines,
            }
        })
        .collect();
    CohortTemplate {
        edition_id: v.edition.id,
        edition: v.edition.name(l),
        met: v.met,
        stands: v.stands,
        programme_started: v.edition.state >= super::model::EditionState::ProgrammeRunning,
        waiting_for: v
            .waiting_for
            .iter()
            .map(|s| s.name.get(l).to_string())
            .collect(),
        outcomes: Outcome::PROPOSABLE
            .into_iter()
            .map(|o| (o.as_str().to_string(), ctx.t(&o.key())))
            .collect(),
        approvals: v
            .sides
            .iter()
            .map(|s| {
                (
                    s.side.name.get(l).to_string(),
                    v.approved_by.contains(&s.side.id),
                )
            })
            .collect(),
        undecided: v.undecided.len(),
        typed_shown: !typed.is_empty(),
        undecided_line: l.t_args(
            "grv-cohort-undecided",
            &[("count", (v.undecided.len() as i64).into())],
        ),
        can_propose: v.can_propose,
        can_approve: v.can_approve,
        seen: v.seen,
        sides,
        summary,
        notice: notice.map(|k| ctx.t(k)),
        success: success.map(|k| ctx.t(k)),
        ctx,
    }
}

pub async fn cohort(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsCohort {
        id: GrvEditionId(id),
    }: paths::EditionsCohort,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> AppResult<Response> {
    let v = cohort::cohort_page(&s.db, ctx.require_user()?, id).await?;
    let success = match q.done.as_deref() {
        Some("saved") => Some("grv-cohort-saved"),
        Some("approved") if v.stands => Some("grv-cohort-stands"),
        Some("approved") => Some("grv-cohort-approved"),
        _ => None,
    };
    Ok(render(&cohort_template(
        ctx,
        v,
        &TypedCohort::new(),
        &FieldErrors::default(),
        None,
        success,
    )))
}

pub async fn save_cohort(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsCohort {
        id: GrvEditionId(id),
    }: paths::EditionsCohort,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut typed = TypedCohort::new();
    let mut rows = Vec::new();
    let mut errors = FieldErrors::default();
    for c in candidacies(&pairs) {
        let outcome = value(&pairs, &format!("outcome-{c}"));
        let rank = value(&pairs, &format!("rank-{c}")).trim().to_string();
        let parsed = match outcome.as_str() {
            "" => None,
            o => match Outcome::parse(o).filter(|o| Outcome::PROPOSABLE.contains(o)) {
                Some(o) => Some(o),
                None => {
                    errors.add(&format!("outcome-{c}"), "common-error-choice");
                    None
                }
            },
        };
        let parsed_rank = if parsed == Some(Outcome::Waiting) && !rank.is_empty() {
            match rank.parse::<i64>() {
                Ok(r) => Some(r),
                Err(_) => {
                    errors.add(&format!("rank-{c}"), "grv-error-rank-range");
                    None
                }
            }
        } else {
            None
        };
        rows.push(ProposalRow {
            candidacy: c,
            outcome: parsed,
            rank: parsed_rank,
        });
        typed.insert(c, (outcome, rank));
    }
    let (status, notice, errors) = if !errors.is_empty() {
        (StatusCode::UNPROCESSABLE_ENTITY, None, errors)
    } else {
        match cohort::save_cohort(&s.db, user, id, &value(&pairs, "seen"), &rows).await {
            Ok(()) => {
                return Ok(see_other(&format!(
                    "{}?done=saved",
                    paths::EditionsCohort::url(id)
                )));
            }
            Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, None, e),
            Err(AppError::Conflict(k)) if k == "common-error-changed-since" => (
                StatusCode::CONFLICT,
                Some("grv-error-cohort-stale".to_string()),
                FieldErrors::default(),
            ),
            Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Some(k), FieldErrors::default()),
            Err(e) => return Err(e),
        }
    };
    let v = cohort::cohort_page(&s.db, user, id).await?;
    Ok(render_status(
        status,
        &cohort_template(ctx, v, &typed, &errors, notice.as_deref(), None),
    ))
}

pub async fn approve(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsCohortApprove {
        id: GrvEditionId(id),
    }: paths::EditionsCohortApprove,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let base = s.settings.public_url.clone();
    match cohort::approve_cohort(&s.db, Some(&base), user, id, &f.seen).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approved",
            paths::EditionsCohort::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            let v = cohort::cohort_page(&s.db, user, id).await?;
            let key = if k == "common-error-changed-since" {
                "grv-error-cohort-stale".to_string()
            } else {
                k
            };
            Ok(render_status(
                StatusCode::CONFLICT,
                &cohort_template(
                    ctx,
                    v,
                    &TypedCohort::new(),
                    &FieldErrors::default(),
                    Some(&key),
                    None,
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    confirm: String,
    /// The outcome the page showed.
    #[serde(default)]
    shown: String,
}

/// The author withdraws their candidacy, having ticked the confirmation (else the page comes
/// back with the box marked).
pub async fn withdraw(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesWithdraw {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesWithdraw,
    Form(f): Form<WithdrawForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    if f.confirm.trim() != "yes" {
        return withdraw_refused(&s, ctx, id, StatusCode::UNPROCESSABLE_ENTITY, None).await;
    }
    let base = s.settings.public_url.clone();
    match applying::withdraw(&s.db, Some(&base), user, id, &f.shown).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?withdrawn=1",
            paths::CandidaciesReview::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            withdraw_refused(&s, ctx, id, StatusCode::CONFLICT, Some(&k)).await
        }
        Err(e) => Err(e),
    }
}

/// The candidacy's page again: with why the withdrawal was refused (409), or with the
/// confirmation box marked when it was left unticked (422).
async fn withdraw_refused(
    s: &AppState,
    ctx: Ctx,
    id: i64,
    status: StatusCode,
    notice: Option<&str>,
) -> AppResult<Response> {
    let v = applying::candidacy(&s.db, ctx.require_user()?, id).await?;
    let unticked = notice.is_none();
    let mut t = review_template(ctx, v, notice, None);
    if unticked {
        t.confirm_error = Some(t.ctx.t("grv-error-confirm-withdraw"));
    }
    Ok(render_status(status, &t))
}
