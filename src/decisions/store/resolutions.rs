//! SQL of resolutions (next call, new calendar), their approvals, and minutes signatures.

use super::super::model::{CalendarChange, CalendarScope, Resolution, ResolutionBody};
use crate::db::{Fingerprint, SideAct, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{db::Tx, on_tx, on_tx_exec};

const APPROVALS: SideAct = SideAct::approvals("resolution_approvals", "resolution_id");

/// The resolution of a kind at a session, if any: (id, decided_at).
pub async fn find_resolution_of_kind(
    tx: &mut Tx,
    session: i64,
    kind: &str,
) -> sqlx::Result<Option<(i64, Option<i64>)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, decided_at from resolutions where session_id = $1 and kind = $2"
    )
    .bind(session)
    .bind(kind)
    .fetch_optional(c)
    .await)
}

/// Replaces the pending resolution of this kind (approvals and themes cleared) or creates it.
pub async fn propose_resolution(
    tx: &mut Tx,
    session: i64,
    body: &ResolutionBody,
    (note, scope): (&str, &CalendarScope),
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    let (target, opens_on, months, end_on) = match body {
        ResolutionBody::NextCall {
            commission_id,
            opens_on,
            ..
        } => (Some(*commission_id), Some(opens_on.clone()), None, None),
        ResolutionBody::Calendar(CalendarChange::ByMonths(m)) => (None, None, Some(*m), None),
        ResolutionBody::Calendar(CalendarChange::To(d)) => (None, None, None, Some(d.clone())),
    };
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into resolutions (session_id, kind, target_commission_id, opens_on, shift_months, new_end_on,
             note, proposed_by, proposed_at, created_at, move_missions)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
         on conflict (session_id, kind) do update set target_commission_id = excluded.target_commission_id,
             opens_on = excluded.opens_on, shift_months = excluded.shift_months, new_end_on = excluded.new_end_on,
             note = excluded.note, proposed_by = excluded.proposed_by, proposed_at = excluded.proposed_at,
             move_missions = excluded.move_missions
         returning id"
    )
    .bind(session)
    .bind(body.kind().as_str())
    .bind(target)
    .bind(&opens_on)
    .bind(months)
    .bind(&end_on)
    .bind(note)
    .bind(by)
    .bind(now)
    .bind(scope.move_missions as i64)
    .fetch_one(c)
    .await
    })?;
    for table in [
        "resolution_approvals",
        "resolution_themes",
        "resolution_projects",
    ] {
        let sql = format!("delete from {table} where resolution_id = $1");
        on_tx_exec!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id)
            .execute(c)
            .await)?;
    }
    for funded in &scope.projects {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into resolution_projects (resolution_id, funded_id) values ($1, $2)"
        )
        .bind(id)
        .bind(funded)
        .execute(c)
        .await)?;
    }
    if let ResolutionBody::NextCall { themes, .. } = body {
        for (i, (fr, en)) in themes.iter().enumerate() {
            on_tx_exec!(tx, |c| {
                sqlx::query(
                "insert into resolution_themes (resolution_id, position, name_fr, name_en) values ($1, $2, $3, $4)"
            )
            .bind(id)
            .bind(i as i64)
            .bind(fr)
            .bind(en)
            .execute(c)
            .await
            })?;
        }
    }
    Ok(id)
}

pub async fn approve_resolution(
    tx: &mut Tx,
    id: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(tx, &APPROVALS, id, SideId(side), UserId(by), now, content).await?;
    Ok(())
}

pub async fn set_resolution_decided(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update resolutions set decided_at = $2 where id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(())
}

type ResolutionRow = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    String,
    Option<i64>,
    Option<i64>,
    i64,
);

const RESOLUTION_COLUMNS: &str = "select id, session_id, kind, target_commission_id, opens_on, shift_months, new_end_on, note, decided_at, applied_at, move_missions from resolutions";

async fn hydrate(tx: &mut Tx, rows: Vec<ResolutionRow>) -> sqlx::Result<Vec<Resolution>> {
    let mut out = Vec::new();
    for (
        id,
        session_id,
        kind,
        target,
        opens_on,
        months,
        end_on,
        note,
        decided_at,
        applied_at,
        moves,
    ) in rows
    {
        let body = if kind == "next_call" {
            let themes: Vec<(String, String)> = on_tx!(tx, |c| {
                sqlx::query_as(
                "select name_fr, name_en from resolution_themes where resolution_id = $1 order by position"
            )
            .bind(id)
            .fetch_all(c)
            .await
            })?;
            ResolutionBody::NextCall {
                commission_id: target.unwrap_or_default(),
                opens_on: opens_on.unwrap_or_default(),
                themes,
            }
        } else {
            ResolutionBody::Calendar(match (months, end_on) {
                (Some(m), _) => CalendarChange::ByMonths(m),
                (None, d) => CalendarChange::To(d.unwrap_or_default()),
            })
        };
        let scope: Vec<i64> = on_tx!(tx, |c| {
            sqlx::query_scalar(
            "select funded_id from resolution_projects where resolution_id = $1 order by funded_id"
        )
        .bind(id)
        .fetch_all(c)
        .await
        })?;
        let approvals: Vec<(i64, String)> = on_tx!(tx, |c| sqlx::query_as(
            "select side_id, content_hash from resolution_approvals where resolution_id = $1
             order by side_id"
        )
        .bind(id)
        .fetch_all(c)
        .await)?;
        let mut r = Resolution {
            id,
            session_id,
            body,
            note,
            scope,
            move_missions: moves != 0,
            approved_by_sides: Vec::new(),
            decided_at,
            applied_at,
        };
        // Only approvals of the resolution as it is now count.
        let seen = r.fingerprint();
        r.approved_by_sides = approvals
            .into_iter()
            .filter(|(_, hash)| *hash == seen.0)
            .map(|(side, _)| side)
            .collect();
        out.push(r);
    }
    Ok(out)
}

pub async fn list_resolutions(tx: &mut Tx, session: i64) -> sqlx::Result<Vec<Resolution>> {
    let sql = format!("{RESOLUTION_COLUMNS} where session_id = $1 order by id");
    let rows: Vec<ResolutionRow> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(session)
            .fetch_all(c)
            .await)?;
    hydrate(tx, rows).await
}

pub async fn find_resolution(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Resolution>> {
    let sql = format!("{RESOLUTION_COLUMNS} where id = $1");
    let rows: Vec<ResolutionRow> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id)
            .fetch_all(c)
            .await)?;
    Ok(hydrate(tx, rows).await?.into_iter().next())
}

/// Records a side's signature of the minutes; false if that side already signed.
pub async fn sign(
    tx: &mut Tx,
    session: i64,
    side: i64,
    (by, name): (i64, &str),
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into minutes_signatures (session_id, side_id, signed_by, signer_name, signed_at, content_hash) values ($1, $2, $3, $4, $5, $6)
         on conflict (session_id, side_id) do nothing"
    )
    .bind(session)
    .bind(side)
    .bind(by)
    .bind(name)
    .bind(now)
    .bind(content.as_str())
    .execute(c)
    .await
    })?;
    Ok(n == 1)
}

/// Signatures of a session's minutes: (side, signer name, signed at).
pub async fn signatures(tx: &mut Tx, session: i64) -> sqlx::Result<Vec<(i64, String, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select side_id, signer_name, signed_at from minutes_signatures where session_id = $1 order by side_id"
    )
    .bind(session)
    .fetch_all(c)
    .await
    })
}
