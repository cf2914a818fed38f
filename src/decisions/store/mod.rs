//! SQL of decisions and releases; `resolutions.rs`: decisions not about one project and the
//! minutes' signatures.

use crate::ids::{SideId, UserId};
mod resolutions;
mod tasks;
pub use resolutions::*;
pub use tasks::*;

use super::model::{Decision, Outcome};
use crate::db::{Fingerprint, SideAct, record_side_act};
use crate::{db::Tx, on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("decision_approvals", "decision_id");
const RELEASES: SideAct = SideAct::releases("session_releases", "session_id");

/// Records (or replaces) the proposal for a project at a session; replacing clears approvals.
pub async fn propose(
    tx: &mut Tx,
    session: i64,
    project: i64,
    outcome: Outcome,
    amounts: &[(i64, i64)],
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into decisions (session_id, project_id, outcome, proposed_by, proposed_at) values ($1, $2, $3, $4, $5)
         on conflict (session_id, project_id) do update set outcome = excluded.outcome, proposed_by = excluded.proposed_by,
             proposed_at = excluded.proposed_at, decided_at = null
         returning id"
    )
    .bind(session)
    .bind(project)
    .bind(outcome.as_str())
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from decision_approvals where decision_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from decision_amounts where decision_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    for (side, amount) in amounts {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into decision_amounts (decision_id, side_id, amount) values ($1, $2, $3)"
        )
        .bind(id)
        .bind(side)
        .bind(amount)
        .execute(c)
        .await)?;
    }
    Ok(id)
}

const OPENINGS: SideAct = SideAct::approvals("session_openings", "session_id");

/// Records that `side` asked to open `session` (the first request of a side stands).
pub async fn request_opening(
    tx: &mut Tx,
    session: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(
        tx,
        &OPENINGS,
        session,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await?;
    Ok(())
}

/// The sides that asked to open `session` as it is now (`content`).
pub async fn openings_of(
    tx: &mut Tx,
    session: i64,
    content: &Fingerprint,
) -> sqlx::Result<Vec<i64>> {
    crate::db::sides_acted_on(tx, &OPENINGS, session, content).await
}

pub async fn approve(
    tx: &mut Tx,
    decision: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(
        tx,
        &APPROVALS,
        decision,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await?;
    Ok(())
}

pub async fn set_decided(tx: &mut Tx, decision: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update decisions set decided_at = $2 where id = $1"
    )
    .bind(decision)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

/// The session of a decision.
pub async fn session_of(tx: &mut Tx, decision: i64) -> sqlx::Result<Option<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select session_id from decisions where id = $1"
    )
    .bind(decision)
    .fetch_optional(c)
    .await)
}

pub async fn list(tx: &mut Tx, session: i64) -> sqlx::Result<Vec<Decision>> {
    let rows: Vec<(i64, i64, String, Option<i64>)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, project_id, outcome, decided_at from decisions where session_id = $1 order by id"
    )
    .bind(session)
    .fetch_all(c)
    .await
    })?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let amounts = amounts_of(tx, &ids).await?;
    let approvals: Vec<(i64, i64, String)> = crate::db::fetch_all_in(
        tx,
        "select decision_id, side_id, content_hash from decision_approvals
         where decision_id in ({ids}) order by decision_id, side_id",
        &ids,
    )
    .await?;
    let mut out = Vec::new();
    for (id, project_id, outcome, decided_at) in rows {
        out.push(Decision {
            id,
            project_id,
            outcome: Outcome::parse(&outcome)
                .ok_or_else(|| crate::db::unknown("decision outcome", &outcome))?,
            amounts: amounts
                .iter()
                .filter(|a| a.0 == id)
                .map(|a| (a.1, a.2))
                .collect(),
            approved_by_sides: Vec::new(),
            decided_at,
        });
    }
    // Only approvals of the proposal as it is now count.
    for d in &mut out {
        let seen = d.fingerprint();
        d.approved_by_sides = approvals
            .iter()
            .filter(|a| a.0 == d.id && a.2 == seen.0)
            .map(|a| a.1)
            .collect();
    }
    Ok(out)
}

/// The sides that released a session's decisions.
pub async fn releases(tx: &mut Tx, session: i64) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from session_releases where session_id = $1 order by side_id"
    )
    .bind(session)
    .fetch_all(c)
    .await)
}

/// Records a side's release; false if it was already released.
pub async fn release(
    tx: &mut Tx,
    session: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<bool> {
    Ok(record_side_act(
        tx,
        &RELEASES,
        session,
        SideId(side),
        UserId(by),
        now,
        content,
    )
    .await?
        == 1)
}

/// Decided outcomes released to `side`'s applicants for a project:
/// (outcome, amount for side, released at).
pub async fn released_outcomes(
    tx: &mut Tx,
    project: i64,
    side: i64,
) -> sqlx::Result<Vec<ReleasedOutcome>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select d.outcome, a.amount, d.decided_at as decided_at, s.starts_at as session_at,
                u.name as released_by
         from decisions d
         join commission_sessions s on s.id = d.session_id
         join session_releases r on r.session_id = d.session_id and r.side_id = $2
         join users u on u.id = r.released_by
         left join decision_amounts a on a.decision_id = d.id and a.side_id = $2
         where d.project_id = $1 and d.decided_at is not null order by d.id"
    )
    .bind(project)
    .bind(side)
    .fetch_all(c)
    .await)
}

/// A joint decision on a project as released to one side.
#[derive(sqlx::FromRow)]
pub struct ReleasedOutcome {
    pub outcome: String,
    /// What the side grants, in its currency.
    pub amount: Option<i64>,
    pub decided_at: i64,
    /// When the session that decided it met.
    pub session_at: i64,
    /// The name of the officer who released it.
    pub released_by: String,
}

/// What these decisions granted: (decision, side, amount), in one statement.
pub async fn amounts_of(tx: &mut Tx, decisions: &[i64]) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    crate::db::fetch_all_in(
        tx,
        "select decision_id, side_id, amount from decision_amounts where decision_id in ({ids})
         order by decision_id, side_id",
        decisions,
    )
    .await
}

/// A decision's amounts: (side, amount in that side's currency).
pub async fn amounts(tx: &mut Tx, decision: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select side_id, amount from decision_amounts where decision_id = $1 order by side_id"
    )
    .bind(decision)
    .fetch_all(c)
    .await)
}

/// Decisions (proposed or taken) about a project, at any session.
pub async fn decision_count_of_project(tx: &mut Tx, project: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select count(*) from decisions where project_id = $1"
    )
    .bind(project)
    .fetch_one(c)
    .await)
}

/// A decision taken for good in another session of the programme.
#[derive(Debug, sqlx::FromRow)]
pub struct DecidedElsewhere {
    pub project_id: i64,
    pub call_id: i64,
    pub outcome: String,
    /// When its session began.
    pub starts_at: i64,
}

/// The decisions recorded in the programme's other sessions, by the date of their session.
pub async fn decided_elsewhere(
    tx: &mut Tx,
    programme: i64,
    session: i64,
) -> sqlx::Result<Vec<DecidedElsewhere>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select d.project_id, p.call_id, d.outcome, s.starts_at from decisions d
         join commission_sessions s on s.id = d.session_id
         join commissions c on c.id = s.commission_id
         join projects p on p.id = d.project_id
         where c.programme_id = $1 and d.session_id <> $2 and d.decided_at is not null
         order by s.starts_at, d.id"
    )
    .bind(programme)
    .bind(session)
    .fetch_all(c)
    .await)
}
