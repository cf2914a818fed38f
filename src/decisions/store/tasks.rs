//! SQL of what the joint sessions ask of a side's people (their workspace).

use crate::{db::Tx, on_tx};

/// A session of one of the side's programmes, with what is counted for the side.
#[derive(sqlx::FromRow)]
pub struct SessionWorkRow {
    #[sqlx(flatten)]
    pub session: crate::commissions::model::SessionRow,
    pub state: String,
    /// Decisions and resolutions proposed, not decided, the side has not approved.
    pub decisions: i64,
    pub resolutions: i64,
    /// Decisions taken, and whether the side released them.
    pub decided: i64,
    pub released: i64,
    /// Whether the side's co-chair signed the minutes, and whether the reader is that co-chair.
    pub signed: i64,
    pub co_chair: i64,
}

/// Every session (not cancelled) of `side`'s programmes, counted for `side` and `user`.
pub async fn session_work(tx: &mut Tx, side: i64, user: i64) -> sqlx::Result<Vec<SessionWorkRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select s.id, s.commission_id, s.kind, s.starts_at, s.time_zone, s.mode, s.place,
           s.meeting_url, s.sequence, s.cancelled_at, s.state,
           (select count(*) from decisions d where d.session_id = s.id and d.decided_at is null
              and not exists (select 1 from decision_approvals a
                              where a.decision_id = d.id and a.side_id = $1)) as decisions,
           (select count(*) from resolutions r where r.session_id = s.id and r.decided_at is null
              and not exists (select 1 from resolution_approvals a
                              where a.resolution_id = r.id and a.side_id = $1)) as resolutions,
           (select count(*) from decisions d
             where d.session_id = s.id and d.decided_at is not null) as decided,
           (select count(*) from session_releases r
             where r.session_id = s.id and r.side_id = $1) as released,
           (select count(*) from minutes_signatures m
             where m.session_id = s.id and m.side_id = $1) as signed,
           (select count(*) from commission_co_chairs ch
             where ch.commission_id = s.commission_id and ch.side_id = $1
               and ch.user_id = $2) as co_chair
         from commission_sessions s join commissions c on c.id = s.commission_id
         join programme_sides ps on ps.programme_id = c.programme_id and ps.side_id = $1
         where s.cancelled_at is null order by s.starts_at, s.id"
    )
    .bind(side)
    .bind(user)
    .fetch_all(c)
    .await)
}

/// The opening requests of these sessions with what each was made on: (session, side, hash).
pub async fn openings_with_content(
    tx: &mut Tx,
    sessions: &[i64],
) -> sqlx::Result<Vec<(i64, i64, String)>> {
    crate::db::fetch_all_in(
        tx,
        "select session_id, side_id, content_hash from session_openings
         where session_id in ({ids}) order by session_id, side_id",
        sessions,
    )
    .await
}

/// The latest decision released to each side for these projects: (project, side, outcome).
pub async fn released_of(tx: &mut Tx, projects: &[i64]) -> sqlx::Result<Vec<(i64, i64, String)>> {
    crate::db::fetch_all_in(
        tx,
        "select d.project_id, r.side_id, d.outcome from decisions d
         join session_releases r on r.session_id = d.session_id
         where d.project_id in ({ids}) and d.decided_at is not null order by d.id",
        projects,
    )
    .await
}
