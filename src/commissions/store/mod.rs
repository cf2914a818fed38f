//! SQL of commissions, sessions and themes.

use super::model::{CoChair, EditionState, Session, SessionRow, SessionState, Venue};
use crate::{
    db::{Tx, fetch_all_in},
    on_tx, on_tx_exec,
};

/// An edition's fields (co-chairs and themes apart).
pub struct EditionFields {
    pub programme_id: i64,
    pub number: i64,
    pub start: i64,
    pub end: i64,
    pub host_side_id: Option<i64>,
    pub state: EditionState,
}

pub async fn insert_commission(tx: &mut Tx, e: &EditionFields, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into commissions (programme_id, number, start_year, end_year, host_side_id, state, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id"
    )
    .bind(e.programme_id)
    .bind(e.number)
    .bind(e.start)
    .bind(e.end)
    .bind(e.host_side_id)
    .bind(e.state.as_str())
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn update_commission(
    tx: &mut Tx,
    id: i64,
    e: &EditionFields,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update commissions set number = $2, start_year = $3, end_year = $4, host_side_id = $5,
             updated_at = $6 where id = $1 and state = 'draft'"
    )
    .bind(id)
    .bind(e.number)
    .bind(e.start)
    .bind(e.end)
    .bind(e.host_side_id)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn set_commission_state(tx: &mut Tx, id: i64, state: EditionState) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update commissions set state = $2 where id = $1"
    )
    .bind(id)
    .bind(state.as_str())
    .execute(c)
    .await)
}

/// Clears what an edition's draft had: its co-chairs, themes (not yet used by a call) and
/// approvals, before they are written again.
pub async fn clear_draft(tx: &mut Tx, id: i64) -> sqlx::Result<()> {
    for sql in [
        "delete from commission_co_chairs where commission_id = $1",
        "delete from themes where commission_id = $1",
        "delete from commission_approvals where commission_id = $1",
    ] {
        on_tx_exec!(tx, |c| sqlx::query(sql).bind(id).execute(c).await)?;
    }
    Ok(())
}

const APPROVALS: crate::db::SideAct =
    crate::db::SideAct::approvals("commission_approvals", "commission_id");

pub async fn approve(
    tx: &mut Tx,
    id: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &crate::db::Fingerprint,
) -> sqlx::Result<u64> {
    crate::db::record_side_act(
        tx,
        &APPROVALS,
        id,
        crate::ids::SideId(side),
        crate::ids::UserId(by),
        now,
        content,
    )
    .await
}

/// The sides that approved an edition's current content.
pub async fn approvals(tx: &mut Tx, id: i64, content: &str) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from commission_approvals where commission_id = $1 and content_hash = $2
         order by side_id"
    )
    .bind(id)
    .bind(content)
    .fetch_all(c)
    .await)
}

pub async fn insert_co_chair(tx: &mut Tx, commission_id: i64, ch: &CoChair) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into commission_co_chairs (commission_id, side_id, name, title_fr, title_en, user_id) values ($1, $2, $3, $4, $5, $6)"
    )
    .bind(commission_id)
    .bind(ch.side_id)
    .bind(&ch.name)
    .bind(&ch.title_fr)
    .bind(&ch.title_en)
    .bind(ch.user_id)
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
    pub state: String,
    pub host_side_id: Option<i64>,
}

pub async fn list_commissions(tx: &mut Tx, programme_id: i64) -> sqlx::Result<Vec<CommissionRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, start_year, end_year, state, host_side_id from commissions where programme_id = $1 order by number desc"
    )
    .bind(programme_id)
    .fetch_all(c)
    .await
    })
}

pub async fn list_co_chairs(tx: &mut Tx, commission_id: i64) -> sqlx::Result<Vec<CoChair>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select side_id, name, title_fr, title_en, user_id from commission_co_chairs where commission_id = $1 order by side_id"
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
    let rows: Vec<SessionRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url, sequence, cancelled_at
         from commission_sessions where commission_id = $1 order by starts_at"
    )
    .bind(commission_id)
    .fetch_all(c)
    .await
    })?;
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
    let rows: Vec<(i64, i64, String, String, String, Option<i64>)> = fetch_all_in(
        tx,
        "select commission_id, side_id, name, title_fr, title_en, user_id from commission_co_chairs
         where commission_id in ({ids}) order by commission_id, side_id",
        commissions,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(c, side_id, name, title_fr, title_en, user_id)| {
            (
                c,
                CoChair {
                    side_id,
                    name,
                    title_fr,
                    title_en,
                    user_id,
                },
            )
        })
        .collect())
}

/// The sessions of these commissions, by date, in one statement.
pub async fn sessions_of(tx: &mut Tx, commissions: &[i64]) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = fetch_all_in(
        tx,
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url, sequence, cancelled_at
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
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, start_year, end_year, state, host_side_id from commissions where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })
}

pub async fn list_all_commissions(tx: &mut Tx) -> sqlx::Result<Vec<CommissionRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, start_year, end_year, state, host_side_id from commissions order by programme_id, number desc"
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
        "select id, commission_id, kind, starts_at, time_zone, mode, place, meeting_url, sequence, cancelled_at, state from commission_sessions where id = $1"
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

/// Moves a session (and its venue): its SEQUENCE grows by one.
pub async fn move_session(tx: &mut Tx, s: &Session) -> sqlx::Result<u64> {
    let (mode, place, url) = match &s.venue {
        Venue::InPerson { place } => ("in_person", Some(place.as_str()), None),
        Venue::Online { meeting_url } => ("online", None, Some(meeting_url.as_str())),
    };
    on_tx_exec!(tx, |c| sqlx::query(
        "update commission_sessions set kind = $2, starts_at = $3, time_zone = $4, mode = $5,
             place = $6, meeting_url = $7, sequence = sequence + 1
         where id = $1 and state = 'scheduled' and cancelled_at is null"
    )
    .bind(s.id)
    .bind(s.kind.as_str())
    .bind(s.starts_at)
    .bind(&s.time_zone)
    .bind(mode)
    .bind(place)
    .bind(url)
    .execute(c)
    .await)
}

/// Cancels a scheduled session: its SEQUENCE grows by one.
pub async fn cancel_session(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update commission_sessions set cancelled_at = $2, sequence = sequence + 1
         where id = $1 and state = 'scheduled' and cancelled_at is null"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)
}

pub async fn set_participants(tx: &mut Tx, session: i64, users: &[i64]) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from session_participants where session_id = $1"
    )
    .bind(session)
    .execute(c)
    .await)?;
    for u in users {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into session_participants (session_id, user_id) values ($1, $2)"
        )
        .bind(session)
        .bind(u)
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// The participants of these sessions: (session, user), in one statement.
pub async fn participants_of(tx: &mut Tx, sessions: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    fetch_all_in(
        tx,
        "select session_id, user_id from session_participants where session_id in ({ids})
         order by session_id, user_id",
        sessions,
    )
    .await
}

/// Records the next call's opening date adopted for an edition, and marks its adopted themes.
pub async fn adopt_next_call(
    tx: &mut Tx,
    commission: i64,
    opens_on: &str,
    themes: &[i64],
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update commissions set next_call_opens_on = $2 where id = $1"
    )
    .bind(commission)
    .bind(opens_on)
    .execute(c)
    .await)?;
    for t in themes {
        on_tx_exec!(tx, |c| sqlx::query(
            "update themes set adopted = 1 where id = $1 and commission_id = $2"
        )
        .bind(t)
        .bind(commission)
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// The adopted next call of an edition: its opening date and adopted themes.
pub async fn next_call(tx: &mut Tx, commission: i64) -> sqlx::Result<(Option<String>, Vec<i64>)> {
    let opens: Option<Option<String>> = on_tx!(tx, |c| sqlx::query_scalar(
        "select next_call_opens_on from commissions where id = $1"
    )
    .bind(commission)
    .fetch_optional(c)
    .await)?;
    let themes: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "select id from themes where commission_id = $1 and adopted = 1 order by position"
    )
    .bind(commission)
    .fetch_all(c)
    .await)?;
    Ok((opens.flatten(), themes))
}

mod tasks;
pub use tasks::*;
