//! Follow-up use cases. Funded projects are created inside the transaction that closes the
//! session that selected them; then each is seen by its leads, the programme's officers and
//! commission members. `missions.rs`: missions, spending, activity reports; `midterm.rs`: the
//! mid-term review; `calendar.rs`: new calendars and individual extensions.

use super::{
    model::{
        FundedMission, FundedProject, ObjectiveStatus, SideFunding, SideMoney, TermChangeLine,
        side_money, term,
    },
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    commissions,
    db::{Db, Tx},
    error::{AppError, AppResult},
    programmes::{self, Side},
    projects::{self, Project},
    users::{Role, Viewer},
};

/// A selection to follow up: (decision, project, duration in months from the application).
pub type Selection = (i64, i64, Option<i64>);

/// Creates a funded project for each selection of a session (once per project), with the
/// application's objectives (one per line) and planned missions; returns how many.
pub async fn create_for_session(
    tx: &mut Tx,
    commission_id: i64,
    session_ms: i64,
    zone: &str,
    selections: &[Selection],
) -> AppResult<u64> {
    let now = tx.now_ms();
    let mut n = 0;
    for (decision, project, months) in selections {
        let t = term(session_ms, zone, *months)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no term for project {project}")))?;
        if store::insert(tx, *project, *decision, commission_id, t, now).await? == 0 {
            continue;
        }
        n += 1;
        let funded = store::find_by_project(tx, *project)
            .await?
            .ok_or(AppError::NotFound)?;
        let p = projects::actions::project_in(tx, *project).await?;
        let lines = p
            .objectives
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
            .filter(|l| !l.is_empty());
        for (i, text) in lines.enumerate() {
            store::insert_objective(tx, funded.id, i as i64, text, now).await?;
        }
        for m in &p.missions {
            store::insert_mission(tx, funded.id, m, now).await?;
        }
    }
    Ok(n)
}

/// The funded project of an application, if it was selected. Callers check who may see it.
pub async fn of_project(db: &Db, project: i64) -> AppResult<Option<FundedProject>> {
    let mut tx = db.read().await?;
    of_project_in(&mut tx, project).await
}

pub async fn of_project_in(tx: &mut Tx, project: i64) -> AppResult<Option<FundedProject>> {
    Ok(store::find_by_project(tx, project).await?)
}

/// How the viewer relates to a funded project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Sides the user is an officer of.
    pub officer_of: Vec<i64>,
    /// The side whose half the user leads, if any.
    pub lead_of: Option<i64>,
    pub member: bool,
}

impl FundedView {
    /// Refuses `user` unless the policy allows `perm` on this project.
    pub fn require(&self, user: &Viewer, perm: Perm) -> AppResult<()> {
        if policy::can(user, perm, &self.facts()) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The policy's facts of this project for its viewer (the mid-term and final-report facts
    /// are added by whoever loaded them).
    pub fn facts(&self) -> policy::Facts {
        policy::Facts {
            sides: self.sides.iter().map(|s| s.id).collect(),
            lead_of: self.viewer.lead_of,
            state: Some(self.funded.state),
            ..Default::default()
        }
    }
}

/// A funded project with everything its page shows.
pub struct FundedView {
    pub funded: FundedProject,
    pub project: Project,
    pub call: Call,
    pub sides: Vec<Side>,
    pub objectives: Vec<(i64, String, ObjectiveStatus)>,
    pub missions: Vec<FundedMission>,
    pub money: Vec<SideMoney>,
    pub history: Vec<TermChangeLine>,
    pub viewer: Relation,
}

/// Loads a funded project and checks that `user` may see it: a lead of one of its halves, an
/// officer or commission member of the programme, or an administrator.
pub(super) async fn load(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<FundedView> {
    let mut all = load_many(tx, user, &[id]).await?;
    match all.pop() {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e),
        None => Err(AppError::NotFound),
    }
}

/// Loads these funded projects with a fixed number of statements whatever their number (the
/// rows, then one query per related table for all of them; calls, commissions and sides once
/// each). Each comes with whether `user` may see it (else `NotFound`, as if it did not exist).
pub(super) async fn load_many(
    tx: &mut Tx,
    user: &Viewer,
    ids: &[i64],
) -> AppResult<Vec<AppResult<FundedView>>> {
    let funded = store::find_many(tx, ids).await?;
    let ids: Vec<i64> = funded.iter().map(|f| f.id).collect();
    let project_ids: Vec<i64> = funded.iter().map(|f| f.project_id).collect();
    let mut projects = projects::actions::projects_in(tx, &project_ids).await?;
    let mut calls_by_id: Vec<Call> = Vec::new();
    for p in &projects {
        if !calls_by_id.iter().any(|c| c.id == p.call_id) {
            calls_by_id.push(calls::actions::get_call_in(tx, p.call_id).await?);
        }
    }
    let mut sides_by_commission: Vec<(i64, Vec<Side>)> = Vec::new();
    for f in &funded {
        if !sides_by_commission
            .iter()
            .any(|(c, _)| *c == f.commission_id)
        {
            let commission = commissions::actions::get(tx, f.commission_id).await?;
            let sides = programmes::actions::sides_of(tx, commission.programme_id).await?;
            sides_by_commission.push((f.commission_id, sides));
        }
    }
    let mut missions = store::missions_of(tx, &ids).await?;
    let mut objectives = store::objectives_of(tx, &ids).await?;
    let mut history = store::term_histories(tx, &ids).await?;
    let decision_ids: Vec<i64> = funded.iter().map(|f| f.decision_id).collect();
    let amounts = crate::decisions::actions::amounts_of(tx, &decision_ids).await?;
    let releases = store::year2_releases_of(tx, &ids).await?;
    let mut out = Vec::with_capacity(funded.len());
    for funded in funded {
        let Some(i) = projects.iter().position(|p| p.id == funded.project_id) else {
            out.push(Err(AppError::NotFound));
            continue;
        };
        let project = projects.swap_remove(i);
        let call = calls_by_id
            .iter()
            .find(|c| c.id == project.call_id)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let sides = sides_by_commission
            .iter()
            .find(|(c, _)| *c == funded.commission_id)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        let viewer = Relation {
            officer_of: sides
                .iter()
                .filter(|s| user.has_role_on(Role::Officer, s.id))
                .map(|s| s.id)
                .collect(),
            lead_of: project.half_led_by(user.id).map(|h| h.side_id),
            member: sides
                .iter()
                .any(|s| user.has_role_on(Role::CommissionMember, s.id)),
        };
        let facts = policy::Facts {
            sides: sides.iter().map(|s| s.id).collect(),
            lead_of: viewer.lead_of,
            state: Some(funded.state),
            ..Default::default()
        };
        if !policy::can(user, Perm::View, &facts) {
            out.push(Err(AppError::NotFound));
            continue;
        }
        let mine = take_of(&mut missions, funded.id);
        let funding: Vec<(i64, SideFunding)> = sides
            .iter()
            .map(|s| {
                (
                    s.id,
                    SideFunding {
                        decided: amounts
                            .iter()
                            .find(|(d, side, _)| *d == funded.decision_id && *side == s.id)
                            .map(|a| a.2),
                        year2_released: releases.contains(&(funded.id, s.id)),
                    },
                )
            })
            .collect();
        out.push(Ok(FundedView {
            money: side_money(&call, funded.starts_on, &mine, &funding),
            objectives: take_of(&mut objectives, funded.id),
            history: {
                let (mine, rest) = std::mem::take(&mut history)
                    .into_iter()
                    .partition(|h: &TermChangeLine| h.funded_id == funded.id);
                history = rest;
                mine
            },
            missions: mine,
            funded,
            project,
            call,
            sides,
            viewer,
        }));
    }
    Ok(out)
}

/// The rows of `all` that belong to `id`, taken out (they come sorted by owner).
fn take_of<T>(all: &mut Vec<(i64, T)>, id: i64) -> Vec<T> {
    let (mine, rest): (Vec<_>, Vec<_>) =
        std::mem::take(all).into_iter().partition(|(o, _)| *o == id);
    *all = rest;
    mine.into_iter().map(|(_, t)| t).collect()
}

pub async fn view(db: &Db, user: &Viewer, id: i64) -> AppResult<FundedView> {
    let mut tx = db.read().await?;
    load(&mut tx, user, id).await
}

/// The funded projects of a commission, for its officers and members: (funded, title).
pub async fn of_commission(
    db: &Db,
    user: &Viewer,
    commission: i64,
) -> AppResult<Vec<(FundedProject, String)>> {
    let mut tx = db.read().await?;
    of_commission_in(&mut tx, user, commission).await
}

/// Refuses `user` unless the policy allows `perm` on the follow-up of a programme with these
/// sides (the commission-wide permissions).
pub(super) fn require_for_programme(user: &Viewer, perm: Perm, sides: &[Side]) -> AppResult<()> {
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        ..Default::default()
    };
    if policy::can(user, perm, &facts) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Refuses anyone but the officers and commission members of the commission's programme (and
/// administrators).
async fn check_commission(tx: &mut Tx, user: &Viewer, commission: i64) -> AppResult<()> {
    let c = commissions::actions::get(tx, commission).await?;
    let sides = programmes::actions::sides_of(tx, c.programme_id).await?;
    require_for_programme(user, Perm::SeeCommission, &sides)
}

/// [`of_commission`] inside the caller's transaction.
pub async fn of_commission_in(
    tx: &mut Tx,
    user: &Viewer,
    commission: i64,
) -> AppResult<Vec<(FundedProject, String)>> {
    check_commission(tx, user, commission).await?;
    let funded = store::list_by_commission(tx, commission).await?;
    let ids: Vec<i64> = funded.iter().map(|f| f.project_id).collect();
    let projects = projects::actions::projects_in(tx, &ids).await?;
    Ok(funded
        .into_iter()
        .map(|f| {
            let title = projects
                .iter()
                .find(|p| p.id == f.project_id)
                .map(|p| p.title.clone())
                .unwrap_or_default();
            (f, title)
        })
        .collect())
}

/// Every funded project of a commission with everything its page shows, for the programme's
/// officers and members, in a fixed number of statements.
pub(super) async fn commission_views(
    tx: &mut Tx,
    user: &Viewer,
    commission: i64,
) -> AppResult<Vec<FundedView>> {
    check_commission(tx, user, commission).await?;
    let ids: Vec<i64> = store::list_by_commission(tx, commission)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    load_many(tx, user, &ids).await?.into_iter().collect()
}

/// A lead sets the status of one of the project's objectives.
pub async fn set_objective(
    db: &Db,
    user: &Viewer,
    id: i64,
    objective: i64,
    status: ObjectiveStatus,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::Report)?;
    if !v.objectives.iter().any(|(o, _, _)| *o == objective) {
        return Err(AppError::NotFound);
    }
    store::set_objective_status(&mut tx, objective, status, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "followup.objective",
        "funded_project",
        id,
        status.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The ids of a commission's funded projects, inside the caller's transaction.
pub async fn ids_of_commission_in(tx: &mut Tx, commission: i64) -> AppResult<Vec<i64>> {
    Ok(store::list_by_commission(tx, commission)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect())
}
