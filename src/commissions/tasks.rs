//! What the commission asks of a side's people, for their workspace: editions waiting for the
//! side's approval, the sessions to come. A fixed number of statements.

use super::{Commission, Session, actions, store};
use crate::{db::Tx, error::AppResult, viewer::Viewer};

/// A session to come, with its edition and whether the reader takes part.
pub struct UpcomingSession {
    pub session: Session,
    pub edition: Commission,
    pub participant: bool,
}

pub struct CommissionTasks {
    /// Every edition (to name what the other lists refer to).
    pub editions: Vec<Commission>,
    /// Draft editions the reader's side has not approved.
    pub editions_awaiting: Vec<Commission>,
    pub upcoming: Vec<UpcomingSession>,
    /// The latest sessions held, newest first (their decisions and minutes).
    pub recent: Vec<UpcomingSession>,
}

/// How many past sessions the workspace recalls.
const RECENT: i64 = 5;

/// An hour: a session that began this long ago is still "upcoming" (it may be running).
const RUNNING_MS: i64 = 3_600_000;

/// The commission's work for `user`, who acts for `side`.
pub async fn tasks_in(tx: &mut Tx, user: &Viewer, side: i64) -> AppResult<CommissionTasks> {
    let editions = actions::list_all_in(tx).await?;
    let awaiting = store::editions_awaiting(tx, side).await?;
    let since = tx.now_ms() - RUNNING_MS;
    let sessions = store::upcoming_sessions(tx, side, since).await?;
    let recent = store::recent_sessions(tx, side, since, RECENT).await?;
    let ids: Vec<i64> = sessions.iter().chain(&recent).map(|s| s.id).collect();
    let participants = store::participants_of(tx, &ids).await?;
    let edition = |id: i64| editions.iter().find(|c| c.id == id).cloned();
    let with_editions = |list: Vec<Session>| -> Vec<UpcomingSession> {
        list.into_iter()
            .filter_map(|s| {
                Some(UpcomingSession {
                    edition: edition(s.commission_id)?,
                    participant: participants.contains(&(s.id, user.id)),
                    session: s,
                })
            })
            .collect()
    };
    Ok(CommissionTasks {
        editions: editions.clone(),
        editions_awaiting: awaiting.into_iter().filter_map(edition).collect(),
        upcoming: with_editions(sessions),
        recent: with_editions(recent),
    })
}
