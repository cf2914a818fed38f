//! The read actions of project pages: one read transaction, a fixed number of statements, and
//! the booleans the page shows, from the policy.

use super::{
    actions::{Relation, load},
    model::{Half, Project},
    policy::{self, Perm},
    store,
};
use crate::{
    calls::Call,
    commissions::{self, Theme},
    db::Db,
    decisions::{self, model::Outcome},
    error::{AppError, AppResult},
    followup::{self, FundedProject},
    organisations::{self, Organisation},
    users::Viewer,
};

/// A project's page.
pub struct ProjectPage {
    pub project: Project,
    pub call: Call,
    pub relation: Relation,
    /// Receipts of the halves the viewer may see.
    pub receipts: Vec<crate::submissions::ReceiptRow>,
    /// Attachments of the halves the viewer may see.
    pub attachments: Vec<store::AttachmentRow>,
    /// The released decision for the lead's side: (outcome, amount).
    pub outcome: Option<(Outcome, Option<i64>)>,
    /// The funded project, once the decision is released to the lead's side.
    pub funded: Option<FundedProject>,
    /// Sides whose half the viewer may decide on (admissibility, extension).
    pub decides_for: Vec<i64>,
    pub is_lead: bool,
    pub can_edit: bool,
    pub can_invite: bool,
    pub can_file: bool,
    pub can_reopen: bool,
    pub can_withdraw: bool,
}

pub async fn project_page(db: &Db, user: &Viewer, id: i64) -> AppResult<ProjectPage> {
    let mut tx = db.read().await?;
    let (project, call, relation) = load(&mut tx, user, id).await?;
    let facts = super::actions::facts_in(&mut tx, &project, &call, user).await?;
    let visible: Vec<i64> = project
        .halves
        .iter()
        .filter(|h| relation.sees_half(h))
        .map(|h| h.id)
        .collect();
    let receipts = crate::submissions::actions::receipts_in(&mut tx, &visible).await?;
    // The leads see their draft's files; everyone else the files of the filed versions.
    let mut attachments = store::attachments_of(&mut tx, &visible).await?;
    if !matches!(relation, Relation::Lead(_)) {
        let filed = super::filed::filed_contents(&mut tx, &project).await?;
        attachments.retain(|a| !filed.iter().any(|c| c.half.id == a.half_id));
        for c in filed.into_iter().filter(|c| visible.contains(&c.half.id)) {
            attachments.extend(c.attachments);
        }
    }
    let outcome = match facts.lead_of {
        Some(side) => decisions::actions::released_outcome_in(&mut tx, id, side).await?,
        None => None,
    };
    let funded = match outcome {
        Some(_) => followup::actions::of_project_in(&mut tx, id).await?,
        None => None,
    };
    let decides_for = project
        .halves
        .iter()
        .map(|h| h.side_id)
        .filter(|side| {
            let about = policy::Facts {
                half_side: Some(*side),
                ..facts.clone()
            };
            policy::can(user, Perm::Decide, &about)
        })
        .collect();
    Ok(ProjectPage {
        is_lead: facts.lead_of.is_some(),
        can_edit: policy::can(user, Perm::Edit, &facts),
        can_invite: policy::can(user, Perm::Invite, &facts),
        can_file: policy::can(user, Perm::File, &facts),
        can_reopen: policy::can(user, Perm::Reopen, &facts),
        can_withdraw: policy::can(user, Perm::Withdraw, &facts),
        decides_for,
        project,
        call,
        relation,
        receipts,
        attachments,
        outcome,
        funded,
    })
}

/// The shared project's form: the project, its call and the call's themes.
pub struct ProjectFormView {
    pub project: Project,
    pub call: Call,
    pub themes: Vec<Theme>,
}

pub async fn project_form(db: &Db, user: &Viewer, id: i64) -> AppResult<ProjectFormView> {
    let mut tx = db.read().await?;
    let (project, call, _) = load(&mut tx, user, id).await?;
    let themes = commissions::actions::themes_of(&mut tx, call.commission_id)
        .await?
        .into_iter()
        .filter(|t| call.theme_ids.contains(&t.id))
        .collect();
    Ok(ProjectFormView {
        project,
        call,
        themes,
    })
}

/// The lead's own half's form: the half and the organisations of its side.
pub struct HalfFormView {
    pub half: Half,
    pub organisations: Vec<Organisation>,
}

pub async fn half_form(db: &Db, user: &Viewer, id: i64) -> AppResult<HalfFormView> {
    let mut tx = db.read().await?;
    let (project, _, _) = load(&mut tx, user, id).await?;
    let half = project
        .half_led_by(user.id)
        .cloned()
        .ok_or(AppError::Forbidden)?;
    let organisations = organisations::actions::list_by_side_in(&mut tx, half.side_id).await?;
    Ok(HalfFormView {
        half,
        organisations,
    })
}

/// What the lead reviews before filing their half: the project and the half as they will be
/// filed, the call's themes (named), the half's files, and whether the policy lets them file.
pub struct ReviewView {
    pub project: Project,
    pub call: Call,
    pub themes: Vec<Theme>,
    pub attachments: Vec<store::AttachmentRow>,
    pub can_file: bool,
}

pub async fn review(db: &Db, user: &Viewer, id: i64) -> AppResult<ReviewView> {
    let mut tx = db.read().await?;
    let (project, call, relation) = load(&mut tx, user, id).await?;
    // Only a lead reviews their own half; anyone else is told there is nothing here.
    let Relation::Lead(_) = relation else {
        return Err(AppError::NotFound);
    };
    let facts = super::actions::facts_in(&mut tx, &project, &call, user).await?;
    let half = project
        .half_led_by(user.id)
        .map(|h| h.id)
        .ok_or(AppError::NotFound)?;
    let attachments = store::attachments_of(&mut tx, &[half]).await?;
    let themes = commissions::actions::themes_of(&mut tx, call.commission_id)
        .await?
        .into_iter()
        .filter(|t| project.theme_ids.contains(&t.id))
        .collect();
    Ok(ReviewView {
        can_file: policy::can(user, Perm::File, &facts),
        project,
        call,
        themes,
        attachments,
    })
}
