//! The portal's read actions.

use crate::{
    calls::{self, Call, model::Phase},
    commissions::{self, actions::Overview},
    db::Db,
    error::AppResult,
    programmes::{self, Programme},
};

/// The home page: every programme with its commissions, their sessions and themes.
pub struct Home {
    pub programmes: Vec<(Programme, Vec<Overview>)>,
    /// The calls open for filing now, the soonest deadline first.
    pub open_calls: Vec<Call>,
    /// The instant the page was read at (what the calls policy decides on).
    pub now: i64,
}

pub async fn home(db: &Db) -> AppResult<Home> {
    let mut tx = db.read().await?;
    let programmes = programmes::actions::list_programmes_in(&mut tx).await?;
    let ids: Vec<i64> = programmes.iter().map(|p| p.id).collect();
    let mut overview = commissions::actions::overview_in(&mut tx, &ids).await?;
    let now = tx.now_ms();
    let mut open_calls: Vec<Call> = calls::actions::all_calls_in(&mut tx)
        .await?
        .into_iter()
        .filter(|c| c.phase(now) == Phase::Open)
        .collect();
    open_calls.sort_by_key(Call::last_deadline);
    Ok(Home {
        now,
        open_calls,
        programmes: programmes
            .into_iter()
            .map(|p| {
                let (mine, rest) = std::mem::take(&mut overview)
                    .into_iter()
                    .partition(|o| o.commission.programme_id == p.id);
                overview = rest;
                (p, mine)
            })
            .collect(),
    })
}
