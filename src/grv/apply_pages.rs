//! A candidate's pages (issue 14, items 2 and 3): the candidacy form (autosaved), its review
//! with the filing button and the receipt, the consent to a public announcement, and once the
//! cohort stands the outcome (the withdrawal is `cohort_pages`). The public call is
//! `call_pages`. Each calls one action of [`super::applying`].

use askama::Template;
use axum::{
    Form,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    applying::{self, CandidacyView},
    candidacy::{CandidacyInput, CandidacyKind, MAX_LINE, MAX_TEAM, MAX_TEXT},
    model::EditionState,
    paths,
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage},
        render, render_status, see_other,
    },
    i18n::time_in_zone,
    ids::GrvCandidacyId,
    submissions::FilingState,
};

/// A candidacy's state, in words that agree with "candidature".
fn state_key(s: FilingState) -> String {
    format!("grv-candidacy-state-{}", s.as_str())
}

/// The candidacy form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CandidacyForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    idea_title: String,
    #[serde(default)]
    idea_summary: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    availability: String,
}

impl CandidacyForm {
    fn of(i: &CandidacyInput) -> CandidacyForm {
        CandidacyForm {
            kind: i.kind.map_or("", CandidacyKind::as_str).to_string(),
            team: i.team.clone(),
            organisation: i.organisation.clone(),
            idea_title: i.idea_title.clone(),
            idea_summary: i.idea_summary.clone(),
            theme: i.theme.clone(),
            motivation: i.motivation.clone(),
            availability: i.availability.clone(),
        }
    }
    /// Kept as typed (one-line fields on one line); an unknown kind is read as none chosen.
    fn input(&self) -> CandidacyInput {
        let line = crate::http::form::one_line;
        CandidacyInput {
            kind: CandidacyKind::parse(&self.kind),
            team: self.team.clone(),
            organisation: line(&self.organisation),
            idea_title: line(&self.idea_title),
            idea_summary: self.idea_summary.clone(),
            theme: line(&self.theme),
            motivation: self.motivation.clone(),
            availability: self.availability.clone(),
        }
    }
}

fn form_page(ctx: &Ctx, v: &CandidacyView, f: &CandidacyForm) -> FormPage {
    let id = v.candidacy.id;
    let area = |name: &str, key: &str, value: &str| {
        Field::input(ctx, "textarea", name, key, value)
            .needed_to_file()
            .limit(ctx, MAX_TEXT, None)
    };
    let kinds = CandidacyKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), ctx.t(&k.key())))
        .collect();
    FormPage::new(
        ctx,
        "grv-candidacy-title",
        &paths::Candidacies::url(id),
        "grv-save-and-review",
    )
    .intro("grv-candidacy-intro")
    .autosave()
    .field(
        Field::select(ctx, "kind", "grv-field-kind", kinds, &f.kind)
            .needed_to_file()
            .heading(ctx.t("grv-part-who")),
    )
    .field(
        Field::input(ctx, "textarea", "team", "grv-field-team", &f.team)
            .conditional()
            .hint(ctx, "grv-team-hint")
            .limit(ctx, MAX_TEXT, Some(MAX_TEAM)),
    )
    .field(
        Field::text(
            ctx,
            "organisation",
            "grv-field-organisation",
            &f.organisation,
        )
        .optional()
        .limit(ctx, MAX_LINE, None),
    )
    .field(
        Field::text(ctx, "idea_title", "grv-field-idea-title", &f.idea_title)
            .needed_to_file()
            .limit(ctx, MAX_LINE, None)
            .heading(ctx.t("grv-part-idea")),
    )
    .field(area(
        "idea_summary",
        "grv-field-idea-summary",
        &f.idea_summary,
    ))
    .field(
        Field::text(ctx, "theme", "grv-field-idea-theme", &f.theme)
            .needed_to_file()
            .hint(ctx, "grv-idea-theme-hint")
            .limit(ctx, MAX_LINE, None),
    )
    .field(area("motivation", "grv-field-motivation", &f.motivation))
    .field(
        area("availability", "grv-field-availability", &f.availability)
            .hint(ctx, "grv-availability-hint"),
    )
    .link(&paths::CandidaciesReview::url(id), "grv-review-title")
}

pub async fn form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::Candidacies {
        id: GrvCandidacyId(id),
    }: paths::Candidacies,
) -> AppResult<Response> {
    let v = applying::candidacy(&s.db, ctx.require_user()?, id).await?;
    // Officers read the filed version on the review page; the form is the author's.
    if !v.is_author {
        return Ok(see_other(&paths::CandidaciesReview::url(id)));
    }
    let f = CandidacyForm::of(&v.candidacy.input);
    let mut page = form_page(&ctx, &v, &f);
    // Closed (or another's): the answers are shown, and why they no longer change.
    if !v.can_edit {
        page = page.notice(&applying::closed_key(&v));
    }
    Ok(page.respond(&FieldErrors::default()))
}

pub async fn save(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::Candidacies {
        id: GrvCandidacyId(id),
    }: paths::Candidacies,
    headers: HeaderMap,
    Form(f): Form<CandidacyForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let autosave = headers.contains_key("x-autosave");
    if !f.kind.is_empty() && CandidacyKind::parse(&f.kind).is_none() {
        let v = applying::candidacy(&s.db, user, id).await?;
        return Ok(
            form_page(&ctx, &v, &f).respond(&FieldErrors::single("kind", "common-error-choice"))
        );
    }
    match applying::save(&s.db, user, id, &f.input()).await {
        Ok(()) if autosave => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(()) => Ok(see_other(&paths::CandidaciesReview::url(id))),
        Err(AppError::Invalid(e)) => {
            let v = applying::candidacy(&s.db, user, id).await?;
            Ok(form_page(&ctx, &v, &f).respond(&e))
        }
        Err(AppError::Conflict(k)) => {
            let v = applying::candidacy(&s.db, user, id).await?;
            Ok(form_page(&ctx, &v, &f)
                .notice(&k)
                .respond_with(StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "grv/review.html")]
pub struct ReviewTemplate {
    pub ctx: Ctx,
    /// The page's title and the answers' heading: the author's, or a reader's.
    pub title: String,
    pub what: String,
    pub id: i64,
    pub edition: String,
    pub call_url: String,
    pub state: String,
    pub state_code: &'static str,
    /// Whose, filed with which side, closing when.
    pub intro: String,
    /// (label, value as typed, field name) in the form's order.
    pub answers: Vec<(String, String, &'static str)>,
    /// (field, message) of what keeps it from being filed.
    pub problems: Vec<(String, String)>,
    pub can_edit: bool,
    pub can_file: bool,
    pub version: i64,
    /// The fingerprint of the answers shown, which filing must still find.
    pub reviewed: String,
    /// The author changed something since the version last filed.
    pub changed: bool,
    /// The latest receipt: what it says in sentences, its hash, payload and signature.
    pub receipt: Option<ReceiptLines>,
    pub can_consent: bool,
    pub consents: bool,
    /// The consent as last recorded: "given on …" / "withdrawn on …".
    pub consent_status: Option<String>,
    pub consent_wording: String,
    /// Once the cohort stands, the author's outcome in a sentence.
    pub outcome: Option<String>,
    pub can_withdraw: bool,
    /// The outcome the withdrawal form carries (what the page showed).
    pub outcome_shown: &'static str,
    /// The confirmation box left unticked.
    pub confirm_error: Option<String>,
    /// Whether the programme has started (a place given up then stays free).
    pub programme_started: bool,
    /// Whether withdrawing gives up a place in the cohort.
    pub holds_place: bool,
    /// A selected candidate's page in the programme (item 4).
    pub participant_page: Option<String>,
    /// The photo for the announcement: (preview address, credit line).
    pub photo: Option<(String, String)>,
    /// The photo form: its errors and the credit typed.
    pub photo_error: Option<String>,
    pub credit_error: Option<String>,
    pub credit: String,
    pub notice: Option<String>,
    pub success: Option<String>,
}

pub struct ReceiptLines {
    pub sentences: Vec<String>,
    pub sha256: String,
    pub payload: String,
    pub signature: String,
}

pub(super) fn review_template(
    ctx: Ctx,
    v: CandidacyView,
    notice: Option<&str>,
    success: Option<&str>,
) -> ReviewTemplate {
    let l = ctx.locale;
    let c = &v.candidacy;
    let i = v.shown();
    let answers = vec![
        (
            ctx.t("grv-field-kind"),
            i.kind.map(|k| ctx.t(&k.key())).unwrap_or_default(),
            "kind",
        ),
        (ctx.t("grv-field-team"), i.members().join(", "), "team"),
        (
            ctx.t("grv-field-organisation"),
            i.organisation.clone(),
            "organisation",
        ),
        (
            ctx.t("grv-field-idea-title"),
            i.idea_title.clone(),
            "idea_title",
        ),
        (
            ctx.t("grv-field-idea-summary"),
            i.idea_summary.clone(),
            "idea_summary",
        ),
        (ctx.t("grv-field-idea-theme"), i.theme.clone(), "theme"),
        (
            ctx.t("grv-field-motivation"),
            i.motivation.clone(),
            "motivation",
        ),
        (
            ctx.t("grv-field-availability"),
            i.availability.clone(),
            "availability",
        ),
    ];
    let order: Vec<&str> = answers.iter().map(|a| a.2).collect();
    let mut problems: Vec<(String, String)> = v
        .problems
        .0
        .iter()
        .map(|(f, k)| (f.clone(), ctx.t(k)))
        .collect();
    problems.sort_by_key(|(f, _)| order.iter().position(|o| o == f));
    let receipt = v.receipts.last().map(|r| ReceiptLines {
        sentences: applying::filed_sentences(l, &v, r.version, r.submitted_at),
        sha256: r.content_sha256.clone(),
        payload: r.payload.clone(),
        signature: r.signature.clone(),
    });
    let (title, what) = if v.is_author && v.can_edit {
        ("grv-review-title", "grv-review-what")
    } else if v.is_author {
        // The call is closed for them: nothing more to file, only what was.
        ("grv-review-title-closed", "grv-review-what-closed")
    } else {
        ("grv-review-title-reader", "grv-review-what-reader")
    };
    ReviewTemplate {
        title: ctx.t(title),
        what: ctx.t(what),
        id: c.id,
        edition: v.edition.name(l),
        call_url: paths::Call::url(v.edition.id),
        state: ctx.t(&state_key(c.state)),
        state_code: c.state.as_str(),
        intro: l.t_args(
            "grv-review-intro",
            &[
                ("name", v.shown_name().to_string().into()),
                ("side", v.side.name.get(l).to_string().into()),
                (
                    "deadline",
                    v.deadline
                        .as_ref()
                        .map(|d| applying::in_every_zone(l, &v.sides, d.at))
                        .unwrap_or_else(|| ctx.t("grv-deadline-unset"))
                        .into(),
                ),
            ],
        ),
        can_edit: v.can_edit,
        can_file: v.can_edit && v.problems.is_empty(),
        version: c.version,
        reviewed: v.fingerprint().as_str().to_string(),
        changed: v.is_author && v.changed_since_filed(),
        receipt,
        can_consent: v.can_consent,
        consents: c.consents(),
        consent_status: c.consent.as_ref().map(|k| {
            l.t1(
                if k.given {
                    "grv-consent-given-on"
                } else {
                    "grv-consent-withdrawn-on"
                },
                "when",
                time_in_zone(k.at, &v.side.time_zone, l),
            )
        }),
        consent_wording: applying::consent_wording(l, &v.edition),
        outcome: v.outcome.map(|(o, position)| {
            l.t_args(
                &format!("grv-your-{}", o.as_str().replace('_', "-")),
                &[
                    ("edition", v.edition.name(l).into()),
                    ("position", position.unwrap_or(0).into()),
                ],
            )
        }),
        can_withdraw: v.can_withdraw,
        outcome_shown: applying::outcome_code(&v),
        confirm_error: None,
        holds_place: v
            .outcome
            .is_some_and(|(o, _)| o == super::selection::Outcome::Selected),
        programme_started: v.edition.state >= EditionState::ProgrammeRunning,
        photo: v.photo.as_ref().map(|p| {
            (
                paths::CandidaciesPhoto::url(v.candidacy.id),
                p.credit.clone(),
            )
        }),
        photo_error: None,
        credit_error: None,
        credit: String::new(),
        participant_page: v
            .outcome
            .is_some_and(|(o, _)| o == super::selection::Outcome::Selected)
            .then(|| super::paths::Participants::url(v.candidacy.id)),
        notice: notice.map(|k| ctx.t(k)),
        success: success.map(|k| ctx.t(k)),
        answers,
        problems,
        ctx,
    }
}

#[derive(Deserialize)]
pub struct ReviewQuery {
    #[serde(default)]
    filed: Option<String>,
    #[serde(default)]
    consent: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
    #[serde(default)]
    photo: Option<String>,
}

pub async fn review(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesReview {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesReview,
    axum::extract::Query(q): axum::extract::Query<ReviewQuery>,
) -> AppResult<Response> {
    let v = applying::candidacy(&s.db, ctx.require_user()?, id).await?;
    let success = if q.filed.is_some() && v.candidacy.state == FilingState::Submitted {
        Some("grv-filed")
    } else if q.consent.is_some() {
        Some("grv-consent-saved")
    } else if q.withdrawn.is_some() && v.candidacy.state == FilingState::Withdrawn {
        Some("grv-withdrawn")
    } else if let Some(p) = q.photo.as_deref() {
        Some(if p == "1" {
            "grv-photo-saved"
        } else {
            "grv-photo-removed"
        })
    } else {
        None
    };
    Ok(render(&review_template(ctx, v, None, success)))
}

#[derive(Deserialize)]
pub struct FileForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    seen: String,
}

pub async fn file(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesFile {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesFile,
    Form(f): Form<FileForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let Ok(seen) = f.version.trim().parse() else {
        return Err(AppError::Invalid(FieldErrors::single(
            "version",
            "common-error-choice",
        )));
    };
    match applying::file(&s.db, Some(&s.settings.public_url), user, id, seen, &f.seen).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?filed=1",
            paths::CandidaciesReview::url(id)
        ))),
        Err(AppError::Conflict(k)) => {
            let v = applying::candidacy(&s.db, user, id).await?;
            Ok(render_status(
                StatusCode::CONFLICT,
                &review_template(ctx, v, Some(&k), None),
            ))
        }
        Err(AppError::Invalid(_)) => {
            // The review lists what is missing, each linked to its field.
            let v = applying::candidacy(&s.db, user, id).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &review_template(ctx, v, Some("grv-error-incomplete"), None),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    given: String,
}

pub async fn consent(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesConsent {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesConsent,
    Form(f): Form<ConsentForm>,
) -> AppResult<Response> {
    let given = match f.given.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::Invalid(FieldErrors::single(
                "given",
                "common-error-choice",
            )));
        }
    };
    if let Some(photo) = applying::consent(&s.db, ctx.require_user()?, id, given).await? {
        // Consent withdrawn: the photo's row is gone, its file goes too.
        let _ = s.settings.storage.delete(&photo).await;
    }
    Ok(see_other(&format!(
        "{}?consent=1",
        paths::CandidaciesReview::url(id)
    )))
}
