//! Grands Rendez-vous editions set up by the sides' officers (issue 14): one side drafts an
//! edition, every side approves the same content (as CMP editions and calls are), then every
//! side asks for each step of its lifecycle and it moves once all have. Each function is one
//! transaction; each write takes the edition's lock first (`store::lock`).

use super::{
    model::{Edition, EditionInput, EditionState, check},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    db::{Db, Fingerprint, Tx, unique_violation},
    error::{AppError, AppResult, FieldErrors},
    programmes::{self, Side},
    viewer::{Role, Viewer},
};

/// The programme whose editions the viewer sets up or reads, and its sides.
async fn programme_of(tx: &mut Tx, user: &Viewer) -> AppResult<(i64, Vec<Side>)> {
    programmes::actions::programme_of(tx, user, &[Role::Officer]).await
}

fn facts(sides: &[Side], state: EditionState, approved_by: Vec<i64>) -> policy::Facts {
    policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        approved_by,
    }
}

/// The edition's number is the programme's other edition's (PostgreSQL names the constraint,
/// SQLite the columns).
fn number_taken(e: &sqlx::Error) -> Option<AppError> {
    unique_violation(e)
        .filter(|c| c.contains("grv_editions_number_unique") || c.contains("grv_editions.number"))
        .map(|_| AppError::Invalid(FieldErrors::single("number", "grv-error-number-taken")))
}

fn side_ids(sides: &[Side]) -> Vec<i64> {
    sides.iter().map(|s| s.id).collect()
}

/// The editions' list: newest first, and whether the viewer may draft one.
pub struct EditionList {
    pub sides: Vec<Side>,
    pub editions: Vec<Edition>,
    pub can_draft: bool,
}

pub async fn list(db: &Db, user: &Viewer) -> AppResult<EditionList> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    if !policy::can(
        user,
        Perm::View,
        &facts(&sides, EditionState::Approved, vec![]),
    ) {
        return Err(AppError::Forbidden);
    }
    Ok(EditionList {
        can_draft: policy::can(
            user,
            Perm::Draft,
            &facts(&sides, EditionState::Draft, vec![]),
        ),
        editions: store::of_programme(&mut tx, programme).await?,
        sides,
    })
}

/// What the edition form starts from: the programme's sides, and the draft being changed (a
/// new edition starts blank, numbered after the latest).
pub struct EditionForm {
    pub sides: Vec<Side>,
    pub current: Option<EditionInput>,
    /// The fingerprint of the draft the form was built from: saving is refused if it changed.
    pub seen: Option<String>,
    pub next_number: i64,
}

pub async fn form(db: &Db, user: &Viewer, id: Option<i64>) -> AppResult<EditionForm> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let current = match id {
        Some(id) => {
            let e = owned(&mut tx, programme, id).await?;
            if !policy::can(user, Perm::Edit, &facts(&sides, e.state, vec![])) {
                return Err(not_draft_or_forbidden(e.state));
            }
            Some(e.input)
        }
        None => {
            if !policy::can(
                user,
                Perm::Draft,
                &facts(&sides, EditionState::Draft, vec![]),
            ) {
                return Err(AppError::Forbidden);
            }
            None
        }
    };
    let next_number = store::next_number(&mut tx, programme).await?;
    Ok(EditionForm {
        sides,
        seen: current.as_ref().map(|c| c.fingerprint().0),
        current,
        next_number,
    })
}

/// The edition `id` of the viewer's programme (another programme's is not found).
async fn owned(tx: &mut Tx, programme: i64, id: i64) -> AppResult<Edition> {
    match store::get(tx, id).await? {
        Some(e) if e.programme_id == programme => Ok(e),
        _ => Err(AppError::NotFound),
    }
}

fn not_draft_or_forbidden(state: EditionState) -> AppError {
    if state == EditionState::Draft {
        AppError::Forbidden
    } else {
        AppError::Conflict("grv-error-not-draft".into())
    }
}

/// Drafts an edition; the drafting officer's side approves it at once, the other side then
/// approves the same content.
pub async fn draft(db: &Db, user: &Viewer, input: &EditionInput) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    if !policy::can(
        user,
        Perm::Draft,
        &facts(&sides, EditionState::Draft, vec![]),
    ) {
        return Err(AppError::Forbidden);
    }
    let e = check(input, &side_ids(&sides));
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = tx.now_ms();
    let id = match store::insert(&mut tx, programme, input, now).await {
        Ok(id) => id,
        Err(e) => return Err(number_taken(&e).unwrap_or(e.into())),
    };
    store::replace_places(&mut tx, id, &input.places).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.draft",
        "grv_edition",
        id,
        &input.title.fr,
    )
    .await?;
    approve_in(&mut tx, user, id, &sides, &input.fingerprint()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a draft edition as it was when its form was opened (`seen`; refused if someone
/// changed it since): the approvals given are cleared, the editing side approves anew.
pub async fn update(
    db: &Db,
    user: &Viewer,
    id: i64,
    input: &EditionInput,
    seen: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let current = owned(&mut tx, programme, id).await?;
    if !policy::can(user, Perm::Edit, &facts(&sides, current.state, vec![])) {
        return Err(not_draft_or_forbidden(current.state));
    }
    if current.input.fingerprint().check_seen(seen).is_err() {
        return Err(AppError::Conflict("grv-error-changed-while-editing".into()));
    }
    let e = check(input, &side_ids(&sides));
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = tx.now_ms();
    match store::update(&mut tx, id, input, now).await {
        Ok(1) => {}
        Ok(_) => return Err(AppError::Conflict("grv-error-not-draft".into())),
        Err(e) => return Err(number_taken(&e).unwrap_or(e.into())),
    }
    store::replace_places(&mut tx, id, &input.places).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.update",
        "grv_edition",
        id,
        &input.title.fr,
    )
    .await?;
    approve_in(&mut tx, user, id, &sides, &input.fingerprint()).await?;
    tx.commit().await?;
    Ok(())
}

/// Approves a draft edition as `seen` on the officer's page (refused if it changed since).
/// Returns whether the edition now stands.
pub async fn approve(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let e = owned(&mut tx, programme, id).await?;
    let content = e.input.fingerprint();
    let approved_by = store::approvals(&mut tx, id, content.as_str()).await?;
    if !policy::can(user, Perm::Approve, &facts(&sides, e.state, approved_by)) {
        return Err(not_draft_or_forbidden(e.state));
    }
    content.check_seen(seen)?;
    // Drafted before calls for candidates had deadlines: it is completed before it stands.
    if !check(&e.input, &side_ids(&sides)).is_empty() {
        return Err(AppError::Conflict("grv-error-edition-incomplete".into()));
    }
    let stands = approve_in(&mut tx, user, id, &sides, &content).await?;
    tx.commit().await?;
    Ok(stands)
}

/// Records the approval of the officer's side; the edition stands once every side approved
/// this content.
async fn approve_in(
    tx: &mut Tx,
    user: &Viewer,
    id: i64,
    sides: &[Side],
    content: &Fingerprint,
) -> AppResult<bool> {
    let now = tx.now_ms();
    for s in sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.id))
    {
        store::approve(tx, id, s.id, user.id, now, content).await?;
        audit::record(
            tx,
            &user.actor(),
            "grv.approve",
            "grv_edition",
            id,
            &format!("side {}", s.id),
        )
        .await?;
    }
    let approved = store::approvals(tx, id, content.as_str()).await?;
    let all = sides.iter().all(|s| approved.contains(&s.id));
    if all && store::set_state(tx, id, EditionState::Draft, EditionState::Approved, now).await? == 1
    {
        audit::record(
            tx,
            &user.actor(),
            "grv.stand",
            "grv_edition",
            id,
            "approved by every side",
        )
        .await?;
    }
    Ok(all)
}

/// Asks, for the officer's sides, that the edition take the step its page showed (`seen`, the
/// step's fingerprint: refused when the edition changed state since). The edition moves once
/// every side has asked; returns the state it is then in.
pub async fn advance(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<EditionState> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let e = owned(&mut tx, programme, id).await?;
    let Some((next, step)) = e.step() else {
        return Err(if user.is_admin() {
            AppError::Forbidden
        } else if e.state == EditionState::Screening {
            AppError::Conflict("grv-error-cohort-by-approval".into())
        } else {
            AppError::Conflict("grv-error-no-next-state".into())
        });
    };
    let asked = store::approvals(&mut tx, id, step.as_str()).await?;
    if !policy::can(user, Perm::Advance, &facts(&sides, e.state, asked)) {
        return Err(if e.state == EditionState::Draft || user.is_admin() {
            AppError::Forbidden
        } else {
            AppError::Conflict("grv-error-step-asked".into())
        });
    }
    if step.check_seen(seen).is_err() {
        return Err(AppError::Conflict("grv-error-moved-since".into()));
    }
    // A call opens only with every side's deadline set (an edition that stood before deadlines
    // existed cannot open one nobody could apply to).
    if next == EditionState::CallOpen
        && sides.iter().any(|s| {
            !e.input
                .places
                .iter()
                .any(|p| p.side_id == s.id && p.deadline.is_some())
        })
    {
        return Err(AppError::Conflict("grv-error-no-deadlines".into()));
    }
    let now = tx.now_ms();
    for s in sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.id))
    {
        store::approve(&mut tx, id, s.id, user.id, now, &step).await?;
        audit::record(
            &mut tx,
            &user.actor(),
            "grv.ask_step",
            "grv_edition",
            id,
            &format!("side {}: {}", s.id, next.as_str()),
        )
        .await?;
    }
    let asked = store::approvals(&mut tx, id, step.as_str()).await?;
    let state = if sides.iter().all(|s| asked.contains(&s.id))
        && store::set_state(&mut tx, id, e.state, next, now).await? == 1
    {
        audit::record(
            &mut tx,
            &user.actor(),
            "grv.advance",
            "grv_edition",
            id,
            next.as_str(),
        )
        .await?;
        next
    } else {
        e.state
    };
    tx.commit().await?;
    Ok(state)
}

/// An edition's page: its content, who approved it and what the viewer may do, in one read
/// transaction.
pub struct EditionPage {
    pub edition: Edition,
    pub sides: Vec<Side>,
    /// Sides that approved the draft's content.
    pub approved_by: Vec<i64>,
    pub fingerprint: String,
    /// A standing edition's next step, its fingerprint, and the sides that asked for it.
    pub step: Option<(EditionState, String, Vec<i64>)>,
    pub can_edit: bool,
    pub can_approve: bool,
    pub can_advance: bool,
    /// Screening has begun: the officer's side's screening page and the joint selection page
    /// (which says what it awaits until every side has sent its shortlist).
    pub screening_link: bool,
    pub cohort_link: bool,
    /// The programme exists once the cohort stands (its page says who reads what).
    pub programme_link: bool,
}

pub async fn page(db: &Db, user: &Viewer, id: i64) -> AppResult<EditionPage> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let edition = owned(&mut tx, programme, id).await?;
    let content = edition.input.fingerprint();
    // One statement: each side's latest act, matched against the content and the next step.
    let acts = store::acts(&mut tx, id).await?;
    let by = |fp: &str| -> Vec<i64> {
        acts.iter()
            .filter(|(_, hash)| hash == fp)
            .map(|(side, _)| *side)
            .collect()
    };
    let approved_by = by(content.as_str());
    let f = facts(&sides, edition.state, approved_by.clone());
    if !policy::can(user, Perm::View, &f) {
        return Err(AppError::Forbidden);
    }
    let step = edition
        .step()
        .filter(|_| edition.state != EditionState::Draft)
        .map(|(next, fp)| (next, by(fp.as_str()), fp.0));
    let can_advance = step.as_ref().is_some_and(|(_, asked, _)| {
        policy::can(
            user,
            Perm::Advance,
            &facts(&sides, edition.state, asked.clone()),
        )
    });
    let screening = edition.state >= EditionState::Screening;
    Ok(EditionPage {
        screening_link: screening && sides.iter().any(|s| user.has_role_on(Role::Officer, s.id)),
        cohort_link: screening,
        programme_link: edition.state >= EditionState::CohortSelected,
        can_edit: policy::can(user, Perm::Edit, &f),
        can_approve: policy::can(user, Perm::Approve, &f),
        can_advance,
        step: step.map(|(next, asked, fp)| (next, fp, asked)),
        edition,
        sides,
        approved_by,
        fingerprint: content.0,
    })
}
