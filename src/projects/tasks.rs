//! What applicants and officers have to do with projects, for their workspace: each list in
//! one statement, whatever the number of projects.

use super::{model::HalfState, store};
use crate::{
    db::{Tx, unknown},
    error::AppResult,
    i18n::Localized,
};

/// A half its reader leads, with the other side's half's state.
pub struct LedHalf {
    pub project_id: i64,
    pub title: String,
    pub call_id: i64,
    pub call_title: Localized,
    pub side_id: i64,
    pub state: HalfState,
    /// None until the other side's partner joined.
    pub other_state: Option<HalfState>,
    pub extension_until: Option<i64>,
}

fn state(s: &str) -> AppResult<HalfState> {
    Ok(HalfState::parse(s).ok_or_else(|| unknown("half state", s))?)
}

/// Every half `user` leads, newest project first.
pub async fn led_halves_in(tx: &mut Tx, user: i64) -> AppResult<Vec<LedHalf>> {
    store::led_halves(tx, user)
        .await?
        .into_iter()
        .map(|r| {
            Ok(LedHalf {
                project_id: r.project_id,
                title: r.title,
                call_id: r.call_id,
                call_title: Localized::new(r.call_title_fr, r.call_title_en),
                side_id: r.side_id,
                state: state(&r.state)?,
                other_state: r.other_state.as_deref().map(state).transpose()?,
                extension_until: r.extension_until,
            })
        })
        .collect()
}

/// A call whose filed halves on the officer's side wait for an admissibility decision.
pub struct PendingAdmissibility {
    pub call_id: i64,
    pub call_title: Localized,
    pub halves: i64,
}

/// Per published call, how many of `side`'s filed halves wait for admissibility.
pub async fn awaiting_admissibility_in(
    tx: &mut Tx,
    side: i64,
) -> AppResult<Vec<PendingAdmissibility>> {
    Ok(store::awaiting_admissibility(tx, side)
        .await?
        .into_iter()
        .map(|(call_id, fr, en, halves)| PendingAdmissibility {
            call_id,
            call_title: Localized::new(fr, en),
            halves,
        })
        .collect())
}
