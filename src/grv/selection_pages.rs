//! Screening and selection pages (issue 14, item 3): a side's screening of its candidacies
//! with the button sending its shortlist, the joint meeting's cohort with its proposal and its
//! approval, and a candidate's withdrawal. Each calls one action of [`super::screening`] or
//! [`super::applying`]; a refused table comes back with everything typed kept.

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    apply_pages::review_template,
    applying, paths,
    screening::{self, CohortView, Entry, ProposalRow, ScreenRow, ScreeningView},
    selection::Outcome,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    evaluations::model::Verdict,
    http::{AppState, Ctx, form::clean_text, render, render_status, see_other},
    i18n::time_in_zone,
    ids::{GrvCandidacyId, GrvEditionId},
};

/// A candidacy's row as either page shows it.
pub struct Line {
    pub id: i64,
    pub name: String,
    pub idea: String,
    pub theme: String,
    pub kind: String,
    pub filed_at: String,
    pub url: String,
    /// The side's verdict and note: as saved, or (screening) as typed when a save came back.
    pub verdict: String,
    pub verdict_label: String,
    pub note: String,
    /// (cohort) the outcome and rank as saved or typed.
    pub outcome: String,
    pub rank: String,
    /// (cohort, once it stands) the outcome in words.
    pub outcome_label: String,
    /// The row's error: (message, the input it is about).
    pub error: Option<(String, &'static str)>,
    /// The input the error is about ("" when none).
    pub bad: &'static str,
}

fn line(ctx: &Ctx, e: &Entry, zone: &str) -> Line {
    let l = ctx.locale;
    let (verdict, note) = e
        .verdict
        .as_ref()
        .map(|(v, n)| (v.as_str().to_string(), n.clone()))
        .unwrap_or_default();
    Line {
        id: e.candidacy,
        name: e.filed.name.clone(),
        idea: e.filed.input.idea_title.clone(),
        theme: e.filed.input.theme.clone(),
        kind: e
            .filed
            .input
            .kind
            .map(|k| ctx.t(&k.key()))
            .unwrap_or_default(),
        filed_at: time_in_zone(e.filed_at, zone, l),
        url: paths::CandidaciesReview::url(e.candidacy),
        verdict_label: e
            .verdict
            .as_ref()
            .map(|(v, _)| ctx.t(&v.key()))
            .unwrap_or_else(|| ctx.t("evaluations-verdict-none")),
        verdict,
        note,
        outcome: String::new(),
        rank: String::new(),
        outcome_label: String::new(),
        error: None,
        bad: "",
    }
}

/// The row's first error among its inputs, and the error summary's (input id, message).
fn attach(
    ctx: &Ctx,
    lines: &mut [Line],
    errors: &FieldErrors,
    inputs: &[&'static str],
) -> Vec<(String, String)> {
    let mut summary = Vec::new();
    for li in lines.iter_mut() {
        for input in inputs {
            let field = format!("{input}-{}", li.id);
            if let Some(k) = errors.get(&field) {
                let message = ctx.t(k);
                summary.push((field, format!("{} — {message}", li.name)));
                if li.error.is_none() {
                    li.error = Some((message, input));
                    li.bad = input;
                }
            }
        }
    }
    summary
}

#[derive(Template)]
#[template(path = "grv/screening.html")]
pub struct ScreeningTemplate {
    pub ctx: Ctx,
    pub edition_id: i64,
    pub edition: String,
    pub side: String,
    pub lines: Vec<Line>,
    pub verdicts: Vec<(String, String)>,
    pub can_screen: bool,
    pub unscreened: usize,
    pub unscreened_line: String,
    /// "Sent on … by …"
    pub sent: Option<String>,
    /// Names of the sides yet to send.
    pub waiting_for: Vec<String>,
    pub met: bool,
    pub seen: String,
    pub summary: Vec<(String, String)>,
    pub notice: Option<String>,
    pub success: Option<String>,
}

/// What the officer typed, by candidacy: (verdict, note).
type TypedScreening = HashMap<i64, (String, String)>;

fn screening_template(
    ctx: Ctx,
    v: ScreeningView,
    typed: &TypedScreening,
    errors: &FieldErrors,
    notice: Option<&str>,
    success: Option<&str>,
) -> ScreeningTemplate {
    let l = ctx.locale;
    let mut lines: Vec<Line> = v
        .entries
        .iter()
        .map(|e| {
            let mut li = line(&ctx, e, &v.side.time_zone);
            if let Some((verdict, note)) = typed.get(&e.candidacy) {
                li.verdict = verdict.clone();
                li.note = note.clone();
            }
            li
        })
        .collect();
    let summary = attach(&ctx, &mut lines, errors, &["verdict", "note"]);
    ScreeningTemplate {
        edition_id: v.edition.id,
        edition: v.edition.name(l),
        side: v.side.name.get(l).to_string(),
        verdicts: Verdict::ALL
            .into_iter()
            .map(|x| (x.as_str().to_string(), ctx.t(&x.key())))
            .collect(),
        can_screen: v.can_screen,
        unscreened: v.unscreened(),
        unscreened_line: l.t_args(
            "grv-shortlist-unscreened",
            &[("count", (v.unscreened() as i64).into())],
        ),
        sent: v.sent.as_ref().map(|(at, by)| {
            l.t_args(
                "grv-shortlist-sent-on",
                &[
                    ("when", time_in_zone(*at, &v.side.time_zone, l).into()),
                    ("name", by.clone().into()),
                ],
            )
        }),
        waiting_for: v
            .waiting_for
            .iter()
            .map(|s| s.name.get(l).to_string())
            .collect(),
        met: v.met,
        seen: v.seen,
        lines,
        summary,
        notice: notice.map(|k| ctx.t(k)),
        success: success.map(|k| ctx.t(k)),
        ctx,
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

pub async fn screening(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsScreening {
        id: GrvEditionId(id),
    }: paths::EditionsScreening,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> AppResult<Response> {
    let v = screening::screening_page(&s.db, ctx.require_user()?, id).await?;
    let success = match q.done.as_deref() {
        Some("saved") => Some("grv-screening-saved"),
        Some("sent") if v.sent.is_some() => Some("grv-shortlist-sent"),
        _ => None,
    };
    Ok(render(&screening_template(
        ctx,
        v,
        &TypedScreening::new(),
        &FieldErrors::default(),
        None,
        success,
    )))
}

/// The value of `key` in a posted table (the last one wins, as a browser sends one).
fn value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(n, _)| n == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The candidacies a posted table names in its `candidacy` fields.
fn candidacies(pairs: &[(String, String)]) -> Vec<i64> {
    pairs
        .iter()
        .filter(|(k, _)| k == "candidacy")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect()
}

pub async fn save_screening(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsScreening {
        id: GrvEditionId(id),
    }: paths::EditionsScreening,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut typed = TypedScreening::new();
    let mut rows = Vec::new();
    let mut errors = FieldErrors::default();
    for c in candidacies(&pairs) {
        let verdict = value(&pairs, &format!("verdict-{c}"));
        let note = clean_text(&value(&pairs, &format!("note-{c}")));
        let parsed = match verdict.as_str() {
            "" => None,
            v => {
                let p = Verdict::parse(v);
                if p.is_none() {
                    errors.add(&format!("verdict-{c}"), "common-error-choice");
                }
                p
            }
        };
        rows.push(ScreenRow {
            candidacy: c,
            verdict: parsed,
            note: note.clone(),
        });
        typed.insert(c, (verdict, note));
    }
    let (status, notice, errors) = if !errors.is_empty() {
        (StatusCode::UNPROCESSABLE_ENTITY, None, errors)
    } else {
        match screening::save_screening(&s.db, user, id, &value(&pairs, "seen"), &rows).await {
            Ok(_) => {
                return Ok(see_other(&format!(
                    "{}?done=saved",
                    paths::EditionsScreening::url(id)
                )));
            }
            Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, None, e),
            Err(AppError::Conflict(k)) if k == "common-error-changed-since" => (
                StatusCode::CONFLICT,
                Some("grv-error-screening-stale".to_string()),
                FieldErrors::default(),
            ),
            Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Some(k), FieldErrors::default()),
            Err(e) => return Err(e),
        }
    };
    let v = screening::screening_page(&s.db, user, id).await?;
    Ok(render_status(
        status,
        &screening_template(ctx, v, &typed, &errors, notice.as_deref(), None),
    ))
}

#[derive(Deserialize)]
pub struct Seen {
    #[serde(default)]
    seen: String,
}

pub async fn send(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsScreeningSend {
        id: GrvEditionId(id),
    }: paths::EditionsScreeningSend,
    Form(f): Form<Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match screening::send_shortlist(&s.db, user, id, &f.seen).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=sent",
            paths::EditionsScreening::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            let v = screening::screening_page(&s.db, user, id).await?;
            let key = if k == "common-error-changed-since" {
                "grv-error-screening-stale".to_string()
            } else {
                k
            };
            Ok(render_status(
                StatusCode::CONFLICT,
                &screening_template(
                    ctx,
                    v,
                    &TypedScreening::new(),
                    &FieldErrors::default(),
                    Some(&key),
                    None,
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

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
    pub waiting_for: Vec<String>,
    pub sides: Vec<SidePart>,
    pub outcomes: Vec<(String, String)>,
    /// Each side and whether it approved the cohort as it is.
    pub approvals: Vec<(String, bool)>,
    pub undecided: usize,
    pub undecided_line: String,
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
    let sides = v
        .sides
        .iter()
        .map(|sc| {
            let mut lines: Vec<Line> =
                sc.entries
                    .iter()
                    .map(|e| {
                        let mut li = line(&ctx, e, &sc.side.time_zone);
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
    let v = screening::cohort_page(&s.db, ctx.require_user()?, id).await?;
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
        match screening::save_cohort(&s.db, user, id, &value(&pairs, "seen"), &rows).await {
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
    let v = screening::cohort_page(&s.db, user, id).await?;
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
    match screening::approve_cohort(&s.db, Some(&base), user, id, &f.seen).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=approved",
            paths::EditionsCohort::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            let v = screening::cohort_page(&s.db, user, id).await?;
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
    match applying::withdraw(&s.db, Some(&base), user, id).await {
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
