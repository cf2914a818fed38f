//! SQL of calls.

use super::model::{Call, CallState, SideTerms, TravelPayer};
use crate::db::{Fingerprint, SideAct, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{
    db::{Tx, fetch_all_in},
    i18n::Localized,
    on_tx, on_tx_exec,
    organisations::OrganisationKind,
};

const APPROVALS: SideAct = SideAct::approvals("call_approvals", "call_id");

/// The columns a call is written with.
pub struct CallRow<'a> {
    pub commission_id: i64,
    pub title: &'a Localized,
    pub guidelines: &'a Localized,
    pub opens_at: i64,
    pub min_duration_months: i64,
    pub max_duration_months: i64,
    pub min_partners_per_side: i64,
    pub travel_paid_by: TravelPayer,
}

pub async fn insert_call(tx: &mut Tx, c: &CallRow<'_>, by: i64, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c2| {
        sqlx::query_scalar(
        "insert into calls (commission_id, title_fr, title_en, guidelines_fr, guidelines_en, state, opens_at,
            min_duration_months, max_duration_months, min_partners_per_side, travel_paid_by, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $12) returning id"
    )
    .bind(c.commission_id)
    .bind(&c.title.fr)
    .bind(&c.title.en)
    .bind(&c.guidelines.fr)
    .bind(&c.guidelines.en)
    .bind(c.opens_at)
    .bind(c.min_duration_months)
    .bind(c.max_duration_months)
    .bind(c.min_partners_per_side)
    .bind(c.travel_paid_by.as_str())
    .bind(by)
    .bind(now)
    .fetch_one(c2)
    .await
    })
}

pub async fn update_call(tx: &mut Tx, id: i64, c: &CallRow<'_>, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c2| {
        sqlx::query(
        "update calls set commission_id = $2, title_fr = $3, title_en = $4, guidelines_fr = $5, guidelines_en = $6,
            opens_at = $7, min_duration_months = $8, max_duration_months = $9, min_partners_per_side = $10,
            travel_paid_by = $11, updated_at = $12
         where id = $1 and state = 'draft'"
    )
    .bind(id)
    .bind(c.commission_id)
    .bind(&c.title.fr)
    .bind(&c.title.en)
    .bind(&c.guidelines.fr)
    .bind(&c.guidelines.en)
    .bind(c.opens_at)
    .bind(c.min_duration_months)
    .bind(c.max_duration_months)
    .bind(c.min_partners_per_side)
    .bind(c.travel_paid_by.as_str())
    .bind(now)
    .execute(c2)
    .await
    })
}

/// Replaces the themes, kinds and per-side terms of a call.
pub async fn replace_details(
    tx: &mut Tx,
    id: i64,
    themes: &[i64],
    kinds: &[OrganisationKind],
    sides: &[SideTerms],
) -> sqlx::Result<()> {
    for table in ["call_themes", "call_organisation_kinds", "call_sides"] {
        let sql = format!("delete from {table} where call_id = $1");
        on_tx_exec!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id)
            .execute(c)
            .await)?;
    }
    for t in themes {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into call_themes (call_id, theme_id) values ($1, $2)"
        )
        .bind(id)
        .bind(t)
        .execute(c)
        .await)?;
    }
    for k in kinds {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into call_organisation_kinds (call_id, kind) values ($1, $2)"
        )
        .bind(id)
        .bind(k.as_str())
        .execute(c)
        .await)?;
    }
    for s in sides {
        on_tx_exec!(tx, |c| {
            sqlx::query(
            "insert into call_sides (call_id, side_id, deadline_at, time_zone, cap_per_trip, cap_per_stay, cap_per_year)
             values ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(id)
        .bind(s.side_id)
        .bind(s.deadline_at)
        .bind(&s.time_zone)
        .bind(s.cap_per_trip)
        .bind(s.cap_per_stay)
        .bind(s.cap_per_year)
        .execute(c)
        .await
        })?;
    }
    Ok(())
}

pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: CallState,
    to: CallState,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update calls set state = $3, updated_at = $4 where id = $1 and state = $2"
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(now)
    .execute(c)
    .await)
}

pub async fn insert_approval(
    tx: &mut Tx,
    id: i64,
    side_id: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<()> {
    record_side_act(
        tx,
        &APPROVALS,
        id,
        SideId(side_id),
        UserId(by),
        now,
        content,
    )
    .await?;
    Ok(())
}

pub async fn delete_approvals(tx: &mut Tx, id: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from call_approvals where call_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    commission_id: i64,
    programme_id: i64,
    title_fr: String,
    title_en: String,
    guidelines_fr: String,
    guidelines_en: String,
    state: String,
    opens_at: i64,
    min_duration_months: i64,
    max_duration_months: i64,
    min_partners_per_side: i64,
    travel_paid_by: String,
}

#[derive(sqlx::FromRow)]
struct SideRow {
    call_id: i64,
    side_id: i64,
    code: String,
    name_fr: String,
    name_en: String,
    currency: String,
    deadline_at: i64,
    time_zone: String,
    cap_per_trip: i64,
    cap_per_stay: i64,
    cap_per_year: i64,
}

const CALL_COLS: &str = "c.id, c.commission_id, m.programme_id, c.title_fr, c.title_en, c.guidelines_fr, c.guidelines_en, c.state,
    c.opens_at, c.min_duration_months, c.max_duration_months, c.min_partners_per_side, c.travel_paid_by";

/// What a call's row is completed with: its themes, organisation kinds, sides and approvals.
#[derive(Default)]
struct Details {
    themes: Vec<(i64, i64)>,
    kinds: Vec<(i64, String)>,
    sides: Vec<SideRow>,
    approvals: Vec<(i64, i64, String)>,
}

/// The details of these calls, in four statements whatever their number.
async fn details(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Details> {
    Ok(Details {
        themes: fetch_all_in(
            tx,
            "select call_id, theme_id from call_themes where call_id in ({ids})
             order by call_id, theme_id",
            ids,
        )
        .await?,
        kinds: fetch_all_in(
            tx,
            "select call_id, kind from call_organisation_kinds where call_id in ({ids})
             order by call_id, kind",
            ids,
        )
        .await?,
        sides: fetch_all_in(
            tx,
            "select cs.call_id, cs.side_id, s.code, s.name_fr, s.name_en, s.currency, cs.deadline_at,
                    cs.time_zone, cs.cap_per_trip, cs.cap_per_stay, cs.cap_per_year
             from call_sides cs join sides s on s.id = cs.side_id where cs.call_id in ({ids})
             order by cs.call_id, cs.side_id",
            ids,
        )
        .await?,
        approvals: fetch_all_in(
            tx,
            "select call_id, side_id, content_hash from call_approvals where call_id in ({ids})
             order by call_id, side_id",
            ids,
        )
        .await?,
    })
}

fn complete(r: Row, d: &Details) -> sqlx::Result<Call> {
    let bad = |w: &str| sqlx::Error::Decode(format!("invalid call {w}").into());
    let mut call = Call {
        id: r.id,
        commission_id: r.commission_id,
        programme_id: r.programme_id,
        title: Localized::new(r.title_fr, r.title_en),
        guidelines: Localized::new(r.guidelines_fr, r.guidelines_en),
        state: CallState::parse(&r.state).ok_or_else(|| bad("state"))?,
        opens_at: r.opens_at,
        min_duration_months: r.min_duration_months,
        max_duration_months: r.max_duration_months,
        min_partners_per_side: r.min_partners_per_side,
        travel_paid_by: TravelPayer::parse(&r.travel_paid_by).ok_or_else(|| bad("travel rule"))?,
        theme_ids: d
            .themes
            .iter()
            .filter(|(call, _)| *call == r.id)
            .map(|(_, t)| *t)
            .collect(),
        organisation_kinds: d
            .kinds
            .iter()
            .filter(|(call, _)| *call == r.id)
            .map(|(_, k)| OrganisationKind::parse(k).ok_or_else(|| bad("organisation kind")))
            .collect::<sqlx::Result<_>>()?,
        sides: d
            .sides
            .iter()
            .filter(|s| s.call_id == r.id)
            .map(|s| SideTerms {
                side_id: s.side_id,
                side_code: s.code.clone(),
                side_name: Localized::new(s.name_fr.clone(), s.name_en.clone()),
                currency: s.currency.clone(),
                deadline_at: s.deadline_at,
                time_zone: s.time_zone.clone(),
                cap_per_trip: s.cap_per_trip,
                cap_per_stay: s.cap_per_stay,
                cap_per_year: s.cap_per_year,
            })
            .collect(),
        approved_by_sides: Vec::new(),
    };
    // Only approvals of the content as it is now count.
    let seen = call.fingerprint();
    call.approved_by_sides = d
        .approvals
        .iter()
        .filter(|(c, _, hash)| *c == call.id && *hash == seen.0)
        .map(|(_, side, _)| *side)
        .collect();
    Ok(call)
}

pub async fn find_call(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Call>> {
    let sql = format!(
        "select {CALL_COLS} from calls c join commissions m on m.id = c.commission_id where c.id = $1"
    );
    let row: Option<Row> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .fetch_optional(c)
        .await)?;
    match row {
        Some(r) => {
            let d = details(tx, &[r.id]).await?;
            Ok(Some(complete(r, &d)?))
        }
        None => Ok(None),
    }
}

pub async fn list_calls(tx: &mut Tx) -> sqlx::Result<Vec<Call>> {
    let sql = format!(
        "select {CALL_COLS} from calls c join commissions m on m.id = c.commission_id order by c.opens_at desc, c.id desc"
    );
    let rows: Vec<Row> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .fetch_all(c)
        .await)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let d = details(tx, &ids).await?;
    rows.into_iter().map(|r| complete(r, &d)).collect()
}
