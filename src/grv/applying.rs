//! A person's candidacy to an edition's call for candidates (issue 14, item 2): the public call
//! page, starting a candidacy, keeping its draft, filing it before one's side's deadline with a
//! signed receipt (the shared `crate::submissions`), and the separate consent to a public
//! announcement. Each function is one transaction; permissions are `policy::candidacies`.

use super::{
    candidacy::{Candidacy, CandidacyInput, FiledCandidacy, draft_errors, filing_problems},
    model::{Edition, EditionState},
    policy::candidacies::{Facts, Perm, can},
    screening,
    selection::Outcome,
    store::{self, candidacies as cstore},
};
use crate::{
    audit,
    db::{Db, Fingerprint, Tx},
    email,
    error::{AppError, AppResult, FieldErrors},
    i18n::{Locale, time_in_zone},
    programmes::{self, Side},
    submissions::{
        FilingState, ReceiptRow, SubmissionKind,
        actions::{self as submissions, Filing},
        deadline::Deadline,
    },
    viewer::Viewer,
};

/// The edition if the public may see it: once it stands (a draft is nobody's business).
async fn public_edition(tx: &mut Tx, id: i64) -> AppResult<(Edition, Vec<Side>)> {
    let e = store::get(tx, id)
        .await?
        .filter(|e| e.state >= EditionState::Approved)
        .ok_or(AppError::NotFound)?;
    let sides = programmes::actions::sides_of(tx, e.programme_id).await?;
    Ok((e, sides))
}

/// Whether some side's call still takes candidacies at `now`.
fn takes_candidacies(e: &Edition, now: i64) -> bool {
    e.state == EditionState::CallOpen
        && e.input
            .places
            .iter()
            .any(|p| p.deadline.as_ref().is_some_and(|d| d.accepts(now, None)))
}

fn deadline_of(e: &Edition, side: i64) -> Option<Deadline> {
    e.input
        .places
        .iter()
        .find(|p| p.side_id == side)
        .and_then(|p| p.deadline.clone())
}

fn facts(e: &Edition, sides: &[Side], c: Option<&Candidacy>, side: Option<i64>, now: i64) -> Facts {
    let side = c.map(|c| c.side_id).or(side);
    Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state: e.state,
        side,
        author: c.map(|c| c.user_id),
        filing: c.map(|c| c.state),
        before_deadline: side
            .and_then(|s| deadline_of(e, s))
            .is_some_and(|d| d.accepts(now, None)),
        sides_met: false,
    }
}

/// The public page of an edition's call: what it is, each side's deadline, and for the viewer
/// their candidacy or whether they may apply.
pub struct CallPage {
    pub edition: Edition,
    /// Each side with its deadline.
    pub sides: Vec<(Side, Option<Deadline>)>,
    pub mine: Option<Candidacy>,
    pub can_apply: bool,
    /// Whether a side still takes candidacies now.
    pub open: bool,
    pub now: i64,
}

pub async fn call_page(db: &Db, user: Option<&Viewer>, id: i64) -> AppResult<CallPage> {
    let mut tx = db.read().await?;
    let now = db.now_ms();
    let (edition, sides) = public_edition(&mut tx, id).await?;
    let mine = match user {
        Some(u) => cstore::of_user(&mut tx, id, u.id).await?,
        None => None,
    };
    let can_apply = user.is_some_and(|u| {
        mine.is_none()
            && can(
                u,
                Perm::Apply,
                &facts(&edition, &sides, None, u.side_id, now),
            )
    });
    let open = takes_candidacies(&edition, now);
    Ok(CallPage {
        sides: sides
            .into_iter()
            .map(|s| {
                let d = deadline_of(&edition, s.id);
                (s, d)
            })
            .collect(),
        edition,
        mine,
        can_apply,
        open,
        now,
    })
}

/// The public list of the Grands Rendez-vous: every edition that stands, newest first, and
/// whether its call takes candidacies now.
pub async fn public_list(db: &Db) -> AppResult<Vec<(Edition, bool)>> {
    let mut tx = db.read().await?;
    let now = db.now_ms();
    Ok(store::standing(&mut tx)
        .await?
        .into_iter()
        .map(|e| {
            let open = takes_candidacies(&e, now);
            (e, open)
        })
        .collect())
}

/// Starts the viewer's candidacy (on their account's side), or finds the one they have.
pub async fn apply(db: &Db, user: &Viewer, edition_id: i64) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let (edition, sides) = public_edition(&mut tx, edition_id).await?;
    if let Some(c) = cstore::of_user(&mut tx, edition_id, user.id).await? {
        return Ok(c.id);
    }
    if !can(
        user,
        Perm::Apply,
        &facts(&edition, &sides, None, user.side_id, now),
    ) {
        return Err(AppError::Conflict("grv-error-cannot-apply".into()));
    }
    let side = user.side_id.ok_or(AppError::Forbidden)?;
    let id =
        submissions::new_submission_in(&mut tx, SubmissionKind::GrvCandidacy, side, now).await?;
    if cstore::insert(&mut tx, id, edition_id, side, user.id, now).await? == 0 {
        // Two clicks at once: the other one made it; this transaction makes nothing.
        drop(tx);
        let mut tx = db.read().await?;
        return cstore::of_user(&mut tx, edition_id, user.id)
            .await?
            .map(|c| c.id)
            .ok_or(AppError::NotFound);
    }
    audit::record(&mut tx, &user.actor(), "grv.apply", "grv_candidacy", id, "").await?;
    tx.commit().await?;
    Ok(id)
}

/// A candidacy as its author or its side's officers see it.
pub struct CandidacyView {
    pub candidacy: Candidacy,
    pub edition: Edition,
    pub side: Side,
    pub sides: Vec<Side>,
    pub deadline: Option<Deadline>,
    /// Whether the viewer wrote it: they see it as it stands, everyone else as last filed.
    pub is_author: bool,
    /// The version last filed, as its receipt signs it.
    pub filed: Option<FiledCandidacy>,
    pub can_edit: bool,
    pub can_consent: bool,
    pub can_withdraw: bool,
    /// Once the cohort stands: the candidacy's outcome and, waiting, its position (shown to
    /// its author).
    pub outcome: Option<(Outcome, Option<i64>)>,
    /// What keeps it from being filed as it stands, at its fields.
    pub problems: FieldErrors,
    pub receipts: Vec<ReceiptRow>,
    pub now: i64,
    /// The photo its author gave for the public announcement (the author's page shows it).
    pub photo: Option<store::photos::PhotoRow>,
}

impl CandidacyView {
    /// The answers this viewer reads: the author their current ones, officers the filed ones.
    pub fn shown(&self) -> &CandidacyInput {
        match &self.filed {
            Some(f) if !self.is_author => &f.input,
            _ => &self.candidacy.input,
        }
    }
    /// The candidate's name as this viewer reads it: as filed, for everyone but the author.
    pub fn shown_name(&self) -> &str {
        match &self.filed {
            Some(f) if !self.is_author => &f.name,
            _ => &self.candidacy.name,
        }
    }
    /// Whether the author changed something since the version last filed.
    pub fn changed_since_filed(&self) -> bool {
        self.filed
            .as_ref()
            .is_some_and(|f| f.input != self.candidacy.input)
    }
    /// What the review page showed, which filing must still find.
    pub fn fingerprint(&self) -> Fingerprint {
        content_fingerprint(&self.candidacy.input)
    }
}

fn content_fingerprint(i: &CandidacyInput) -> Fingerprint {
    Fingerprint::of(&serde_json::to_value(i).unwrap_or_default())
}

pub(super) async fn load(
    tx: &mut Tx,
    user: &Viewer,
    id: i64,
    now: i64,
) -> AppResult<CandidacyView> {
    let c = cstore::get(tx, id).await?.ok_or(AppError::NotFound)?;
    let (edition, sides) = public_edition(tx, c.edition_id).await?;
    let mut f = facts(&edition, &sides, Some(&c), None, now);
    f.sides_met = screening::sides_met_in(tx, edition.id, &sides).await?;
    if !can(user, Perm::Read, &f) {
        return Err(AppError::NotFound);
    }
    let side = sides
        .iter()
        .find(|s| s.id == c.side_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let receipts = submissions::receipts_of_in(tx, c.id).await?;
    let filed = match submissions::latest_receipt_in(tx, c.id).await? {
        Some(r) => Some(
            serde_json::from_str::<FiledCandidacy>(&r.content)
                .map_err(|e| AppError::Internal(e.into()))?,
        ),
        None => None,
    };
    let is_author = c.user_id == user.id;
    // Everyone but the author reads the filed version: without one there is nothing to read.
    if !is_author && filed.is_none() {
        return Err(AppError::NotFound);
    }
    let outcome = if is_author {
        super::cohort::outcome_in(tx, &edition, c.id).await?
    } else {
        None
    };
    let photo = if is_author {
        store::photos::of_candidacies(tx, &[c.id])
            .await?
            .into_iter()
            .next()
    } else {
        None
    };
    Ok(CandidacyView {
        photo,
        deadline: deadline_of(&edition, c.side_id),
        is_author,
        filed,
        can_edit: can(user, Perm::Edit, &f),
        can_consent: can(user, Perm::Consent, &f),
        can_withdraw: can(user, Perm::Withdraw, &f),
        outcome,
        problems: filing_problems(&c.input),
        candidacy: c,
        edition,
        side,
        sides,
        receipts,
        now,
    })
}

pub async fn candidacy(db: &Db, user: &Viewer, id: i64) -> AppResult<CandidacyView> {
    let mut tx = db.read().await?;
    load(&mut tx, user, id, db.now_ms()).await
}

/// Keeps what the author typed (errors only for text past its length).
pub async fn save(db: &Db, user: &Viewer, id: i64, input: &CandidacyInput) -> AppResult<()> {
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let v = load(&mut tx, user, id, now).await?;
    if !v.is_author {
        return Err(AppError::Forbidden);
    }
    if !v.can_edit {
        return Err(AppError::Conflict(closed_key(&v)));
    }
    let e = draft_errors(input);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    cstore::save(&mut tx, id, input, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Why an author may no longer change their candidacy.
pub fn closed_key(v: &CandidacyView) -> String {
    if v.candidacy.state == FilingState::Withdrawn {
        "grv-error-withdrawn"
    } else {
        "grv-error-call-closed"
    }
    .into()
}

/// Files the candidacy as it stands (version `seen + 1`) with a signed receipt, and emails the
/// receipt to its author at `base` (the site's URL; `None` when the demo loader files what was
/// filed years ago: nobody is written to). `reviewed` is the fingerprint of the answers the
/// review page showed: what another tab saved since is not filed unseen. Returns the receipt's
/// id.
pub async fn file(
    db: &Db,
    base: Option<&str>,
    user: &Viewer,
    id: i64,
    seen: i64,
    reviewed: &str,
) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let now = db.now_ms();
    let v = load(&mut tx, user, id, now).await?;
    if !v.is_author {
        return Err(AppError::Forbidden);
    }
    if v.candidacy.version != seen {
        return Err(AppError::Conflict("grv-error-already-filed".into()));
    }
    if !v.can_edit {
        return Err(AppError::Conflict(closed_key(&v)));
    }
    if !v.problems.is_empty() {
        return Err(AppError::Invalid(v.problems));
    }
    if !cstore::file(&mut tx, id, seen, now).await? {
        return Err(AppError::Conflict("grv-error-already-filed".into()));
    }
    // Read again once the row is this transaction's: what is signed is what is stored, and
    // still what the review showed (an autosave from another tab may have come in between).
    let now_filed = cstore::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if content_fingerprint(&now_filed.input)
        .check_seen(reviewed)
        .is_err()
    {
        return Err(AppError::Conflict("grv-error-changed-since-review".into()));
    }
    let version = seen + 1;
    let content = serde_json::to_string(&FiledCandidacy::of(&now_filed, version))
        .map_err(anyhow::Error::from)?;
    let zones: Vec<String> = v.sides.iter().map(|s| s.time_zone.clone()).collect();
    let issued = submissions::issue_receipt_in(
        &mut tx,
        &Filing {
            kind: SubmissionKind::GrvCandidacy,
            submission_id: id,
            subject_id: v.edition.id,
            side_code: &v.side.code,
            version,
            content: &content,
            shared_sha256: "",
            zones: &zones,
        },
        now,
    )
    .await?;
    let l = user.locale;
    if let Some(base) = base {
        let body = filed_sentences(l, &v, version, now).join("\n\n");
        let m = email::Letter::new(
            &user.email,
            l,
            l.t1("grv-email-filed-subject", "edition", v.edition.name(l)),
            &body,
            &format!("{base}{}", super::paths::CandidaciesReview::url(id)),
        )
        .greet(&user.name)
        .action(l.t("grv-email-filed-action"))
        .message();
        email::enqueue(&mut tx, &m).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.file",
        "grv_candidacy",
        id,
        &format!("v{version} {}", issued.content_sha256),
    )
    .await?;
    tx.commit().await?;
    Ok(issued.id)
}

/// The receipt in sentences: what was filed, with which administration, when in each side's
/// zone, and until when it may be filed again.
pub fn filed_sentences(l: Locale, v: &CandidacyView, version: i64, at: i64) -> Vec<String> {
    let when = in_every_zone(l, &v.sides, at);
    let key = if v.is_author {
        "grv-receipt-filed"
    } else {
        "grv-receipt-filed-by"
    };
    let mut out = vec![l.t_args(
        key,
        &[
            ("name", v.shown_name().to_string().into()),
            ("edition", v.edition.name(l).into()),
            ("version", version.into()),
            (
                "administration",
                v.side.administration.get(l).to_string().into(),
            ),
            ("when", when.into()),
        ],
    )];
    // Only while it can still be done: after the deadline the sentence would promise the past.
    if let Some(d) = &v.deadline
        && at <= d.at
        && v.is_author
        && v.can_edit
    {
        out.push(l.t1(
            "grv-receipt-refile",
            "deadline",
            in_every_zone(l, &v.sides, d.at),
        ));
    }
    out
}

/// An instant in every side's zone, as rule 2 shows deadlines and filing times.
pub fn in_every_zone(l: Locale, sides: &[Side], at: i64) -> String {
    sides
        .iter()
        .map(|s| time_in_zone(at, &s.time_zone, l))
        .collect::<Vec<_>>()
        .join(" — ")
}

/// Gives or withdraws the author's consent to a public announcement, storing the wording shown
/// in the language it was shown in.
/// Withdrawing consent deletes the announcement's photo too: its storage key is returned, for
/// the caller to delete the file once this is committed.
pub async fn consent(db: &Db, user: &Viewer, id: i64, given: bool) -> AppResult<Option<String>> {
    let mut tx = db.write().await?;
    // In the edition's lock: a photo being given meanwhile is stored before or after, never
    // left behind a withdrawal.
    let edition = cstore::get(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    store::lock(&mut tx, edition).await?;
    let now = db.now_ms();
    let v = load(&mut tx, user, id, now).await?;
    if !v.can_consent {
        return Err(AppError::Forbidden);
    }
    let l = user.locale;
    let wording = consent_wording(l, &v.edition);
    cstore::add_consent(&mut tx, id, given, &wording, l.tag(), now).await?;
    let photo = if given {
        None
    } else {
        super::announcement::forget_in(&mut tx, id).await?
    };
    audit::record(
        &mut tx,
        &user.actor(),
        if given {
            "grv.consent"
        } else {
            "grv.consent_withdrawn"
        },
        "grv_candidacy",
        id,
        l.tag(),
    )
    .await?;
    tx.commit().await?;
    Ok(photo)
}

/// Withdraws the author's candidacy (they confirmed it). A selected candidate declines their
/// place, and the first of their side's waiting list moves up and is told at `base`.
/// `shown` is the outcome the page showed (`Outcome::as_str`, or `none`): a candidate who moved
/// up meanwhile is asked again rather than giving up a place they never saw.
pub async fn withdraw(
    db: &Db,
    base: Option<&str>,
    user: &Viewer,
    id: i64,
    shown: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let edition = cstore::get(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?
        .edition_id;
    // The edition's lock first, as every action changing its cohort takes it.
    store::lock(&mut tx, edition).await?;
    let now = db.now_ms();
    let v = load(&mut tx, user, id, now).await?;
    if !v.is_author {
        return Err(AppError::Forbidden);
    }
    if !v.can_withdraw || cstore::withdraw(&mut tx, id, now).await? == 0 {
        return Err(AppError::Conflict(
            if v.candidacy.state == FilingState::Withdrawn {
                "grv-error-withdrawn"
            } else {
                "grv-error-edition-completed"
            }
            .into(),
        ));
    }
    if outcome_code(&v) != shown.trim() {
        return Err(AppError::Conflict("grv-error-outcome-changed".into()));
    }
    let up = super::cohort::on_withdrawal_in(&mut tx, base, user, &v.edition, id, now).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "grv.withdraw",
        "grv_candidacy",
        id,
        &up.map(|u| format!("{u} moves up")).unwrap_or_default(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The outcome a withdrawal form carries: what the page showed of the candidacy's place.
pub fn outcome_code(v: &CandidacyView) -> &'static str {
    v.outcome.map_or("none", |(o, _)| o.as_str())
}

/// The sentence a candidate agrees to.
pub fn consent_wording(l: Locale, e: &Edition) -> String {
    l.t1("grv-consent-wording", "edition", e.name(l))
}
