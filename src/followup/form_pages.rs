//! The small forms of a funded project's page: objectives, missions, reports, opinions,
//! year 2, final report, extensions. Each goes back to the page, a refusal shown there with
//! what was typed.

use super::paths;
use crate::ids::FundedId;

use axum::{Form, extract::State, response::Response};
use serde::Deserialize;

use super::{
    actions, midterm, missions,
    model::{MissionStatus, ObjectiveStatus},
    pages::{ProgressForm, back},
};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx},
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ObjectiveForm {
    objective: i64,
    status: String,
}

pub async fn objective(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedObjectives { id: FundedId(id) }: paths::FundedObjectives,
    Form(f): Form<ObjectiveForm>,
) -> AppResult<Response> {
    let st = ObjectiveStatus::parse(&f.status).ok_or(AppError::NotFound)?;
    let r = actions::set_objective(&s.db, ctx.require_user()?, id, f.objective, st).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MissionForm {
    mission: i64,
    status: String,
    amount: String,
    report: String,
}

pub async fn mission_status(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedMissionsStatus { id: FundedId(id) }: paths::FundedMissionsStatus,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let st = MissionStatus::parse(&f.status).ok_or(AppError::NotFound)?;
    let r = missions::set_status(&s.db, ctx.require_user()?, id, f.mission, st).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn mission_spending(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedMissionsSpending { id: FundedId(id) }: paths::FundedMissionsSpending,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let r = match crate::money::parse(&f.amount) {
        Some(a) => missions::record_spending(&s.db, ctx.require_user()?, id, f.mission, a).await,
        None => Err(AppError::Invalid(crate::error::FieldErrors::single(
            "amount",
            "followup-error-amount",
        ))),
    };
    back(&s, &ctx, id, r, None).await
}

pub async fn mission_report(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedMissionsReport { id: FundedId(id) }: paths::FundedMissionsReport,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let r = missions::submit_report(&s.db, ctx.require_user()?, id, f.mission, &f.report).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn progress(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedProgress { id: FundedId(id) }: paths::FundedProgress,
    Form(f): Form<ProgressForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let (used, forecast) = (
        crate::money::parse(&f.used),
        crate::money::parse(&f.forecast),
    );
    let r = match (used, forecast) {
        (Some(used), Some(forecast)) => {
            midterm::file_report(&s.db, u, id, &f.progress, &[], used, forecast).await
        }
        _ => Err(AppError::Invalid(crate::error::FieldErrors::single(
            "used",
            "followup-error-amount",
        ))),
    };
    back(&s, &ctx, id, r, Some(f)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OpinionForm {
    favourable: String,
    comment: String,
}

pub async fn opinion(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedOpinion { id: FundedId(id) }: paths::FundedOpinion,
    Form(f): Form<OpinionForm>,
) -> AppResult<Response> {
    let favourable = match f.favourable.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::NotFound),
    };
    let r = midterm::give_opinion(&s.db, ctx.require_user()?, id, favourable, &f.comment).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn year2(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedYear2 { id: FundedId(id) }: paths::FundedYear2,
) -> AppResult<Response> {
    let r = midterm::release_year2(&s.db, ctx.require_user()?, id).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MissionChangeForm {
    kind: String,
    mission: String,
    #[serde(flatten)]
    fields: crate::projects::forms::MissionForm,
}

pub async fn propose_mission_change(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedMissionChanges { id: FundedId(id) }: paths::FundedMissionChanges,
    Form(f): Form<MissionChangeForm>,
) -> AppResult<Response> {
    use super::model::MissionChangeKind;
    let user = ctx.require_user()?;
    let kind = MissionChangeKind::parse(&f.kind);
    let mission_id = f.mission.parse::<i64>().ok();
    // What each kind needs of the form: a whole mission, a new start and length, nothing.
    let parsed = match kind {
        Some(MissionChangeKind::Add) => f.fields.parse().map(Some),
        Some(MissionChangeKind::Move) => crate::projects::forms::MissionForm {
            direction: "0-0".into(),
            travellers: "1".into(),
            purpose: "-".into(),
            ..f.fields.clone()
        }
        .parse()
        .map(Some),
        Some(MissionChangeKind::Cancel) => Ok(None),
        None => Err(crate::error::FieldErrors::single(
            "kind",
            "common-error-choice",
        )),
    };
    let r = match (kind, parsed) {
        (Some(kind), Ok(mission)) => {
            super::mission_changes::propose(&s.db, user, id, kind, mission_id, mission).await
        }
        (_, Err(e)) => Err(AppError::Invalid(e)),
        (None, Ok(_)) => Err(AppError::Invalid(crate::error::FieldErrors::single(
            "kind",
            "common-error-choice",
        ))),
    };
    let kept = ProgressForm {
        mission_change: Some(f.fields.clone()),
        mission_change_kind: f.kind.clone(),
        ..ProgressForm::default()
    };
    back(&s, &ctx, id, r, Some(kept)).await
}

pub async fn approve_mission_change(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedMissionChangesApprove {
        id: FundedId(id),
        change_id,
    }: paths::FundedMissionChangesApprove,
    Form(f): Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let r = super::mission_changes::approve(&s.db, user, id, change_id, &f.seen).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TerminateForm {
    termination_reason: String,
}

pub async fn terminate(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedTerminate { id: FundedId(id) }: paths::FundedTerminate,
    Form(f): Form<TerminateForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let r = super::termination::propose(
        &s.db,
        &s.settings.public_url,
        user,
        id,
        &f.termination_reason,
    )
    .await;
    let kept = ProgressForm {
        termination_reason: f.termination_reason,
        ..ProgressForm::default()
    };
    back(&s, &ctx, id, r, Some(kept)).await
}

pub async fn approve_termination(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedTerminateApprove { id: FundedId(id) }: paths::FundedTerminateApprove,
    Form(f): Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let r = super::termination::approve(&s.db, &s.settings.public_url, user, id, &f.seen).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FinalForm {
    final_report: String,
}

pub async fn final_report(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedFinalReport { id: FundedId(id) }: paths::FundedFinalReport,
    Form(f): Form<FinalForm>,
) -> AppResult<Response> {
    let r = super::closing::file(&s.db, ctx.require_user()?, id, &f.final_report).await;
    let kept = ProgressForm {
        final_report: f.final_report,
        ..ProgressForm::default()
    };
    back(&s, &ctx, id, r, Some(kept)).await
}

pub async fn approve_final(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedFinalReportApprove { id: FundedId(id) }: paths::FundedFinalReportApprove,
    Form(f): Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    let r = super::closing::approve(&s.db, ctx.require_user()?, id, &f.seen).await;
    back(&s, &ctx, id, r, None).await
}

pub async fn close(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedClose { id: FundedId(id) }: paths::FundedClose,
) -> AppResult<Response> {
    let r = super::closing::close(&s.db, ctx.require_user()?, id).await;
    back(&s, &ctx, id, r, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExtensionForm {
    new_end: String,
    reason: String,
}

pub async fn propose_extension(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedExtensions { id: FundedId(id) }: paths::FundedExtensions,
    Form(f): Form<ExtensionForm>,
) -> AppResult<Response> {
    let r = super::extensions::propose(&s.db, ctx.require_user()?, id, &f.new_end, &f.reason)
        .await
        .map(|_| ());
    back(&s, &ctx, id, r, None).await
}

pub async fn approve_extension(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::FundedExtensionsApprove {
        id: FundedId(id),
        extension_id: ext,
    }: paths::FundedExtensionsApprove,
    Form(f): Form<crate::http::form::Seen>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let r = super::extensions::approve(&s.db, &s.settings.public_url, user, ext, &f.seen)
        .await
        .map(|_| ());
    back(&s, &ctx, id, r, None).await
}
