//! Call use cases: officers draft and edit calls, each side approves, publication follows the
//! last approval; everyone reads published calls.

use super::{
    model::{Call, CallState, Phase, SideTerms, TravelPayer},
    policy::{self, Perm},
    store::{self, CallRow},
};
use crate::{
    audit,
    commissions::{self, Theme},
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    i18n::Localized,
    organisations::OrganisationKind,
    programmes::{self, Side},
    users::{Role, Viewer},
};

/// A call as typed in the form, already parsed.
#[derive(Clone, Debug)]
pub struct CallInput {
    pub commission_id: i64,
    pub title: Localized,
    pub guidelines: Localized,
    pub opens_at: i64,
    pub min_duration_months: i64,
    pub max_duration_months: i64,
    pub min_partners_per_side: i64,
    pub travel_paid_by: TravelPayer,
    pub theme_ids: Vec<i64>,
    pub organisation_kinds: Vec<OrganisationKind>,
    /// One entry per side of the programme (side code, currency and name are filled in here).
    pub sides: Vec<SideTerms>,
}

/// The sides of the call's programme on which `user` is an officer.
fn officer_sides(user: &Viewer, sides: &[Side]) -> Vec<i64> {
    sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.id))
        .map(|s| s.id)
        .collect()
}

/// Checks what the form cannot: themes of this commission, one deadline per programme side.
fn check(input: &CallInput, themes: &[Theme], sides: &[Side]) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    if input.theme_ids.is_empty() {
        errors.add("themes", "calls-error-themes");
    }
    if input
        .theme_ids
        .iter()
        .any(|t| !themes.iter().any(|th| th.id == *t))
    {
        errors.add("themes", "calls-error-themes");
    }
    for s in sides {
        match input.sides.iter().find(|t| t.side_id == s.id) {
            Some(t) if t.deadline_at < input.opens_at => errors.add(
                &format!("deadline_{}", s.code),
                "calls-error-deadline-before-opening",
            ),
            Some(_) => {}
            None => errors.add(&format!("deadline_{}", s.code), "common-error-required"),
        }
    }
    errors.into_result()
}

fn row(input: &CallInput) -> CallRow<'_> {
    CallRow {
        commission_id: input.commission_id,
        title: &input.title,
        guidelines: &input.guidelines,
        opens_at: input.opens_at,
        min_duration_months: input.min_duration_months,
        max_duration_months: input.max_duration_months,
        min_partners_per_side: input.min_partners_per_side,
        travel_paid_by: input.travel_paid_by,
    }
}

/// The programme sides of a commission, after checking that `user` is an officer of one.
async fn authorize(
    tx: &mut Tx,
    user: &Viewer,
    commission_id: i64,
) -> AppResult<(Vec<Side>, Vec<Theme>)> {
    let commission = commissions::actions::get(tx, commission_id).await?;
    let sides = programmes::actions::sides_of(tx, commission.programme_id).await?;
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        phase: Phase::Draft,
        approved_by: Vec::new(),
    };
    if !policy::can(Some(user), Perm::Create, &facts) {
        return Err(AppError::Forbidden);
    }
    let themes = commissions::actions::themes_of(tx, commission_id).await?;
    Ok((sides, themes))
}

/// Drafts a call (officers of either side of the commission's programme).
pub async fn create_call(db: &Db, user: &Viewer, input: &CallInput) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (sides, themes) = authorize(&mut tx, user, input.commission_id).await?;
    check(input, &themes, &sides)?;
    let id = store::insert_call(&mut tx, &row(input), user.id, db.now_ms()).await?;
    store::replace_details(
        &mut tx,
        id,
        &input.theme_ids,
        &input.organisation_kinds,
        &input.sides,
    )
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "call.create",
        "call",
        id,
        &input.title.fr,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Edits a draft. Approvals already given are cleared: each side approves the final text.
pub async fn update_call(db: &Db, user: &Viewer, id: i64, input: &CallInput) -> AppResult<()> {
    let mut tx = db.write().await?;
    let current = store::find_call(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    authorize(&mut tx, user, current.commission_id).await?;
    let (sides, themes) = authorize(&mut tx, user, input.commission_id).await?;
    if current.state != CallState::Draft {
        return Err(AppError::Conflict("calls-error-not-draft".into()));
    }
    check(input, &themes, &sides)?;
    store::update_call(&mut tx, id, &row(input), db.now_ms()).await?;
    store::replace_details(
        &mut tx,
        id,
        &input.theme_ids,
        &input.organisation_kinds,
        &input.sides,
    )
    .await?;
    store::delete_approvals(&mut tx, id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "call.update",
        "call",
        id,
        &input.title.fr,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records the approval of the officer's side of the call as `seen` on their page; the call is
/// published when the last side approves that same content. Returns whether it is now
/// published.
pub async fn approve_call(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    let call = store::find_call(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sides = programmes::actions::sides_of(&mut tx, call.programme_id).await?;
    let mine = officer_sides(user, &sides);
    if mine.is_empty() {
        return Err(AppError::Forbidden);
    }
    if call.state != CallState::Draft {
        return Err(AppError::Conflict("calls-error-not-draft".into()));
    }
    let content = call.fingerprint();
    content.check_seen(seen)?;
    let now = db.now_ms();
    for side in &mine {
        store::insert_approval(&mut tx, id, *side, user.id, now, &content).await?;
        audit::record(
            &mut tx,
            &user.actor(),
            "call.approve",
            "call",
            id,
            &format!("side {side}"),
        )
        .await?;
    }
    let call = store::find_call(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let published = call.approved_by_all();
    if published {
        store::set_state(&mut tx, id, CallState::Draft, CallState::Published, now).await?;
        audit::record(
            &mut tx,
            &user.actor(),
            "call.publish",
            "call",
            id,
            "approved by every side",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(published)
}

/// Archives a published call.
pub async fn archive_call(db: &Db, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let call = store::find_call(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    authorize(&mut tx, user, call.commission_id).await?;
    if call.phase(db.now_ms()) == Phase::Open {
        return Err(AppError::Conflict("calls-error-archive-open".into()));
    }
    if store::set_state(
        &mut tx,
        id,
        CallState::Published,
        CallState::Archived,
        db.now_ms(),
    )
    .await?
        != 1
    {
        return Err(AppError::Conflict("calls-error-not-published".into()));
    }
    audit::record(&mut tx, &user.actor(), "call.archive", "call", id, "").await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `viewer` may see `call` (drafts are its programme's officers' business).
fn sees(viewer: Option<&Viewer>, call: &Call, now: i64) -> bool {
    policy::can(viewer, Perm::View, &policy::Facts::of(call, now))
}

/// A call with its themes, for its page. Drafts are "not found" to everyone but officers.
pub async fn get_call(db: &Db, viewer: Option<&Viewer>, id: i64) -> AppResult<(Call, Vec<Theme>)> {
    let mut tx = db.read().await?;
    get_call_with_themes_in(&mut tx, viewer, id).await
}

/// [`get_call`] inside the caller's transaction.
pub async fn get_call_with_themes_in(
    tx: &mut Tx,
    viewer: Option<&Viewer>,
    id: i64,
) -> AppResult<(Call, Vec<Theme>)> {
    let call = store::find_call(tx, id).await?.ok_or(AppError::NotFound)?;
    if !sees(viewer, &call, tx.now_ms()) {
        return Err(AppError::NotFound);
    }
    let themes = commissions::actions::themes_of(tx, call.commission_id)
        .await?
        .into_iter()
        .filter(|t| call.theme_ids.contains(&t.id))
        .collect();
    Ok((call, themes))
}

/// The calls `viewer` may see, newest first.
pub async fn list_calls(db: &Db, viewer: Option<&Viewer>) -> AppResult<Vec<Call>> {
    let mut tx = db.read().await?;
    let now = tx.now_ms();
    Ok(store::list_calls(&mut tx)
        .await?
        .into_iter()
        .filter(|c| sees(viewer, c, now))
        .collect())
}

/// The call form page: the call being edited (if any), its commission, that commission's
/// programme's sides and themes.
pub struct CallForm {
    pub call: Option<Call>,
    pub commission_id: i64,
    pub sides: Vec<Side>,
    pub themes: Vec<Theme>,
    /// The programme's funding rules, which a new call starts from.
    pub defaults: programmes::FundingDefaults,
    /// What a session adopted for this edition's next call (its opening date and themes).
    pub next_call: commissions::actions::NextCall,
}

/// The form to draft a call (for `commission`, or the first one) or to edit call `id`, in one
/// read transaction.
pub async fn call_form(
    db: &Db,
    user: &Viewer,
    commission: Option<i64>,
    id: Option<i64>,
) -> AppResult<CallForm> {
    let mut tx = db.read().await?;
    let call = match id {
        Some(id) => Some(get_call_with_themes_in(&mut tx, Some(user), id).await?.0),
        None => None,
    };
    let commission_id = match (&call, commission) {
        (Some(c), _) => c.commission_id,
        (None, Some(c)) => c,
        (None, None) => commissions::actions::list_all_in(&mut tx)
            .await?
            .first()
            .map(|c| c.id)
            .ok_or(AppError::NotFound)?,
    };
    let (sides, themes) = authorize(&mut tx, user, commission_id).await?;
    let programme = commissions::actions::get(&mut tx, commission_id)
        .await?
        .programme_id;
    let defaults = programmes::actions::defaults_in(&mut tx, programme).await?;
    let next_call = commissions::actions::next_call_in(&mut tx, commission_id).await?;
    Ok(CallForm {
        call,
        commission_id,
        sides,
        themes,
        defaults,
        next_call,
    })
}

/// What the call form offers: every commission with its programme's sides and themes.
pub async fn form_options(db: &Db, commission_id: i64) -> AppResult<(Vec<Side>, Vec<Theme>)> {
    let mut tx = db.read().await?;
    let commission = commissions::actions::get(&mut tx, commission_id).await?;
    let sides = programmes::actions::sides_of(&mut tx, commission.programme_id).await?;
    let themes = commissions::actions::themes_of(&mut tx, commission_id).await?;
    Ok((sides, themes))
}

/// Loads a call in a given state inside the caller's transaction (demo loader; approvals of
/// every side are recorded for published calls).
pub async fn seed_call(
    tx: &mut Tx,
    actor: &audit::Actor,
    input: &CallInput,
    state: CallState,
    approver: i64,
) -> AppResult<i64> {
    let now = tx.now_ms();
    let id = store::insert_call(tx, &row(input), approver, now).await?;
    store::replace_details(
        tx,
        id,
        &input.theme_ids,
        &input.organisation_kinds,
        &input.sides,
    )
    .await?;
    if state != CallState::Draft {
        let content = get_call_in(tx, id).await?.fingerprint();
        for s in &input.sides {
            store::insert_approval(tx, id, s.side_id, approver, now, &content).await?;
        }
        store::set_state(tx, id, CallState::Draft, state, now).await?;
    }
    audit::record(tx, actor, "call.create", "call", id, &input.title.fr).await?;
    Ok(id)
}

/// A call inside the caller's transaction, whatever its state (for other domains' actions,
/// which apply their own visibility rules).
pub async fn get_call_in(tx: &mut Tx, id: i64) -> AppResult<Call> {
    store::find_call(tx, id).await?.ok_or(AppError::NotFound)
}

/// The published or archived calls of a commission, inside the caller's transaction.
pub async fn calls_of_commission(tx: &mut Tx, commission_id: i64) -> AppResult<Vec<Call>> {
    Ok(store::list_calls(tx)
        .await?
        .into_iter()
        .filter(|c| c.commission_id == commission_id && c.state != CallState::Draft)
        .collect())
}

/// Every call, in a fixed number of statements (whatever their number), for other domains'
/// read actions, which filter with the calls' own rules (`phase`, `awaits_approval_of`).
pub async fn all_calls_in(tx: &mut Tx) -> AppResult<Vec<Call>> {
    Ok(store::list_calls(tx).await?)
}
