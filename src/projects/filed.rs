//! The filed version (issue 10, "filing freezes"): what a receipt signs is what everyone but
//! the leads reads — officers, evaluators, the session — read back from the latest receipts;
//! a lead reopens a filed half to file a new version before the deadline; a draft still open at
//! the deadline is dropped and the filed version stands; a change of the shared content after
//! one side filed asks for filing again.

use super::{
    actions::{Relation, facts_in, load, notify_lead, own_half},
    model::*,
    policy::{self, Perm},
    store::{self, ProjectRow},
};
use crate::{
    audit, calls,
    db::{Db, Tx},
    error::{AppError, AppResult},
    users::Viewer,
};

/// The latest filed content of each half of `p` that has a receipt, read back from the
/// receipt (what its signature covers).
pub(super) async fn filed_contents(
    tx: &mut Tx,
    p: &Project,
) -> AppResult<Vec<super::filing::FiledContent>> {
    let ids: Vec<i64> = p.halves.iter().map(|h| h.id).collect();
    crate::submissions::actions::latest_filed_in(tx, &ids)
        .await?
        .into_iter()
        .map(|(_, _, content, _)| {
            serde_json::from_str(&content).map_err(|e| AppError::Internal(e.into()))
        })
        .collect()
}

/// What everyone but the leads reads of a project: the filed version (filing freezes; a lead's
/// reopened draft is theirs until filed). Each filed half shows its latest receipt's content
/// (its state, admissibility and extension stay the officers' live data); the shared content
/// is that of the latest receipt among the halves the viewer may see.
pub(super) async fn as_filed(tx: &mut Tx, p: &mut Project, viewer: &Relation) -> AppResult<()> {
    as_filed_all(tx, std::slice::from_mut(p), viewer).await
}

/// [`as_filed`] for many projects, in one statement (other domains' readers check their own
/// permissions and read as a side, or as `Relation::Admin` for joint acts).
pub(super) async fn as_filed_all(
    tx: &mut Tx,
    ps: &mut [Project],
    viewer: &Relation,
) -> AppResult<()> {
    let ids: Vec<i64> = ps
        .iter()
        .flat_map(|p| p.halves.iter().map(|h| h.id))
        .collect();
    let mut filed: std::collections::HashMap<i64, Vec<super::filing::FiledContent>> =
        std::collections::HashMap::new();
    for (_, _, content, _) in crate::submissions::actions::latest_filed_in(tx, &ids).await? {
        let c: super::filing::FiledContent =
            serde_json::from_str(&content).map_err(|e| AppError::Internal(e.into()))?;
        filed.entry(c.project_id).or_default().push(c);
    }
    for p in ps.iter_mut() {
        if let Some(mine) = filed.get(&p.id) {
            apply_filed(p, mine, viewer);
        }
    }
    Ok(())
}

fn apply_filed(p: &mut Project, filed: &[super::filing::FiledContent], viewer: &Relation) {
    let mut shared: Option<&super::filing::FiledContent> = None;
    for c in filed {
        let Some(h) = p.halves.iter_mut().find(|h| h.id == c.half.id) else {
            continue;
        };
        h.organisation_id = c.half.organisation_id;
        h.organisation_name = c.half.organisation_name.clone();
        h.organisation_kind = c.half.organisation_kind.clone();
        h.lead_role = c.half.lead_role.clone();
        h.associated_partners = c.half.associated_partners.clone();
        // A reopened half: its filed version stands for everyone else until the next filing.
        if h.state == HalfState::Draft {
            h.state = HalfState::Submitted;
            h.version = c.half.version;
            h.submitted_at = c.half.submitted_at;
        }
        if viewer.sees_half(h) && shared.is_none_or(|s| s.half.submitted_at < c.half.submitted_at) {
            shared = Some(c);
        }
    }
    if let Some(c) = shared {
        p.title = c.title.clone();
        p.summary = c.summary.clone();
        p.duration_months = c.duration_months;
        p.is_renewal = c.is_renewal;
        p.earlier_results = c.earlier_results.clone();
        p.multilateral_links = c.multilateral_links.clone();
        p.context = c.context.clone();
        p.objectives = c.objectives.clone();
        p.plan = c.plan.clone();
        p.theme_ids = c.theme_ids.clone();
        p.missions = c.missions.clone();
    }
}

/// Whether every half of `p` was filed and their latest receipts carry the same shared content
/// (the session takes a project only then).
pub async fn filed_alike_in(tx: &mut Tx, ids: &[i64]) -> AppResult<Vec<(i64, String)>> {
    Ok(crate::submissions::actions::latest_filed_in(tx, ids)
        .await?
        .into_iter()
        .map(|(half, _, _, shared)| (half, shared))
        .collect())
}

/// Drops the drafts still open at their side's deadline of halves filed before: the filed
/// version stands and the half is filed again (only if it is still that draft: a filing that
/// committed meanwhile wins). Its own fields are restored from its receipt; the shared content
/// too when the other sides' latest receipts carry the same shared content (both filed the
/// same project; unfiled edits go) — otherwise it is left for the leads, the session waiting
/// until their receipts agree. Both leads are told. Run by the background loop of every
/// instance (idempotent). Returns how many were dropped.
pub async fn drop_open_drafts(db: &Db, base: &str) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let now = tx.now_ms();
    let mut dropped = 0;
    for (project_id, half_id) in store::reopened_halves(&mut tx).await? {
        let p = live_project_in(&mut tx, project_id).await?;
        let call = calls::actions::get_call_in(&mut tx, p.call_id).await?;
        let Some(half) = p.halves.iter().find(|h| h.id == half_id) else {
            continue;
        };
        if may_file(&call, half, now) {
            continue;
        }
        let Some(c) = filed_contents(&mut tx, &p)
            .await?
            .into_iter()
            .find(|c| c.half.id == half_id)
        else {
            continue;
        };
        if !store::refile_dropped(&mut tx, half_id, c.half.version, now).await? {
            continue;
        }
        store::update_half(
            &mut tx,
            half_id,
            c.half.organisation_id,
            &c.half.lead_role,
            &c.half.associated_partners,
            now,
        )
        .await?;
        store::restore_attachments(&mut tx, half_id, &c.attachments, now).await?;
        let others: Vec<&Half> = p
            .halves
            .iter()
            .filter(|h| h.id != half_id && h.state != HalfState::Withdrawn)
            .collect();
        let ids: Vec<i64> = others.iter().map(|h| h.id).collect();
        let mine = crate::submissions::actions::latest_filed_in(&mut tx, &[half_id]).await?;
        let theirs = filed_alike_in(&mut tx, &ids).await?;
        // Every other half filed the same shared content, or can no longer file: restoring
        // ours takes nobody's work away.
        let agree = mine.first().is_some_and(|(_, _, _, shared)| {
            others
                .iter()
                .all(|h| match theirs.iter().find(|(id, _)| *id == h.id) {
                    Some((_, s)) => {
                        s == shared && !(h.state == HalfState::Draft && may_file(&call, h, now))
                    }
                    None => !may_file(&call, h, now),
                })
        });
        if agree {
            let row = ProjectRow {
                title: &c.title,
                summary: &c.summary,
                duration_months: c.duration_months,
                is_renewal: c.is_renewal,
                earlier_results: &c.earlier_results,
                multilateral_links: &c.multilateral_links,
                context: &c.context,
                objectives: &c.objectives,
                plan: &c.plan,
            };
            store::update_project(&mut tx, project_id, &row, &c.theme_ids, now).await?;
            store::replace_missions(&mut tx, project_id, &c.missions, now).await?;
        }
        for h in p.halves.iter().filter(|h| h.state != HalfState::Withdrawn) {
            notify_lead(
                &mut tx,
                h.lead_user_id,
                "projects-email-dropped",
                &format!("{base}/projects/{project_id}"),
                &c.title,
            )
            .await?;
        }
        audit::record(
            &mut tx,
            &audit::Actor::system("deadline"),
            "project.drop_draft",
            "project_half",
            half_id,
            &format!("v{} stands", c.half.version),
        )
        .await?;
        dropped += 1;
    }
    tx.commit().await?;
    Ok(dropped)
}

/// After a change of the shared content by a lead whose half is a draft: if another half was
/// filed with the content as it was (`before`), it no longer matches — both leads are told
/// that it must be filed again (once: the first change that makes it differ).
pub(super) async fn tell_if_filed_half_differs(
    tx: &mut Tx,
    base: &str,
    id: i64,
    before: &str,
) -> AppResult<()> {
    let p = live_project_in(tx, id).await?;
    let after = super::filing::shared_sha256(&p);
    if after == before {
        return Ok(());
    }
    let filed: Vec<i64> = p
        .halves
        .iter()
        .filter(|h| h.state == HalfState::Submitted)
        .map(|h| h.id)
        .collect();
    let was_alike = filed_alike_in(tx, &filed)
        .await?
        .iter()
        .any(|(_, shared)| shared == before);
    if !was_alike {
        return Ok(());
    }
    for h in p.halves.iter().filter(|h| h.state != HalfState::Withdrawn) {
        notify_lead(
            tx,
            h.lead_user_id,
            "projects-email-refile",
            &format!("{base}/projects/{id}"),
            &p.title,
        )
        .await?;
    }
    Ok(())
}

/// Reopens the lead's filed half as a new draft, before its side's deadline and any decision.
/// The filed version stands (everyone else reads it, the session takes it) until the next one
/// is filed; a draft still open at the deadline is dropped ([`drop_open_drafts`]).
pub async fn reopen_half(db: &Db, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (p, call, _) = load(&mut tx, user, id).await?;
    let half = own_half(&p, user)?;
    let facts = facts_in(&mut tx, &p, &call, user).await?;
    if !policy::can(user, Perm::Reopen, &facts) {
        return Err(AppError::Conflict("projects-error-reopen".into()));
    }
    let now = tx.now_ms();
    if !store::reopen_half(&mut tx, half.id, half.version, now).await? {
        // Reopened in another tab meanwhile: nothing more to do.
        return Ok(());
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "project.reopen_half",
        "project_half",
        half.id,
        &format!("v{}", half.version),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A project as its leads work on it (drafts included): for the filing logic only.
async fn live_project_in(tx: &mut Tx, id: i64) -> AppResult<Project> {
    store::find_project(tx, id).await?.ok_or(AppError::NotFound)
}

/// A half's filed version: its latest receipt and the content the receipt's hash covers.
#[derive(Clone, Debug)]
pub struct FiledVersion {
    pub receipt: crate::submissions::ReceiptRow,
    pub content: super::filing::FiledContent,
}

/// The latest filed version of a half, if it was ever filed. The caller's domain decides who
/// reads it (evaluations: the evaluator assigned to the half).
pub async fn latest_version_in(tx: &mut Tx, half_id: i64) -> AppResult<Option<FiledVersion>> {
    crate::submissions::actions::latest_receipt_in(tx, half_id)
        .await?
        .map(|r| {
            Ok(FiledVersion {
                content: serde_json::from_str(&r.content)
                    .map_err(|e| AppError::Internal(e.into()))?,
                receipt: r.receipt,
            })
        })
        .transpose()
}

/// A file the filed version names (same row, same bytes: its SHA-256), with its storage key;
/// any other id is "not found".
pub async fn filed_file_in(
    tx: &mut Tx,
    version: &FiledVersion,
    attachment_id: i64,
) -> AppResult<store::AttachmentRow> {
    let named = version
        .content
        .attachments
        .iter()
        .find(|a| a.id == attachment_id)
        .ok_or(AppError::NotFound)?;
    match store::find_attachment(tx, attachment_id).await? {
        Some(a) if a.half_id == version.receipt.submission_id && a.sha256 == named.sha256 => Ok(a),
        _ => Err(AppError::NotFound),
    }
}
