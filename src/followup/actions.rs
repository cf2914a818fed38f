//! Follow-up use cases. Funded projects are created inside the transaction that closes the
//! session that selected them; then each is seen by its leads, the programme's officers and
//! commission members. `missions.rs`: missions, spending, activity reports; `midterm.rs`: the
//! mid-term review; `calendar.rs`: new calendars and individual extensions.

use super::{
    model::{FundedMission, FundedProject, ObjectiveStatus, SideMoney, side_money, term},
    store,
};
use crate::{
    audit,
    calls::{self, Call},
    commissions,
    db::{Db, Tx, now_ms},
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
    let now = now_ms();
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

/// A funded project with everything its page shows.
pub struct FundedView {
    pub funded: FundedProject,
    pub project: Project,
    pub call: Call,
    pub sides: Vec<Side>,
    pub objectives: Vec<(i64, String, ObjectiveStatus)>,
    pub missions: Vec<FundedMission>,
    pub money: Vec<SideMoney>,
    /// (old end, new end, by a resolution, reason, applied at)
    pub history: Vec<(String, String, Option<i64>, String, i64)>,
    pub viewer: Relation,
}

/// Loads a funded project and checks that `user` may see it: a lead of one of its halves, an
/// officer or commission member of the programme, or an administrator.
pub(super) async fn load(tx: &mut Tx, user: &Viewer, id: i64) -> AppResult<FundedView> {
    let funded = store::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let project = projects::actions::project_in(tx, funded.project_id).await?;
    let call = calls::actions::get_call_in(tx, project.call_id).await?;
    let commission = commissions::actions::get(tx, funded.commission_id).await?;
    let sides = programmes::actions::sides_of(tx, commission.programme_id).await?;
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
    if viewer.officer_of.is_empty()
        && viewer.lead_of.is_none()
        && !viewer.member
        && !user.is_admin()
    {
        return Err(AppError::NotFound);
    }
    let missions = store::missions(tx, id).await?;
    Ok(FundedView {
        money: side_money(&call, funded.starts_on, &missions),
        objectives: store::objectives(tx, id).await?,
        history: store::term_history(tx, id).await?,
        missions,
        funded,
        project,
        call,
        sides,
        viewer,
    })
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
    let c = commissions::actions::get(&mut tx, commission).await?;
    let sides = programmes::actions::sides_of(&mut tx, c.programme_id).await?;
    if !sides.iter().any(|s| {
        user.has_role_on(Role::Officer, s.id) || user.has_role_on(Role::CommissionMember, s.id)
    }) && !user.is_admin()
    {
        return Err(AppError::Forbidden);
    }
    let mut out = Vec::new();
    for f in store::list_by_commission(&mut tx, commission).await? {
        let p = projects::actions::project_in(&mut tx, f.project_id).await?;
        out.push((f, p.title));
    }
    Ok(out)
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
    if v.viewer.lead_of.is_none() {
        return Err(AppError::Forbidden);
    }
    if !v.objectives.iter().any(|(o, _, _)| *o == objective) {
        return Err(AppError::NotFound);
    }
    store::set_objective_status(&mut tx, objective, status, now_ms()).await?;
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
