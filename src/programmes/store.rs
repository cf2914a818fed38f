//! SQL of sides and programmes.

use super::model::{Side, SideRow};
use crate::{db::Tx, on_tx, on_tx_exec};

const SIDE_COLS: &str = "id, code, name_fr, name_en, administration_fr, administration_en, time_zone, currency, locale, acronym, logo_text, iati_ref";

pub async fn insert_side(tx: &mut Tx, s: &Side) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into sides (code, name_fr, name_en, administration_fr, administration_en, time_zone, currency, locale, acronym, logo_text, iati_ref)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id"
    )
    .bind(&s.code)
    .bind(&s.name.fr)
    .bind(&s.name.en)
    .bind(&s.administration.fr)
    .bind(&s.administration.en)
    .bind(&s.time_zone)
    .bind(&s.currency)
    .bind(s.locale.tag())
    .bind(&s.acronym)
    .bind(&s.logo_text)
    .bind(&s.iati_ref)
    .fetch_one(c)
    .await
    })
}

pub async fn list_sides(tx: &mut Tx) -> sqlx::Result<Vec<Side>> {
    let sql = format!("select {SIDE_COLS} from sides order by id");
    let rows: Vec<SideRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(Side::from).collect())
}

pub async fn insert_programme(
    tx: &mut Tx,
    code: &str,
    fr: &str,
    en: &str,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into programmes (code, name_fr, name_en, created_at) values ($1, $2, $3, $4) returning id"
    )
    .bind(code)
    .bind(fr)
    .bind(en)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn insert_programme_side(
    tx: &mut Tx,
    programme_id: i64,
    side_id: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "insert into programme_sides (programme_id, side_id) values ($1, $2)"
    )
    .bind(programme_id)
    .bind(side_id)
    .execute(c)
    .await)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: i64,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

pub async fn list_programmes(tx: &mut Tx) -> sqlx::Result<Vec<ProgrammeRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, code, name_fr, name_en from programmes order by id"
    )
    .fetch_all(c)
    .await)
}

pub async fn list_programme_sides(tx: &mut Tx, programme_id: i64) -> sqlx::Result<Vec<Side>> {
    let sql = format!(
        "select {} from sides s join programme_sides ps on ps.side_id = s.id where ps.programme_id = $1 order by s.id",
        SIDE_COLS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows: Vec<SideRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(programme_id)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(Side::from).collect())
}

#[derive(sqlx::FromRow)]
pub struct DefaultsRow {
    pub min_duration_months: i64,
    pub max_duration_months: i64,
    pub min_partners_per_side: i64,
    pub travel_paid_by: String,
}

#[derive(sqlx::FromRow)]
pub struct CapsRow {
    pub side_id: i64,
    pub cap_per_trip: i64,
    pub cap_per_stay: i64,
    pub cap_per_year: i64,
}

pub async fn defaults(
    tx: &mut Tx,
    programme_id: i64,
) -> sqlx::Result<Option<(DefaultsRow, Vec<CapsRow>)>> {
    let row: Option<DefaultsRow> = on_tx!(tx, |c| sqlx::query_as(
        "select min_duration_months, max_duration_months, min_partners_per_side, travel_paid_by
         from programmes where id = $1"
    )
    .bind(programme_id)
    .fetch_optional(c)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let caps: Vec<CapsRow> = on_tx!(tx, |c| sqlx::query_as(
        "select side_id, cap_per_trip, cap_per_stay, cap_per_year from programme_sides
         where programme_id = $1 order by side_id"
    )
    .bind(programme_id)
    .fetch_all(c)
    .await)?;
    Ok(Some((row, caps)))
}

pub async fn set_defaults(
    tx: &mut Tx,
    programme_id: i64,
    d: &super::model::FundingDefaults,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update programmes set min_duration_months = $2, max_duration_months = $3,
             min_partners_per_side = $4, travel_paid_by = $5 where id = $1"
    )
    .bind(programme_id)
    .bind(d.min_duration_months)
    .bind(d.max_duration_months)
    .bind(d.min_partners_per_side)
    .bind(&d.travel_paid_by)
    .execute(c)
    .await)?;
    for cap in &d.caps {
        on_tx_exec!(tx, |c| sqlx::query(
            "update programme_sides set cap_per_trip = $3, cap_per_stay = $4, cap_per_year = $5
             where programme_id = $1 and side_id = $2"
        )
        .bind(programme_id)
        .bind(cap.side_id)
        .bind(cap.per_trip)
        .bind(cap.per_stay)
        .bind(cap.per_year)
        .execute(c)
        .await)?;
    }
    Ok(())
}

pub async fn count_programmes(tx: &mut Tx) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select count(*) from programmes"
    )
    .fetch_one(c)
    .await)
}
