//! Filing a half: the deadline of its side decides, a double click files once, and every
//! filing gets a receipt signed with the server's key.

use serde::{Deserialize, Serialize};

use super::{
    actions::{load, load_visible_half, own_half},
    model::*,
    store,
};
use crate::{
    audit,
    calls::Call,
    db::{Db, Tx},
    email,
    error::{AppError, AppResult, FieldErrors},
    submissions::{
        SubmissionKind,
        actions::{self as submissions, Filing},
        receipt,
    },
    users::Viewer,
};

/// What a receipt's hash covers: the shared project, the filing half and the missions. The
/// receipt stores it as JSON; pages read the filed version back from it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FiledContent {
    pub project_id: i64,
    pub call_id: i64,
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
    pub half: Half,
    pub missions: Vec<Mission>,
    /// Name, type, size and SHA-256 of each file of the half.
    pub attachments: Vec<store::AttachmentRow>,
}

impl FiledContent {
    /// The filed content of `filed` (a half of `p`) with its `attachments`.
    pub fn of(p: &Project, filed: &Half, attachments: Vec<store::AttachmentRow>) -> FiledContent {
        FiledContent {
            project_id: p.id,
            call_id: p.call_id,
            title: p.title.clone(),
            summary: p.summary.clone(),
            duration_months: p.duration_months,
            is_renewal: p.is_renewal,
            earlier_results: p.earlier_results.clone(),
            multilateral_links: p.multilateral_links.clone(),
            context: p.context.clone(),
            objectives: p.objectives.clone(),
            plan: p.plan.clone(),
            theme_ids: p.theme_ids.clone(),
            half: filed.clone(),
            missions: p.missions.clone(),
            attachments,
        }
    }
}

/// The hash of a project's shared content (its fields, themes and missions): two halves filed
/// with the same hash were filed on the same joint project.
pub fn shared_sha256(p: &Project) -> String {
    // Missions by what they say, not by their row ids (a restored version re-inserts them).
    let mut missions: Vec<_> = p
        .missions
        .iter()
        .map(|m| {
            serde_json::json!([
                m.from_side_id,
                m.to_side_id,
                m.travellers,
                m.starts_on,
                m.days,
                m.purpose
            ])
        })
        .collect();
    missions.sort_by_key(|m| m.to_string());
    let shared = serde_json::json!([
        p.id,
        p.call_id,
        p.title,
        p.summary,
        p.duration_months,
        p.is_renewal,
        p.earlier_results,
        p.multilateral_links,
        p.context,
        p.objectives,
        p.plan,
        p.theme_ids,
        missions,
    ]);
    receipt::sha256_hex(shared.to_string().as_bytes())
}

/// The receipt for people, in sentences: what was filed, by whom, with which administration,
/// when (in every side's zone), what happens next and until when it may be filed again.
pub fn receipt_sentences(
    locale: crate::i18n::Locale,
    content: &FiledContent,
    call: &Call,
    administration: &str,
    now: i64,
) -> Vec<String> {
    let half = &content.half;
    let at = |ms: i64, zone: &str| crate::i18n::time_in_zone(ms, zone, locale);
    let side = call.side(half.side_id);
    let mut out = vec![
        locale.t_args(
            "projects-receipt-filed",
            &[
                ("lead", half.lead_name.clone().into()),
                ("organisation", half.organisation_name.clone().into()),
                (
                    "side",
                    side.map(|s| s.side_name.get(locale).to_string())
                        .unwrap_or_default()
                        .into(),
                ),
                ("title", content.title.clone().into()),
                ("version", half.version.into()),
                ("administration", administration.to_string().into()),
                (
                    "when",
                    half.submitted_at
                        .map(|ms| {
                            call.sides
                                .iter()
                                .map(|s| at(ms, &s.time_zone))
                                .collect::<Vec<_>>()
                                .join(" — ")
                        })
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
    ];
    out.push(locale.t1("projects-receipt-next", "administration", administration));
    // Only while it is true: before the side's deadline, on a half still in the running.
    if let (Some(s), Some(deadline)) = (side, super::model::filing_deadline(call, half))
        && now <= deadline
        && half.admissibility.as_deref() != Some("inadmissible")
    {
        out.push(locale.t1(
            "projects-receipt-refile",
            "deadline",
            at(deadline, &s.time_zone),
        ));
    }
    out
}

/// Files the lead's half with its administration. `seen_version` is the version the page was
/// rendered with: a second click or a second tab finds it changed and files nothing.
/// Returns the receipt id.
pub async fn file_half(
    db: &Db,
    base: &str,
    user: &Viewer,
    id: i64,
    seen_version: i64,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let (p, call, _) = load(&mut tx, user, id).await?;
    let half = own_half(&p, user)?;
    if half.version != seen_version {
        return Err(AppError::Conflict("projects-error-already-filed".into()));
    }
    if !may_file(&call, &half, now) {
        return Err(AppError::Conflict("projects-error-deadline".into()));
    }
    let facts = super::actions::facts_in(&mut tx, &p, &call, user).await?;
    if !super::policy::can(user, super::policy::Perm::File, &facts) {
        return Err(AppError::Conflict(
            if half.state == HalfState::Submitted {
                "projects-error-already-filed"
            } else {
                "projects-error-decided"
            }
            .into(),
        ));
    }
    let problems = filing_problems(&call, &p, &half);
    if !problems.is_empty() {
        let mut e = FieldErrors::default();
        for (i, k) in problems.iter().enumerate() {
            e.add(&format!("problem{i}"), k);
        }
        return Err(AppError::Invalid(e));
    }
    if !store::file_half(&mut tx, half.id, seen_version, now).await? {
        return Err(AppError::Conflict("projects-error-already-filed".into()));
    }
    let version = seen_version + 1;
    // A new version is examined again: its admissibility is decided anew.
    let filed = Half {
        state: HalfState::Submitted,
        version,
        submitted_at: Some(now),
        admissibility: None,
        admissibility_reason: None,
        ..half.clone()
    };
    let (rid, _, sha) = issue_receipt(&mut tx, &p, &call, &filed, now).await?;
    // The email says what was filed in sentences and links to the receipt (signature, hash, PDF).
    let side = crate::programmes::actions::side_in(&mut tx, half.side_id).await?;
    let content = FiledContent::of(&p, &filed, Vec::new());
    let sentences = receipt_sentences(
        user.locale,
        &content,
        &call,
        side.administration.get(user.locale),
        now,
    );
    let m = email::Letter::new(
        &user.email,
        user.locale,
        user.locale
            .t1("projects-email-receipt-subject", "title", p.title.clone()),
        &sentences.join("\n\n"),
        &format!("{base}{}", super::paths::ReceiptsById { id: rid }),
    )
    .greet(&user.name)
    .action(user.locale.t("projects-email-receipt-action"))
    .message();
    email::enqueue(&mut tx, &m).await?;
    // The other side's lead learns that their partner filed.
    super::partner::notify_other_lead(
        &mut tx,
        base,
        &p,
        half.side_id,
        "projects-email-partner-filed",
        &user.name,
    )
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "project.file_half",
        "project_half",
        half.id,
        &format!("v{version} {sha}"),
    )
    .await?;
    tx.commit().await?;
    Ok(rid)
}

/// The public key receipts are signed with (base64 Ed25519), for offline verification.
pub async fn public_key(db: &Db) -> AppResult<String> {
    submissions::public_key(db).await
}

/// A receipt, for the half's lead and its side's officers.
pub async fn get_receipt(
    db: &Db,
    user: &Viewer,
    id: i64,
) -> AppResult<(crate::submissions::ReceiptRow, Project)> {
    let mut tx = db.read().await?;
    let r = submissions::receipt_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = load_visible_half(&mut tx, user, r.submission_id).await?;
    Ok((r, p))
}

/// A receipt with what it attests, for the document that carries both: the filed version, its
/// call and themes, and the administration it was filed with.
pub struct ReceiptDocument {
    pub version: super::filed::FiledVersion,
    pub call: Call,
    pub themes: Vec<crate::commissions::Theme>,
    pub side: crate::programmes::Side,
    /// When it is read (what the receipt may still promise).
    pub now: i64,
}

/// [`ReceiptDocument`] of receipt `id`, for whoever may see its half (else "not found").
pub async fn receipt_document(db: &Db, user: &Viewer, id: i64) -> AppResult<ReceiptDocument> {
    let mut tx = db.read().await?;
    let row = submissions::receipt_with_content_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = load_visible_half(&mut tx, user, row.receipt.submission_id).await?;
    let (call, themes) =
        crate::calls::actions::get_call_with_themes_in(&mut tx, Some(user), p.call_id).await?;
    let content: FiledContent =
        serde_json::from_str(&row.content).map_err(|e| AppError::Internal(e.into()))?;
    let side = crate::programmes::actions::side_in(&mut tx, content.half.side_id).await?;
    Ok(ReceiptDocument {
        version: super::filed::FiledVersion {
            receipt: row.receipt,
            content,
        },
        call,
        themes,
        side,
        now: db.now_ms(),
    })
}

/// Receipts of every half the viewer may see.
pub async fn receipts_of(
    db: &Db,
    user: &Viewer,
    id: i64,
) -> AppResult<Vec<crate::submissions::ReceiptRow>> {
    let mut tx = db.read().await?;
    let (p, _, viewer) = load(&mut tx, user, id).await?;
    let mut out = Vec::new();
    for h in p.halves.iter().filter(|h| viewer.sees_half(h)) {
        out.extend(submissions::receipts_of_in(&mut tx, h.id).await?);
    }
    Ok(out)
}

/// Hashes what is filed, signs the receipt and stores both: (receipt id, payload, hash).
pub(super) async fn issue_receipt(
    tx: &mut Tx,
    p: &Project,
    call: &Call,
    filed: &Half,
    now: i64,
) -> AppResult<(i64, String, String)> {
    let (half, version) = (filed, filed.version);
    let attachments = store::list_attachments(tx, half.id).await?;
    let content = serde_json::to_string(&FiledContent::of(p, filed, attachments))
        .map_err(anyhow::Error::from)?;
    let zones: Vec<String> = call.sides.iter().map(|s| s.time_zone.clone()).collect();
    let issued = submissions::issue_receipt_in(
        tx,
        &Filing {
            kind: SubmissionKind::CmpHalf,
            submission_id: half.id,
            subject_id: p.id,
            side_code: &half.side_code,
            version,
            content: &content,
            shared_sha256: &shared_sha256(p),
            zones: &zones,
        },
        now,
    )
    .await?;
    Ok((issued.id, issued.payload, issued.content_sha256))
}

/// A project filed by both sides, for the demo loader.
pub struct SeedProject<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub objectives: &'a str,
    pub duration_months: i64,
    pub theme_ids: Vec<i64>,
    /// (side, organisation, lead user, filed at)
    pub halves: Vec<(i64, i64, i64, i64)>,
    pub missions: Vec<Mission>,
    pub created_by: i64,
}

/// Loads a paired project whose halves were filed at the given instants, with receipts.
pub async fn seed_filed_project(
    tx: &mut Tx,
    actor: &audit::Actor,
    call: &Call,
    s: &SeedProject<'_>,
) -> AppResult<i64> {
    let first = s.halves.iter().map(|h| h.3).min().unwrap_or(0);
    let id = store::insert_project(tx, call.id, s.title, s.created_by, first).await?;
    let row = store::ProjectRow {
        title: s.title,
        summary: s.summary,
        duration_months: Some(s.duration_months),
        is_renewal: false,
        earlier_results: "",
        multilateral_links: "",
        context: "",
        objectives: s.objectives,
        plan: "",
    };
    store::update_project(tx, id, &row, &s.theme_ids, first).await?;
    for (side, org, lead, _) in &s.halves {
        super::actions::new_half_in(tx, id, *side, *org, *lead, first).await?;
    }
    for m in &s.missions {
        store::insert_mission(tx, id, m, first).await?;
    }
    let p = store::find_project(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    for half in &p.halves {
        let at = s
            .halves
            .iter()
            .find(|h| h.0 == half.side_id)
            .map(|h| h.3)
            .unwrap_or(first);
        store::file_half(tx, half.id, 0, at).await?;
        let filed = Half {
            state: HalfState::Submitted,
            version: 1,
            submitted_at: Some(at),
            ..half.clone()
        };
        issue_receipt(tx, &p, call, &filed, at).await?;
    }
    audit::record(tx, actor, "project.seed", "project", id, s.title).await?;
    Ok(id)
}
