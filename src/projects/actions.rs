//! Project use cases. Who may do what: the lead of a half acts on the shared project and on
//! their own half; officers of a side see the shared project and their side's half only, and
//! decide for their side; nobody else learns that a project exists.

use super::{
    model::*,
    policy::{self, Perm},
    store::{self, ProjectRow},
};
use crate::{
    audit,
    calls::{self, Call},
    db::{Db, Tx},
    email::{self, Letter},
    error::{AppError, AppResult, FieldErrors},
    organisations,
    users::{Role, Viewer},
};

/// How the viewer relates to a project (a fact for the policy, not a second viewer type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Lead of the half on this side.
    Lead(i64),
    /// Officer of these sides of the call.
    Officer(Vec<i64>),
    Admin,
}

impl Relation {
    /// Rule 4 and per-side confidentiality: the filing data of a half is visible to its lead,
    /// the other lead (as partner) and its own side's officers — not the other side's officers
    /// (`policy::Perm::SeeHalf`; the relation was computed by the policy's facts).
    pub fn sees_half(&self, half: &Half) -> bool {
        match self {
            Relation::Lead(_) | Relation::Admin => true,
            Relation::Officer(sides) => sides.contains(&half.side_id),
        }
    }
}

pub(super) async fn load(
    tx: &mut Tx,
    user: &Viewer,
    id: i64,
) -> AppResult<(Project, Call, Relation)> {
    let p = store::find_project(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = calls::actions::get_call_in(tx, p.call_id).await?;
    let facts = policy::Facts::of(&p, &call, user, None, tx.now_ms());
    if !policy::can(user, Perm::View, &facts) {
        return Err(AppError::NotFound);
    }
    let viewer = if let Some(side) = facts.lead_of {
        Relation::Lead(side)
    } else if user.is_admin() {
        Relation::Admin
    } else {
        let sides = call
            .sides
            .iter()
            .map(|s| s.side_id)
            .filter(|side| {
                let about = policy::Facts {
                    half_side: Some(*side),
                    ..facts.clone()
                };
                policy::can(user, Perm::SeeHalf, &about)
            })
            .collect();
        Relation::Officer(sides)
    };
    let mut p = p;
    if !matches!(viewer, Relation::Lead(_)) {
        super::filed::as_filed(tx, &mut p, &viewer).await?;
    }
    Ok((p, call, viewer))
}

/// The project of a half that `user` may see the filing data of (its leads, its side's
/// officers); otherwise "not found", as if it did not exist.
pub(super) async fn load_visible_half(
    tx: &mut Tx,
    user: &Viewer,
    half_id: i64,
) -> AppResult<Project> {
    let project_id = store::project_of_half(tx, half_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (p, _, viewer) = load(tx, user, project_id).await?;
    match p.halves.iter().find(|h| h.id == half_id) {
        Some(h) if viewer.sees_half(h) => Ok(p),
        _ => Err(AppError::NotFound),
    }
}

/// The policy's facts of `p` for `user` now, with whether a session decided on it.
pub(super) async fn facts_in(
    tx: &mut Tx,
    p: &Project,
    call: &Call,
    user: &Viewer,
) -> AppResult<policy::Facts> {
    let mut f = policy::Facts::of(p, call, user, None, tx.now_ms());
    f.decided = crate::decisions::actions::has_decision_in(tx, p.id).await?;
    Ok(f)
}

/// The lead's own half, if they may change the project now (their half a draft, their side's
/// filing window open): a filed half is frozen, and after the deadline nothing changes but
/// through an officer's extension. Otherwise a conflict saying which.
pub(super) async fn editable_half(
    tx: &mut Tx,
    p: &Project,
    call: &Call,
    user: &Viewer,
) -> AppResult<Half> {
    let half = own_half(p, user)?;
    let facts = facts_in(tx, p, call, user).await?;
    if policy::can(user, Perm::Edit, &facts) {
        return Ok(half);
    }
    Err(AppError::Conflict(
        match half.state {
            HalfState::Submitted => "projects-error-frozen",
            HalfState::Withdrawn => "projects-error-withdrawn",
            HalfState::Draft => "projects-error-deadline",
        }
        .into(),
    ))
}

/// The lead's own half, or Forbidden.
pub(super) fn own_half(p: &Project, user: &Viewer) -> AppResult<Half> {
    p.half_led_by(user.id).cloned().ok_or(AppError::Forbidden)
}

/// The side on which `user` applies.
pub(super) fn applicant_side(user: &Viewer) -> AppResult<i64> {
    user.side_as(Role::Applicant).ok_or(AppError::Forbidden)
}

pub(super) async fn check_organisation(
    tx: &mut Tx,
    organisation_id: i64,
    side_id: i64,
) -> AppResult<()> {
    match organisations::actions::get_in(tx, organisation_id).await? {
        Some(o) if o.side_id == side_id => Ok(()),
        _ => Err(AppError::Invalid(FieldErrors::single(
            "organisation",
            "projects-error-organisation",
        ))),
    }
}

/// What a project starts with besides its title (empty: nothing).
#[derive(Clone, Debug, Default)]
pub struct Prefill {
    pub summary: String,
    pub context: String,
}

/// Starts a project for a published call: the applicant's half on their own side, with its
/// summary and context already written when it starts from an idea.
pub async fn start_project(
    db: &Db,
    user: &Viewer,
    call_id: i64,
    title: &str,
    organisation_id: i64,
    prefill: &Prefill,
) -> AppResult<i64> {
    let side = applicant_side(user)?;
    let mut tx = db.write().await?;
    let call = calls::actions::get_call_in(&mut tx, call_id).await?;
    if call.side(side).is_none() || call.phase(db.now_ms()) != calls::Phase::Open {
        return Err(AppError::Conflict("projects-error-call-closed".into()));
    }
    check_organisation(&mut tx, organisation_id, side).await?;
    let now = db.now_ms();
    let id = store::insert_project(&mut tx, call_id, title, user.id, now).await?;
    new_half_in(&mut tx, id, side, organisation_id, user.id, now).await?;
    if !prefill.summary.is_empty() || !prefill.context.is_empty() {
        let row = ProjectRow {
            title,
            summary: &prefill.summary,
            duration_months: None,
            is_renewal: false,
            earlier_results: "",
            multilateral_links: "",
            context: &prefill.context,
            objectives: "",
            plan: "",
        };
        store::update_project(&mut tx, id, &row, &[], now).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "project.start",
        "project",
        id,
        title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A project as `user` may see it.
pub async fn view_project(db: &Db, user: &Viewer, id: i64) -> AppResult<(Project, Call, Relation)> {
    let mut tx = db.read().await?;
    load(&mut tx, user, id).await
}

/// The shared fields, as typed.
pub struct ProjectInput {
    pub title: String,
    pub summary: String,
    pub duration_months: Option<i64>,
    pub is_renewal: bool,
    pub earlier_results: String,
    pub multilateral_links: String,
    pub context: String,
    pub objectives: String,
    pub plan: String,
    pub theme_ids: Vec<i64>,
}

/// Saves the shared fields (either lead; a draft may be incomplete: checks come at filing).
pub async fn save_project(
    db: &Db,
    base: &str,
    user: &Viewer,
    id: i64,
    input: &ProjectInput,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    editable_half(&mut tx, &p, &call, user).await?;
    let before = super::filing::shared_sha256(&p);
    let themes: Vec<i64> = input
        .theme_ids
        .iter()
        .copied()
        .filter(|t| call.theme_ids.contains(t))
        .collect();
    let row = ProjectRow {
        title: &input.title,
        summary: &input.summary,
        duration_months: input.duration_months,
        is_renewal: input.is_renewal,
        earlier_results: &input.earlier_results,
        multilateral_links: &input.multilateral_links,
        context: &input.context,
        objectives: &input.objectives,
        plan: &input.plan,
    };
    store::update_project(&mut tx, id, &row, &themes, db.now_ms()).await?;
    super::filed::tell_if_filed_half_differs(&mut tx, base, id, &before).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.save",
        "project",
        id,
        &input.title,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the lead's own half: organisation, role, associated partners.
pub async fn save_half(
    db: &Db,
    user: &Viewer,
    id: i64,
    organisation_id: i64,
    role: &str,
    partners: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    let half = editable_half(&mut tx, &p, &call, user).await?;
    check_organisation(&mut tx, organisation_id, half.side_id).await?;
    store::update_half(
        &mut tx,
        half.id,
        organisation_id,
        role,
        partners,
        db.now_ms(),
    )
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.save_half",
        "project_half",
        half.id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Plans a mission between two sides of the call.
pub async fn add_mission(
    db: &Db,
    base: &str,
    user: &Viewer,
    id: i64,
    m: &Mission,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    editable_half(&mut tx, &p, &call, user).await?;
    let before = super::filing::shared_sha256(&p);
    if call.side(m.from_side_id).is_none()
        || call.side(m.to_side_id).is_none()
        || m.from_side_id == m.to_side_id
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "direction",
            "projects-error-direction",
        )));
    }
    let mid = store::insert_mission(&mut tx, id, m, db.now_ms()).await?;
    super::filed::tell_if_filed_half_differs(&mut tx, base, id, &before).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.add_mission",
        "project",
        id,
        &m.starts_on,
    )
    .await?;
    tx.commit().await?;
    Ok(mid)
}

pub async fn delete_mission(
    db: &Db,
    base: &str,
    user: &Viewer,
    id: i64,
    mission_id: i64,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    editable_half(&mut tx, &p, &call, user).await?;
    let before = super::filing::shared_sha256(&p);
    if store::delete_mission(&mut tx, id, mission_id).await? != 1 {
        return Err(AppError::NotFound);
    }
    super::filed::tell_if_filed_half_differs(&mut tx, base, id, &before).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.delete_mission",
        "project",
        id,
        &mission_id.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Tells the lead `lead` (a user id) of a half what happened to project `title`: the email
/// `key` (`-subject`, `-body` with `$title`), in the lead's own language, greeting them by name,
/// with `link`.
pub(super) async fn notify_lead(
    tx: &mut Tx,
    lead: i64,
    key: &str,
    link: &str,
    title: &str,
) -> AppResult<()> {
    let Some((to, name, locale)) = crate::users::actions::contact_of(tx, lead).await? else {
        return Ok(());
    };
    let subject = locale.t1(&format!("{key}-subject"), "title", title);
    let body = locale.t1(&format!("{key}-body"), "title", title);
    let m = Letter::new(&to, locale, subject, &body, link)
        .greet(&name)
        .message();
    email::enqueue(tx, &m).await?;
    Ok(())
}

/// Withdraws the lead's half, once and until a decision; the other lead is told by email.
pub async fn withdraw_half(db: &Db, base: &str, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    let half = own_half(&p, user)?;
    let facts = facts_in(&mut tx, &p, &call, user).await?;
    if !policy::can(user, Perm::Withdraw, &facts) {
        return Err(AppError::Conflict(
            if half.state == HalfState::Withdrawn {
                "projects-error-withdrawn"
            } else {
                "projects-error-decided"
            }
            .into(),
        ));
    }
    if !store::withdraw_half(&mut tx, half.id, db.now_ms()).await? {
        return Err(AppError::Conflict("projects-error-withdrawn".into()));
    }
    for other in p.halves.iter().filter(|h| h.id != half.id) {
        notify_lead(
            &mut tx,
            other.lead_user_id,
            "projects-email-withdrawn",
            &format!("{base}/projects/{id}"),
            &p.title,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "project.withdraw_half",
        "project_half",
        half.id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The projects of a call with a half on `side_id`, as that side reads them, for other domains'
/// actions (which check their own permissions first).
pub async fn projects_of_side(tx: &mut Tx, call_id: i64, side_id: i64) -> AppResult<Vec<Project>> {
    let ids = store::list_project_ids(tx, call_id, Some(side_id)).await?;
    projects_for_side(tx, &ids, side_id).await
}

/// These projects as `side_id` reads them: filed halves as their receipts hold them, the shared
/// content as that side's half filed it (filing freezes: a lead's reopened draft is not shown).
pub async fn projects_for_side(tx: &mut Tx, ids: &[i64], side_id: i64) -> AppResult<Vec<Project>> {
    let mut ps = store::find_projects(tx, ids).await?;
    super::filed::as_filed_all(tx, &mut ps, &Relation::Officer(vec![side_id])).await?;
    Ok(ps)
}

/// These projects as filed (unknown ids skipped), in a fixed number of queries, for other
/// domains' joint acts (which check their own permissions first): the shared content of the
/// latest receipt, whichever side filed it.
pub async fn projects_in(tx: &mut Tx, ids: &[i64]) -> AppResult<Vec<Project>> {
    let mut ps = store::find_projects(tx, ids).await?;
    super::filed::as_filed_all(tx, &mut ps, &Relation::Admin).await?;
    Ok(ps)
}

/// One project as filed, for other domains' actions (which check their own permissions first).
pub async fn project_in(tx: &mut Tx, id: i64) -> AppResult<Project> {
    projects_in(tx, &[id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// A new draft half of `project` on `side`, led by `lead`: first its submission, whose id it
/// takes. A second half on the same side is refused ("already paired").
pub(super) async fn new_half_in(
    tx: &mut Tx,
    project: i64,
    side: i64,
    organisation: i64,
    lead: i64,
    now: i64,
) -> AppResult<i64> {
    use crate::submissions::{SubmissionKind, actions::new_submission_in};
    let id = new_submission_in(tx, SubmissionKind::CmpHalf, side, now).await?;
    match store::insert_half(tx, id, project, side, organisation, lead, now).await {
        Ok(h) => Ok(h),
        Err(e) if crate::db::unique_violation(&e).is_some() => {
            Err(AppError::Conflict("projects-error-already-paired".into()))
        }
        Err(e) => Err(e.into()),
    }
}
