//! SQL of sides and programmes.

use super::model::{Side, SideRow};
use crate::{db::Tx, on_tx, on_tx_exec};

const SIDE_COLS: &str =
    "id, code, name_fr, name_en, administration_fr, administration_en, time_zone, currency, locale";

pub async fn insert_side(tx: &mut Tx, s: &Side) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into sides (code, name_fr, name_en, administration_fr, administration_en, time_zone, currency, locale)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id"
    )
    .bind(&s.code)
    .bind(&s.name.fr)
    .bind(&s.name.en)
    .bind(&s.administration.fr)
    .bind(&s.administration.en)
    .bind(&s.time_zone)
    .bind(&s.currency)
    .bind(s.locale.tag())
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
