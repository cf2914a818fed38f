//! SQL of what the commission asks of a side's people (their workspace): editions to approve,
//! sessions to come and held.

use crate::{
    commissions::model::{Session, SessionRow},
    db::Tx,
    on_tx,
};

/// The draft editions of `side`'s programmes its side has not approved yet.
pub async fn editions_awaiting(tx: &mut Tx, side: i64) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select c.id from commissions c
         join programme_sides ps on ps.programme_id = c.programme_id and ps.side_id = $1
         where c.state = 'draft' and not exists (
             select 1 from commission_approvals a where a.commission_id = c.id and a.side_id = $1)
         order by c.id"
    )
    .bind(side)
    .fetch_all(c)
    .await)
}

/// The sessions of `side`'s programmes not closed nor cancelled that start after `since`, by
/// date.
pub async fn upcoming_sessions(tx: &mut Tx, side: i64, since: i64) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = on_tx!(tx, |c| sqlx::query_as(
        "select s.id, s.commission_id, s.kind, s.starts_at, s.time_zone, s.mode, s.place,
                s.meeting_url, s.sequence, s.cancelled_at
         from commission_sessions s join commissions c on c.id = s.commission_id
         join programme_sides ps on ps.programme_id = c.programme_id and ps.side_id = $1
         where s.cancelled_at is null and s.state <> 'closed' and s.starts_at >= $2
         order by s.starts_at, s.id"
    )
    .bind(side)
    .bind(since)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(Session::try_from).collect()
}

/// The latest sessions of `side`'s programmes already held (closed, or begun before `before`),
/// newest first, `limit` of them.
pub async fn recent_sessions(
    tx: &mut Tx,
    side: i64,
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = on_tx!(tx, |c| sqlx::query_as(
        "select s.id, s.commission_id, s.kind, s.starts_at, s.time_zone, s.mode, s.place,
                s.meeting_url, s.sequence, s.cancelled_at
         from commission_sessions s join commissions c on c.id = s.commission_id
         join programme_sides ps on ps.programme_id = c.programme_id and ps.side_id = $1
         where s.cancelled_at is null and (s.state = 'closed' or s.starts_at < $2)
         order by s.starts_at desc, s.id desc limit $3"
    )
    .bind(side)
    .bind(before)
    .bind(limit)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(Session::try_from).collect()
}
