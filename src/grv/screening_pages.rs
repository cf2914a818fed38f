//! A side's screening page (issue 14, item 3): its candidacies as filed with the side's verdict
//! and note on each, and the button sending its shortlist; and what the joint meeting's page
//! shares with it (a candidacy's row, a posted table). Each handler calls one action of
//! [`super::screening`]; a refused table comes back with everything typed kept.

use std::collections::HashMap;

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    paths,
    screening::{self, Entry, ScreenRow, ScreeningView},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    evaluations::model::Verdict,
    grv::applying::in_every_zone,
    http::{AppState, Ctx, form::clean_text, render, render_status, see_other},
    ids::GrvEditionId,
    programmes::Side,
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
    /// The row's errors: (the input it is about, message).
    pub errors: Vec<(&'static str, String)>,
    /// What a colleague saved meanwhile, when it differs from what is typed (a save refused
    /// as stale keeps the typing and says what is stored).
    pub meanwhile: Option<String>,
}

impl Line {
    /// The error about `input`, if any.
    pub fn err(&self, input: &str) -> Option<&String> {
        self.errors
            .iter()
            .find(|(i, _)| *i == input)
            .map(|(_, m)| m)
    }
    /// The ids describing `input`: its error's, if any.
    pub fn described(&self, input: &str) -> String {
        if self.err(input).is_some() {
            format!("{input}-{}-error", self.id)
        } else {
            String::new()
        }
    }
}

pub(super) fn line(ctx: &Ctx, e: &Entry, sides: &[Side]) -> Line {
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
        filed_at: in_every_zone(l, sides, e.filed_at),
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
        errors: Vec::new(),
        meanwhile: None,
    }
}

/// Each row's errors at their inputs, and the error summary's (input id, message).
pub(super) fn attach(
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
                li.errors.push((input, message));
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
    /// The table shows what the officer typed, not what is stored: nothing is sent from it.
    pub typed_shown: bool,
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
            let mut li = line(&ctx, e, &v.sides);
            if let Some((verdict, note)) = typed.get(&e.candidacy) {
                if (verdict, note) != (&li.verdict, &li.note) {
                    li.meanwhile = Some(if li.note.is_empty() {
                        li.verdict_label.clone()
                    } else {
                        format!("{} — {}", li.verdict_label, li.note)
                    });
                }
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
                    ("when", in_every_zone(l, &v.sides, *at).into()),
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
        typed_shown: !typed.is_empty(),
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
    pub(super) done: Option<String>,
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
pub(super) fn value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(n, _)| n == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The candidacies a posted table names in its `candidacy` fields.
pub(super) fn candidacies(pairs: &[(String, String)]) -> Vec<i64> {
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
    pub(super) seen: String,
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
