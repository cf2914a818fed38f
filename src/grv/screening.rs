//! Screening of a Grands Rendez-vous' candidacies (issue 14, item 3). Each side's officers
//! screen their own side's filed candidacies, as filed: a verdict and a note on each, kept as
//! the side's recommendation on the submission (`evaluations` keeps them for both programmes),
//! confidential to the side until it sends its shortlist to the joint meeting, after which it
//! stands as sent. The joint meeting is [`super::cohort`]. Each function is one transaction;
//! each write takes the edition's lock first.

use std::collections::HashMap;

use super::{
    candidacy::{Candidacy, FiledCandidacy},
    model::{Edition, EditionState},
    policy::screening::{Facts, Perm, can},
    store::{self, candidacies as cstore, selection as sstore},
};
use crate::{
    audit,
    db::{Db, Fingerprint, Tx},
    error::{AppError, AppResult, FieldErrors},
    evaluations::{self, model::Verdict},
    programmes::{self, Side},
    submissions::{FilingState, actions as submissions},
    viewer::{Role, Viewer},
};

/// A filed candidacy as the sides screen it: its version as filed, and its side's verdict.
#[derive(Clone, Debug)]
pub struct Entry {
    pub candidacy: i64,
    pub side_id: i64,
    pub filed: FiledCandidacy,
    /// When it was last filed.
    pub filed_at: i64,
    pub verdict: Option<(Verdict, String)>,
    /// Withdrawn by its candidate after the cohort stood (kept to show who gave up a place).
    pub withdrawn: bool,
}

/// What screening and selection read of an edition, in a fixed number of statements.
pub(super) struct Pool {
    pub(super) edition: Edition,
    pub(super) sides: Vec<Side>,
    /// Every filed candidacy not withdrawn, in filing order; once the cohort stands, those
    /// withdrawn since too (marked).
    pub(super) entries: Vec<Entry>,
    /// Each side that sent its shortlist: (side, when, by whom).
    pub(super) sent: Vec<(i64, i64, String)>,
}

impl Pool {
    pub(super) fn met(&self) -> bool {
        self.sides
            .iter()
            .all(|s| self.sent.iter().any(|(id, _, _)| *id == s.id))
    }
    pub(super) fn sent_by(&self) -> Vec<i64> {
        self.sent.iter().map(|(s, _, _)| *s).collect()
    }
    pub(super) fn facts(&self, side: Option<i64>, approved_by: Vec<i64>) -> Facts {
        Facts {
            sides: self.sides.iter().map(|s| s.id).collect(),
            state: self.edition.state,
            side,
            sent_by: self.sent_by(),
            approved_by,
        }
    }
    pub(super) fn of_side(&self, side: i64) -> Vec<Entry> {
        self.entries
            .iter()
            .filter(|e| e.side_id == side)
            .cloned()
            .collect()
    }
    pub(super) fn places(&self) -> HashMap<i64, i64> {
        self.edition
            .input
            .places
            .iter()
            .map(|p| (p.side_id, p.places))
            .collect()
    }
}

pub(super) async fn pool(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<Pool> {
    let (programme, sides) = programmes::actions::programme_of(tx, user, &[Role::Officer]).await?;
    let edition = store::get(tx, id)
        .await?
        .filter(|e| e.programme_id == programme)
        .ok_or(AppError::NotFound)?;
    let stands = edition.state >= EditionState::CohortSelected;
    let filed: Vec<Candidacy> = cstore::of_editions(tx, &[id])
        .await?
        .into_iter()
        .filter(|c| {
            c.state == FilingState::Submitted || (stands && c.state == FilingState::Withdrawn)
        })
        .collect();
    let ids: Vec<i64> = filed.iter().map(|c| c.id).collect();
    let versions = submissions::latest_filed_in(tx, &ids).await?;
    let verdicts = evaluations::actions::recommendations_of_in(tx, &ids).await?;
    let mut entries = Vec::new();
    for c in &filed {
        let Some((_, _, content, _)) = versions.iter().find(|(s, _, _, _)| *s == c.id) else {
            continue;
        };
        let filed: FiledCandidacy =
            serde_json::from_str(content).map_err(|e| AppError::Internal(e.into()))?;
        entries.push(Entry {
            candidacy: c.id,
            side_id: c.side_id,
            filed,
            filed_at: c.submitted_at.unwrap_or(c.updated_at),
            verdict: verdicts
                .iter()
                .find(|(s, _, _)| *s == c.id)
                .map(|(_, v, n)| (*v, n.clone())),
            withdrawn: c.state == FilingState::Withdrawn,
        });
    }
    let sent = sstore::shortlists(tx, id).await?;
    Ok(Pool {
        edition,
        sides,
        entries,
        sent,
    })
}

/// The side the officer screens for (officers hold one side).
fn officer_side(user: &Viewer, sides: &[Side]) -> Option<Side> {
    sides
        .iter()
        .find(|s| user.has_role_on(Role::Officer, s.id))
        .cloned()
}

/// What a side's screening page showed: its candidacies as filed and its verdicts.
pub(super) fn side_fingerprint(entries: &[Entry]) -> Fingerprint {
    let rows: Vec<_> = entries
        .iter()
        .map(|e| {
            serde_json::json!([
                e.candidacy,
                e.filed.version,
                e.verdict.as_ref().map(|(v, n)| (v.as_str(), n.clone()))
            ])
        })
        .collect();
    Fingerprint::of(&serde_json::json!(rows))
}

/// A side's screening page.
pub struct ScreeningView {
    pub edition: Edition,
    pub side: Side,
    /// Every side (times are shown in each one's zone).
    pub sides: Vec<Side>,
    pub entries: Vec<Entry>,
    /// When the side sent its shortlist, and who did.
    pub sent: Option<(i64, String)>,
    /// Sides yet to send theirs.
    pub waiting_for: Vec<Side>,
    pub can_screen: bool,
    /// Whether every side has sent its shortlist: the cohort page is open.
    pub met: bool,
    pub seen: String,
}

impl ScreeningView {
    /// Candidacies without a verdict yet (the shortlist is sent once there are none).
    pub fn unscreened(&self) -> usize {
        self.entries.iter().filter(|e| e.verdict.is_none()).count()
    }
}

pub async fn screening_page(db: &Db, user: &Viewer, id: i64) -> AppResult<ScreeningView> {
    let mut tx = db.read().await?;
    let p = pool(&mut tx, user, id).await?;
    let side = officer_side(user, &p.sides).ok_or(AppError::Forbidden)?;
    let f = p.facts(Some(side.id), vec![]);
    if !can(user, Perm::ReadSide, &f) {
        return Err(AppError::Forbidden);
    }
    let entries: Vec<Entry> = p
        .of_side(side.id)
        .into_iter()
        .filter(|e| !e.withdrawn)
        .collect();
    Ok(ScreeningView {
        seen: side_fingerprint(&entries).0,
        can_screen: can(user, Perm::Screen, &f),
        met: p.met(),
        sent: p
            .sent
            .iter()
            .find(|(s, _, _)| *s == side.id)
            .map(|(_, at, by)| (*at, by.clone())),
        waiting_for: p
            .sides
            .iter()
            .filter(|s| !p.sent.iter().any(|(id, _, _)| *id == s.id))
            .cloned()
            .collect(),
        entries,
        side,
        sides: p.sides,
        edition: p.edition,
    })
}

/// One row of a side's screening as typed: the verdict (`None`: none chosen) and the note.
#[derive(Clone, Debug)]
pub struct ScreenRow {
    pub candidacy: i64,
    pub verdict: Option<Verdict>,
    pub note: String,
}

/// The longest note on a candidacy, in characters.
pub const MAX_NOTE: usize = 5_000;

/// Opens a write on the side's screening: the pool, the officer's side and that the side may
/// still change it (refused once its shortlist is sent).
async fn screening_to_change(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<(Pool, Side)> {
    store::lock(tx, id).await?;
    let p = pool(tx, user, id).await?;
    let side = officer_side(user, &p.sides).ok_or(AppError::Forbidden)?;
    if !can(user, Perm::Screen, &p.facts(Some(side.id), vec![])) {
        return Err(
            if can(user, Perm::ReadSide, &p.facts(Some(side.id), vec![])) {
                AppError::Conflict(if p.sent.iter().any(|(s, _, _)| *s == side.id) {
                    "grv-error-shortlist-sent".into()
                } else {
                    "grv-error-not-screening".into()
                })
            } else {
                AppError::Forbidden
            },
        );
    }
    Ok((p, side))
}

/// Saves the side's verdicts and notes at once (all or nothing); refused when the screening
/// changed since the page showed it (`seen`). Errors name their row's field (`verdict-{id}`,
/// `note-{id}`). Returns how many verdicts changed.
pub async fn save_screening(
    db: &Db,
    user: &Viewer,
    id: i64,
    seen: &str,
    rows: &[ScreenRow],
) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let (p, side) = screening_to_change(&mut tx, user, id).await?;
    let entries = p.of_side(side.id);
    side_fingerprint(&entries).check_seen(seen)?;
    let mut e = FieldErrors::default();
    for r in rows {
        if !entries.iter().any(|x| x.candidacy == r.candidacy) {
            return Err(AppError::NotFound);
        }
        if r.note.chars().count() > MAX_NOTE {
            e.add(&format!("note-{}", r.candidacy), "common-error-too-long");
        }
        if r.verdict.is_none() && !r.note.trim().is_empty() {
            e.add(
                &format!("verdict-{}", r.candidacy),
                "grv-error-note-without-verdict",
            );
        }
    }
    e.into_result()?;
    let now = tx.now_ms();
    let mut written = 0;
    for r in rows {
        let Some(verdict) = r.verdict else { continue };
        let note = r.note.trim();
        let current = entries
            .iter()
            .find(|x| x.candidacy == r.candidacy)
            .and_then(|x| x.verdict.as_ref());
        if current.is_none_or(|(v, n)| *v != verdict || n != note) {
            evaluations::actions::recommend_in(
                &mut tx,
                user,
                "grv_candidacy",
                r.candidacy,
                verdict,
                note,
                now,
            )
            .await?;
            written += 1;
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// Sends the side's shortlist to the joint meeting as the page showed it: every candidacy has
/// its verdict; from then on the side's screening stands as sent.
pub async fn send_shortlist(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    let (p, side) = screening_to_change(&mut tx, user, id).await?;
    let entries = p.of_side(side.id);
    let content = side_fingerprint(&entries);
    content.check_seen(seen)?;
    if entries.iter().any(|e| e.verdict.is_none()) {
        return Err(AppError::Conflict("grv-error-screening-incomplete".into()));
    }
    let now = tx.now_ms();
    sstore::send_shortlist(&mut tx, id, side.id, user.id, now, &content).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.send_shortlist",
        "grv_edition",
        id,
        &format!("side {}: {} candidacies", side.id, entries.len()),
    )
    .await?;
    let met = p
        .sides
        .iter()
        .all(|s| s.id == side.id || p.sent_by().contains(&s.id));
    tx.commit().await?;
    Ok(met)
}

/// Whether every side has sent its shortlist for the edition (the sides have met).
pub async fn sides_met_in(tx: &mut Tx, edition: i64, sides: &[Side]) -> AppResult<bool> {
    let sent = sstore::shortlists(tx, edition).await?;
    Ok(!sides.is_empty()
        && sides
            .iter()
            .all(|s| sent.iter().any(|(id, _, _)| *id == s.id)))
}
