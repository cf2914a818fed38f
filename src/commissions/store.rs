//! SQL of commissions, sessions and themes.

use super::model::{CoChair, Session, SessionRow, SessionState, Venue};
use crate::{
    db::{Tx, fetch_all_in},
    on_tx, on_tx_exec,
};

pub async fn insert_commission(
    tx: &mut Tx,
    programme_id: i64,
    number: i64,
    start: i64,
    end: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "insert into commissions (programme_id, number, start_year, end_year, created_at)
         values ($1, $2, $3, $4, $5) returning id"
    )
    .bind(programme_id)
    .bind(number)
    .bind(start)
    .bind(end)
    .bind(now)
    .fetch_one(c)
    .await)
}

pub async fn insert_co_chair(tx: &mut Tx, commission_id: i64, ch: &CoChair) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into commission_co_chairs (commission_id, side_id, name, title_fr, title_en) values ($1, $2, $3, $4, $5)"
    )
    .bind(commission_id)
    .bind(ch.side_id)
    .bind(&ch.name)
    .bind(&ch.title_fr)
    .bind(&ch.title_en)
    .execute(c)
    .await
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct CommissionRow {
    pub id: i64,
    pub programme_id: i64,
    pub number: i64,
    pub start_year: i64,
    pub end_year: i64,
}

pub async fn list_commissions(tx: &mut Tx, programme_id: i64) -> sqlx::Result<Vec<CommissionRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, start_year, end_year from commissions where programme_id = $1 order by number desc"
    )
    .bind(programme_id)
    .fetch_all(c)
    .await
    })
}

pub async fn list_co_chairs(tx: &mut Tx, commission_id: i64) -> sqlx::Result<Vec<CoChair>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select side_id, name, title_fr, title_en from commission_co_chairs where commission_id = $1 order by side_id"
    )
    .bind(commission_id)
    .fetch_all(c)
    .await
    })
}

pub async fn insert_session(tx: &mut Tx, s: &Session, now: i64) -> sqlx::Result<i64> {
    let (mode, place, url) = match &s.venue {
        Venue::InPerson { place } => ("in_person", Some(place.as_str()), None),
        Venue::Online { meeting_url } => ("online", None, Some(meeting_url.as_str())),
    };
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into commission_sessions (commission_id, kind, starts_at, time_zone, mode, place, meeting_url, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id"
    )
    .bind(s.commission_id)
    .bind(s.kind.as_str())
    .bind(s.starts_at)
    .bind(&s.time_zone)
    .bind(mode)
    .bind(place)
    .bind(url)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn list_sessions(tx: &mut Tx, commission_id: i64) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = on_tx!(tx, |c| sqlx::query_as(
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url
         from commission_sessions where commission_id = $1 order by starts_at"
    )
    .bind(commission_id)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(Session::try_from).collect()
}

pub async fn insert_theme(
    tx: &mut Tx,
    commission_id: i64,
    code: &str,
    fr: &str,
    en: &str,
    position: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into themes (commission_id, code, name_fr, name_en, position) values ($1, $2, $3, $4, $5) returning id"
    )
    .bind(commission_id)
    .bind(code)
    .bind(fr)
    .bind(en)
    .bind(position)
    .fetch_one(c)
    .await
    })
}

#[derive(sqlx::FromRow)]
pub struct ThemeRow {
    pub id: i64,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

pub async fn list_themes(tx: &mut Tx, commission_id: i64) -> sqlx::Result<Vec<ThemeRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, code, name_fr, name_en from themes where commission_id = $1 order by position"
    )
    .bind(commission_id)
    .fetch_all(c)
    .await)
}

/// The co-chairs of these commissions: (commission, co-chair), in one statement.
pub async fn co_chairs_of(tx: &mut Tx, commissions: &[i64]) -> sqlx::Result<Vec<(i64, CoChair)>> {
    let rows: Vec<(i64, i64, String, String, String)> = fetch_all_in(
        tx,
        "select commission_id, side_id, name, title_fr, title_en from commission_co_chairs
         where commission_id in ({ids}) order by commission_id, side_id",
        commissions,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(c, side_id, name, title_fr, title_en)| {
            (
                c,
                CoChair {
                    side_id,
                    name,
                    title_fr,
                    title_en,
                },
            )
        })
        .collect())
}

/// The sessions of these commissions, by date, in one statement.
pub async fn sessions_of(tx: &mut Tx, commissions: &[i64]) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = fetch_all_in(
        tx,
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url
         from commission_sessions where commission_id in ({ids}) order by starts_at",
        commissions,
    )
    .await?;
    rows.into_iter().map(Session::try_from).collect()
}

/// The themes of these commissions: (commission, theme), in their order, in one statement.
pub async fn themes_of(tx: &mut Tx, commissions: &[i64]) -> sqlx::Result<Vec<(i64, ThemeRow)>> {
    let rows: Vec<(i64, i64, String, String, String)> = fetch_all_in(
        tx,
        "select commission_id, id, code, name_fr, name_en from themes
         where commission_id in ({ids}) order by commission_id, position",
        commissions,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(c, id, code, name_fr, name_en)| {
            (
                c,
                ThemeRow {
                    id,
                    code,
                    name_fr,
                    name_en,
                },
            )
        })
        .collect())
}

pub async fn find_commission(tx: &mut Tx, id: i64) -> sqlx::Result<Option<CommissionRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, programme_id, number, start_year, end_year from commissions where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

pub async fn list_all_commissions(tx: &mut Tx) -> sqlx::Result<Vec<CommissionRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, start_year, end_year from commissions order by programme_id, number desc"
    )
    .fetch_all(c)
    .await
    })
}

pub async fn find_session(tx: &mut Tx, id: i64) -> sqlx::Result<Option<(Session, SessionState)>> {
    #[derive(sqlx::FromRow)]
    struct StatefulRow {
        #[sqlx(flatten)]
        s: SessionRow,
        state: String,
    }
    let r: Option<StatefulRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url, state from commission_sessions where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    match r {
        Some(r) => {
            let state = SessionState::parse(&r.state)
                .ok_or_else(|| crate::db::unknown("session state", &r.state))?;
            Ok(Some((Session::try_from(r.s)?, state)))
        }
        None => Ok(None),
    }
}

pub async fn set_session_state(
    tx: &mut Tx,
    id: i64,
    from: SessionState,
    to: SessionState,
) -> sqlx::Result<u64> {
    crate::on_tx_exec!(tx, |c| sqlx::query(
        "update commission_sessions set state = $3 where id = $1 and state = $2"
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .execute(c)
    .await)
}
