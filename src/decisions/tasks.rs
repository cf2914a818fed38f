//! What the joint sessions ask of a side's people, for their workspace: decisions and
//! resolutions waiting for the side's approval, a session the other side opened, decisions to
//! release, minutes to sign. One statement; the policy says which of them are the reader's.

use super::{
    model::{Outcome, session_fingerprint},
    policy::{self, Facts, Perm},
    store,
};
use crate::{
    commissions::{Session, SessionKind, SessionState},
    db::{Tx, unknown},
    error::AppResult,
    viewer::Viewer,
};

/// A session with something for the reader to do.
pub struct SessionWork {
    pub id: i64,
    pub commission_id: i64,
    pub kind: SessionKind,
    pub starts_at: i64,
    pub time_zone: String,
    /// Decisions and resolutions proposed that wait for the reader's side.
    pub to_approve: i64,
    /// The session's time has come or the other side opened it; the reader's side has not.
    pub to_open: bool,
    pub to_release: bool,
    pub to_sign: bool,
}

/// The sessions of `side`'s programmes with something for `user` to do.
pub async fn session_work_in(tx: &mut Tx, user: &Viewer, side: i64) -> AppResult<Vec<SessionWork>> {
    let now = tx.now_ms();
    let rows = store::session_work(tx, side, user.id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.session.id).collect();
    let openings = store::openings_with_content(tx, &ids).await?;
    let mut out = Vec::new();
    for r in rows {
        let state =
            SessionState::parse(&r.state).ok_or_else(|| unknown("session state", &r.state))?;
        let session: Session = r.session.try_into()?;
        // Only requests made on the session as it is now count (a moved session asks again).
        let seen = session_fingerprint(&session);
        let asked: Vec<i64> = openings
            .iter()
            .filter(|(s, _, hash)| *s == session.id && *hash == seen.0)
            .map(|(_, side, _)| *side)
            .collect();
        let mine = |n: i64| if n > 0 { vec![side] } else { Vec::new() };
        let facts = Facts {
            sides: vec![side],
            state,
            released_by: mine(r.released),
            signed_by: mine(r.signed),
            participants: Vec::new(),
            co_chairs: if r.co_chair > 0 {
                vec![(side, user.id)]
            } else {
                Vec::new()
            },
        };
        let takes_part = policy::can(user, Perm::TakePart, &facts);
        let w = SessionWork {
            id: session.id,
            commission_id: session.commission_id,
            kind: session.kind,
            starts_at: session.starts_at,
            time_zone: session.time_zone.clone(),
            to_approve: if takes_part && state == SessionState::Open {
                r.decisions + r.resolutions
            } else {
                0
            },
            to_open: takes_part
                && state == SessionState::Scheduled
                && !asked.contains(&side)
                && (!asked.is_empty() || session.starts_at <= now),
            to_release: r.decided > 0 && policy::can(user, Perm::Release, &facts),
            to_sign: policy::can(user, Perm::Sign, &facts),
        };
        if w.to_approve > 0 || w.to_open || w.to_release || w.to_sign {
            out.push(w);
        }
    }
    Ok(out)
}

/// The outcome released to each side for these projects, the latest decision standing:
/// (project, side, outcome).
pub async fn released_outcomes_in(
    tx: &mut Tx,
    projects: &[i64],
) -> AppResult<Vec<(i64, i64, Outcome)>> {
    let mut out: Vec<(i64, i64, Outcome)> = Vec::new();
    for (project, side, o) in store::released_of(tx, projects).await? {
        let o = Outcome::parse(&o).ok_or_else(|| unknown("decision outcome", &o))?;
        out.retain(|(p, s, _)| !(*p == project && *s == side));
        out.push((project, side, o));
    }
    Ok(out)
}
