//! Evaluation use cases of a side's officers: the grid, the side's view and ranking, the
//! consolidated recommendations and evaluators' affiliations. Every function resolves the
//! user's side first and reads only that side's rows (rule 4). `assign.rs`: assignments and
//! conflicts; `evaluate.rs`: the evaluator's own work; `reminders.rs`: due-date reminders.

use std::collections::HashMap;

use super::{
    model::Score,
    model::{Grid, Method, SideRanking, Verdict, ranking, weighted},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    commissions,
    db::{Db, Fingerprint, Tx},
    error::{AppError, AppResult, FieldErrors},
    organisations::{self, Organisation},
    projects::{self, HalfState, Project},
    users::Viewer,
};

/// The side of `call` for which the policy lets `user` do `perm` (officers manage their own
/// side's evaluation, evaluators declare conflicts on theirs).
pub(super) fn side_for(user: &Viewer, call: &Call, perm: Perm) -> AppResult<i64> {
    let call_sides: Vec<i64> = call.sides.iter().map(|s| s.side_id).collect();
    call_sides
        .iter()
        .copied()
        .find(|side| {
            let facts = policy::Facts {
                call_sides: call_sides.clone(),
                side: *side,
                ..Default::default()
            };
            policy::can(user, perm, &facts)
        })
        .ok_or(AppError::Forbidden)
}

/// Whether the joint session deciding on `call` has opened (a plenary of its commission past
/// "scheduled"): each side's work is then shown to the other and frozen.
pub(super) async fn session_open(tx: &mut Tx, call: &Call) -> AppResult<bool> {
    Ok(commissions::actions::sessions_in(tx, call.commission_id)
        .await?
        .iter()
        .any(|(s, st)| {
            s.kind == commissions::SessionKind::Plenary
                && *st != commissions::SessionState::Scheduled
        }))
}

/// The side whose evaluation of `call` `user` may still change: theirs, until the joint
/// session opens (then 409 with the reason).
pub(super) async fn side_to_change(tx: &mut Tx, user: &Viewer, call: &Call) -> AppResult<i64> {
    let side = side_for(user, call, Perm::ManageSide)?;
    let facts = policy::Facts {
        call_sides: call.sides.iter().map(|s| s.side_id).collect(),
        side,
        session_open: session_open(tx, call).await?,
        ..Default::default()
    };
    if !policy::can(user, Perm::ChangeSide, &facts) {
        return Err(AppError::Conflict("evaluations-error-session-open".into()));
    }
    Ok(side)
}

/// What an officer sets on a grid.
pub struct GridInput {
    pub method: Method,
    pub scale_max: i64,
    pub due_at: Option<i64>,
    pub criteria: Vec<(String, String, i64)>,
}

/// Replaces the officer's side's grid for a call; refused once anything has been scored or
/// ranked. A scoring grid needs criteria; a ranking grid may have none.
pub async fn save_grid(db: &Db, user: &Viewer, call_id: i64, g: &GridInput) -> AppResult<()> {
    if g.method == Method::Score && g.criteria.is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "criteria",
            "evaluations-error-criteria",
        )));
    }
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    if let Some(g) = store::find_grid(&mut tx, call_id, side).await?
        && store::count_scores_of_grid(&mut tx, g.id).await? > 0
    {
        return Err(AppError::Conflict("evaluations-error-grid-in-use".into()));
    }
    let grid = Grid {
        id: 0,
        call_id,
        side_id: side,
        method: g.method,
        scale_max: g.scale_max,
        due_at: g.due_at,
        criteria: vec![],
    };
    store::save_grid(&mut tx, &grid, &g.criteria, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "evaluation.save_grid",
        "call",
        call_id,
        &format!("side {side} {}", g.method.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What an officer sees of their side's evaluation of a call.
pub struct SideView {
    pub call: Call,
    pub side_id: i64,
    pub grid: Option<Grid>,
    /// Without a grid yet: the side's grid of its previous call, which the form starts from
    /// (an edition inherits its grids unless the side changes them).
    pub previous_grid: Option<Grid>,
    /// Filed halves of the side: (half, project).
    pub halves: Vec<(i64, Project)>,
    /// (assignment, half, evaluator, evaluator name, state)
    pub assignments: Vec<(i64, i64, i64, String, String)>,
    pub ranking: SideRanking,
    pub evaluators: Vec<(i64, String)>,
    /// (half, verdict, note)
    pub recommendations: Vec<(i64, Verdict, String)>,
    /// (evaluator, organisation, evaluator name, organisation name)
    pub affiliations: Vec<(i64, i64, String, String)>,
    /// Organisations evaluators may be affiliated with: the programme's, every side.
    pub organisations: Vec<Organisation>,
}

impl SideView {
    /// What the officers' table shows that another officer may change meanwhile (the
    /// recommendations and the assignments): a save from a page that showed something else is
    /// refused.
    pub fn seen(&self) -> Fingerprint {
        let recommendations: Vec<_> = self
            .recommendations
            .iter()
            .map(|(h, v, n)| serde_json::json!([h, v.as_str(), n]))
            .collect();
        let assignments: Vec<_> = self
            .assignments
            .iter()
            .map(|(a, h, e, _, state)| serde_json::json!([a, h, e, state]))
            .collect();
        Fingerprint::of(&serde_json::json!({
            "recommendations": recommendations,
            "assignments": assignments,
        }))
    }
}

/// One row of the officers' table as saved: the side's recommendation on the half (`None`:
/// none chosen yet) and an evaluator to add to it (`None`: none).
#[derive(Clone, Debug)]
pub struct TableRow {
    pub half: i64,
    pub verdict: Option<Verdict>,
    pub note: String,
    pub assign: Option<i64>,
}

/// Saves the officers' table at once: every recommendation that changed and every evaluator
/// added, in one transaction — all or nothing. Refused (nothing written) if the table changed
/// since the page showed it (`seen`); an error names its row's field (`verdict-{half}`,
/// `evaluator-{half}`). Returns how many changes were written.
pub async fn save_table(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    seen: &str,
    rows: &[TableRow],
) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    let view = side_view_in(&mut tx, call, side).await?;
    view.seen().check_seen(seen)?;
    let now = db.now_ms();
    let excluded = super::assign::exclusions(&mut tx, &view).await?;
    let mut written = 0;
    for row in rows {
        if !view.halves.iter().any(|(h, _)| *h == row.half) {
            return Err(AppError::NotFound);
        }
        let note = row.note.trim();
        if note.chars().count() > 5_000 {
            return Err(AppError::Invalid(FieldErrors::single(
                &format!("note-{}", row.half),
                "common-error-too-long",
            )));
        }
        let current = view.recommendations.iter().find(|(h, _, _)| *h == row.half);
        if let Some(verdict) = row.verdict
            && current.is_none_or(|(_, v, n)| *v != verdict || n != note)
        {
            write_recommendation(&mut tx, user, row.half, verdict, note, now).await?;
            written += 1;
        }
        if let Some(evaluator) = row.assign {
            super::assign::assign_in(&mut tx, now, user, &view, &excluded, row.half, evaluator)
                .await
                .map_err(|e| match e {
                    AppError::Invalid(f) => {
                        let key = f.get("evaluator").unwrap_or("evaluations-error-evaluator");
                        AppError::Invalid(FieldErrors::single(
                            &format!("evaluator-{}", row.half),
                            key,
                        ))
                    }
                    other => other,
                })?;
            written += 1;
        }
    }
    tx.commit().await?;
    Ok(written)
}

async fn side_view_in(tx: &mut Tx, call: Call, side: i64) -> AppResult<SideView> {
    let grid = store::find_grid(tx, call.id, side).await?;
    let previous_grid = match (&grid, store::latest_grid_call(tx, side, call.id).await?) {
        (None, Some(previous)) => store::find_grid(tx, previous, side).await?,
        _ => None,
    };
    let halves: Vec<(i64, Project)> = projects::actions::projects_of_side(tx, call.id, side)
        .await?
        .into_iter()
        .filter_map(|p| {
            let h = p.half_of_side(side)?;
            (h.state == HalfState::Submitted && h.admissibility.as_deref() != Some("inadmissible"))
                .then(|| (h.id, p.clone()))
        })
        .collect();
    let assignments = store::list_side_assignments(tx, side).await?;
    let mut values: HashMap<i64, Vec<i64>> = HashMap::new();
    let method = grid.as_ref().map(|g| g.method).unwrap_or(Method::Score);
    if let Some(g) = &grid {
        let submitted: Vec<i64> = assignments
            .iter()
            .filter(|a| a.4 == "submitted")
            .map(|a| a.0)
            .collect();
        let (scores, ranks) = match g.method {
            Method::Score => (store::scores_of(tx, &submitted).await?, Vec::new()),
            Method::Rank => (Vec::new(), store::ranks_of(tx, &submitted).await?),
        };
        for (id, half, _, _, state) in &assignments {
            if state != "submitted" {
                continue;
            }
            let value = match g.method {
                Method::Score => {
                    let mine: Vec<Score> = scores
                        .iter()
                        .filter(|(a, _)| a == id)
                        .map(|(_, s)| s.clone())
                        .collect();
                    weighted(g, &mine)
                }
                Method::Rank => ranks.iter().find(|(a, _)| a == id).and_then(|(_, r)| *r),
            };
            if let Some(v) = value {
                values.entry(*half).or_default().push(v);
            }
        }
    }
    let ids: Vec<i64> = halves.iter().map(|(h, _)| *h).collect();
    let evaluators = store::list_evaluators(tx, side).await?;
    let recommendations = recommendations_in(tx, side).await?;
    let affiliations = store::side_affiliations(tx, side).await?;
    let mut organisations = Vec::new();
    for s in &call.sides {
        organisations.extend(organisations::actions::list_by_side_in(tx, s.side_id).await?);
    }
    Ok(SideView {
        ranking: ranking(&values, &ids, method),
        call,
        side_id: side,
        grid,
        previous_grid,
        halves,
        assignments,
        evaluators,
        recommendations,
        affiliations,
        organisations,
    })
}

/// The officer's side's grid, halves, assignments and ranking for a call.
pub async fn side_view(db: &Db, user: &Viewer, call_id: i64) -> AppResult<SideView> {
    let mut tx = db.read().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_for(user, &call, Perm::ManageSide)?;
    side_view_in(&mut tx, call, side).await
}

/// The side's view inside the caller's transaction (assignment needs it).
pub(super) async fn side_view_tx(tx: &mut Tx, call: Call, side: i64) -> AppResult<SideView> {
    side_view_in(tx, call, side).await
}

/// A side's ranking of a call, for the joint session once it is open (the caller decides when
/// that is).
pub async fn ranking_in(tx: &mut Tx, call: Call, side: i64) -> AppResult<SideRanking> {
    Ok(side_view_in(tx, call, side).await?.ranking)
}

/// A side's recommendations on its halves (for the joint session once it is open; the caller
/// decides when that is).
pub async fn recommendations_in(tx: &mut Tx, side: i64) -> AppResult<Vec<(i64, Verdict, String)>> {
    parse_recommendations(store::side_recommendations(tx, side).await?)
}

/// The recommendations on these submissions, of any kind (the Grands Rendez-vous' screening
/// keeps its verdicts here too), in one statement; the caller decides who may read them.
pub async fn recommendations_of_in(
    tx: &mut Tx,
    submissions: &[i64],
) -> AppResult<Vec<(i64, Verdict, String)>> {
    parse_recommendations(store::recommendations_of(tx, submissions).await?)
}

fn parse_recommendations(
    rows: Vec<(i64, String, String)>,
) -> AppResult<Vec<(i64, Verdict, String)>> {
    Ok(rows
        .into_iter()
        .map(|(h, v, n)| {
            let verdict =
                Verdict::parse(&v).ok_or_else(|| crate::db::unknown("recommendation", &v))?;
            Ok((h, verdict, n))
        })
        .collect::<sqlx::Result<_>>()?)
}

/// Stores a side's recommendation on a submission and records who gave it, in the caller's
/// transaction (`subject` names the submission's kind in the audit log); the caller has asked
/// its own policy. Both programmes' screenings write through it.
pub async fn recommend_in(
    tx: &mut Tx,
    user: &Viewer,
    subject: &str,
    submission: i64,
    verdict: Verdict,
    note: &str,
    now: i64,
) -> AppResult<()> {
    store::save_recommendation(tx, submission, verdict.as_str(), note, user.id, now).await?;
    audit::record(
        tx,
        &user.actor(),
        "evaluation.recommend",
        subject,
        submission,
        verdict.as_str(),
    )
    .await?;
    Ok(())
}

async fn write_recommendation(
    tx: &mut Tx,
    user: &Viewer,
    half: i64,
    verdict: Verdict,
    note: &str,
    now: i64,
) -> AppResult<()> {
    recommend_in(tx, user, "project_half", half, verdict, note, now).await
}

/// Writes (or rewrites) the side's consolidated recommendation on one of its filed halves.
pub async fn recommend(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    half_id: i64,
    verdict: Verdict,
    note: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    let view = side_view_in(&mut tx, call, side).await?;
    if !view.halves.iter().any(|(h, _)| *h == half_id) {
        return Err(AppError::NotFound);
    }
    write_recommendation(&mut tx, user, half_id, verdict, note.trim(), db.now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Records that an evaluator of the officer's side belongs to an organisation: from then on
/// they are never assigned to a project that organisation leads a half of.
pub async fn affiliate(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    evaluator: i64,
    organisation: i64,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    let side = side_to_change(&mut tx, user, &call).await?;
    let view = side_view_in(&mut tx, call, side).await?;
    let mut e = FieldErrors::default();
    if !view.evaluators.iter().any(|(id, _)| *id == evaluator) {
        e.add("evaluator", "evaluations-error-evaluator");
    }
    if !view.organisations.iter().any(|o| o.id == organisation) {
        e.add("organisation", "evaluations-error-organisation");
    }
    e.into_result()?;
    store::insert_affiliation(&mut tx, evaluator, organisation, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "evaluation.affiliate",
        "user",
        evaluator,
        &organisation.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
