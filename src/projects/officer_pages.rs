//! Officers' pages: their side's applications for a call, filtered and searched; CSV export;
//! admissibility decisions and individual extensions.

use super::paths;
use crate::ids::{CallId, HalfId, ProjectId};

use askama::Template;
use axum::{
    Form,
    extract::{Query, State},
    response::Response,
};
use serde::Deserialize;

use super::{
    forms::{DecisionForm, ExtensionForm},
    model::{HalfState, Project, matches_query},
};
use crate::{
    calls::{Call, model::parse_local},
    error::{AppError, AppResult},
    http::{
        AppState, Ctx, render, see_other,
        sort::{Header, Key, Sort},
    },
    i18n::format_date,
    sheet::{self, Cell, Sheet, SheetFile},
};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filters {
    pub q: String,
    pub theme: String,
    pub state: String,
    pub kind: String,
    pub paired: String,
    pub sort: String,
    pub dir: String,
}

/// The list's columns, by the name `sort=` takes, with their headings.
const COLUMNS: [(&str, &str); 9] = [
    ("title", "projects-csv-title"),
    ("organisation", "projects-csv-organisation"),
    ("kind", "projects-csv-kind"),
    ("state", "projects-csv-state"),
    ("other", "projects-csv-other-state"),
    ("deadline", "projects-csv-deadline"),
    ("filed", "projects-csv-filed"),
    ("changed", "projects-csv-changed"),
    ("admissibility", "projects-csv-admissibility"),
];

impl Filters {
    fn sort(&self) -> Sort {
        Sort::parse(&self.sort, &self.dir, &COLUMNS.map(|c| c.0), "title")
    }
}

/// One of the officer's side's halves, with what the list shows.
pub struct Row {
    pub project_id: i64,
    pub title: String,
    pub organisation: String,
    pub kind: String,
    pub state: String,
    pub paired: bool,
    pub admissibility: String,
    /// The other side's half at a glance: its state, or that there is no partner yet.
    pub other_state: String,
    /// The states' codes, for the badges' colours (the text says the state).
    pub state_code: &'static str,
    pub other_code: &'static str,
    /// This half's filing deadline (its extension if any) and when it was filed, in its
    /// side's zone.
    pub deadline: String,
    pub filed: String,
    /// The last change officers see (filing, admissibility, extension, withdrawal), never a
    /// lead's draft edits.
    pub changed: String,
    half_id: i64,
    deadline_at: Option<i64>,
    filed_at: Option<i64>,
    changed_at: Option<i64>,
    zone: String,
}

/// A day of the half's side as a spreadsheet date (empty when there is none).
fn day_cell(ms: Option<i64>, zone: &str) -> Cell {
    ms.and_then(|ms| {
        let t = jiff::Timestamp::from_millisecond(ms).ok()?;
        Some(t.in_tz(zone).ok()?.date())
    })
    .map_or(Cell::Empty, Cell::Date)
}

impl Row {
    fn key(&self, column: &str) -> Key {
        match column {
            "organisation" => Key::text(&self.organisation),
            "kind" => Key::text(&self.kind),
            "state" => Key::text(&self.state),
            "other" => Key::text(&self.other_state),
            "deadline" => Key::Maybe(self.deadline_at),
            "filed" => Key::Maybe(self.filed_at),
            "changed" => Key::Maybe(self.changed_at),
            "admissibility" => Key::text(&self.admissibility),
            _ => Key::text(&self.title),
        }
    }
}

fn rows(ctx: &Ctx, call: &Call, sides: &[i64], projects: &[Project], f: &Filters) -> Vec<Row> {
    let mut out = Vec::new();
    for p in projects {
        let paired = p.is_paired(call);
        for h in p.halves.iter().filter(|h| sides.contains(&h.side_id)) {
            let text = format!(
                "{} {} {} {}",
                p.title, p.summary, p.objectives, h.organisation_name
            );
            let keep = matches_query(&text, &f.q)
                && (f.theme.is_empty() || p.theme_ids.iter().any(|t| t.to_string() == f.theme))
                && (f.state.is_empty() || h.state.as_str() == f.state)
                && (f.kind.is_empty() || h.organisation_kind == f.kind)
                && (f.paired.is_empty() || (f.paired == "yes") == paired);
            if keep {
                let zone = call
                    .side(h.side_id)
                    .map(|t| t.time_zone.as_str())
                    .unwrap_or("UTC");
                let other = p.halves.iter().find(|o| o.side_id != h.side_id);
                let deadline_at = super::model::filing_deadline(call, h);
                out.push(Row {
                    state_code: h.state.as_str(),
                    other_code: other.map_or("none", |o| o.state.as_str()),
                    other_state: other
                        .map(|o| ctx.t(&o.state.key()))
                        .unwrap_or_else(|| ctx.t("projects-no-partner-yet")),
                    deadline: deadline_at
                        .map(|d| format_date(d, zone, ctx.locale))
                        .unwrap_or_default(),
                    filed: h
                        .submitted_at
                        .map(|d| format_date(d, zone, ctx.locale))
                        .unwrap_or_default(),
                    changed: h
                        .changed_at
                        .map(|d| format_date(d, zone, ctx.locale))
                        .unwrap_or_default(),
                    half_id: h.id,
                    zone: zone.to_string(),
                    deadline_at,
                    filed_at: h.submitted_at,
                    changed_at: h.changed_at,
                    project_id: p.id,
                    title: p.title.clone(),
                    organisation: h.organisation_name.clone(),
                    kind: ctx.t(&format!(
                        "organisation-kind-{}",
                        h.organisation_kind.replace('_', "-")
                    )),
                    state: ctx.t(&h.state.key()),
                    paired,
                    admissibility: h
                        .admissibility
                        .as_ref()
                        .map(|a| ctx.t(&format!("projects-{a}")))
                        .unwrap_or_default(),
                });
            }
        }
    }
    f.sort().apply(&mut out, Row::key, |r| r.half_id);
    out
}

#[derive(Template)]
#[template(path = "projects/officer_list.html")]
pub struct OfficerList {
    pub ctx: Ctx,
    pub call_id: i64,
    pub call_title: String,
    pub rows: Vec<Row>,
    pub filters: Filters,
    pub themes: Vec<(String, String)>,
    pub states: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    /// The filters and the order, for the exports.
    pub query: String,
    pub headers: Vec<Header>,
}

pub async fn officer_list(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApplications { id: CallId(id) }: paths::CallsApplications,
    Query(f): Query<Filters>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let super::officer::OfficerList {
        call,
        themes,
        sides,
        projects,
    } = super::officer::officer_list(&s.db, u, id).await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("q", &f.q),
            ("theme", &f.theme),
            ("state", &f.state),
            ("kind", &f.kind),
            ("paired", &f.paired),
        ])
        .finish();
    let headers = f
        .sort()
        .headers(&ctx, &paths::CallsApplications::url(id), &query, &COLUMNS);
    let query = format!("{query}&{}", f.sort().query());
    let page = OfficerList {
        headers,
        rows: rows(&ctx, &call, &sides, &projects, &f),
        call_id: id,
        call_title: call.title.get(ctx.locale).to_string(),
        themes: themes
            .iter()
            .map(|t| (t.id.to_string(), t.name.get(ctx.locale).to_string()))
            .collect(),
        states: [HalfState::Draft, HalfState::Submitted, HalfState::Withdrawn]
            .iter()
            .map(|h| (h.as_str().to_string(), ctx.t(&h.key())))
            .collect(),
        kinds: crate::organisations::OrganisationKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_string(),
                    ctx.t(&crate::calls::pages::kind_key(*k)),
                )
            })
            .collect(),
        filters: f,
        query,
        ctx,
    };
    Ok(render(&page))
}

/// The same rows as a sheet (the list's filters apply), for the CSV and `.xlsx` downloads.
async fn applications_sheet(s: &AppState, ctx: &Ctx, id: i64, f: &Filters) -> AppResult<Sheet> {
    let u = ctx.require_user()?;
    let (call, sides, projects) = super::officer::for_officer(&s.db, u, id).await?;
    let headers = [
        "projects-csv-project",
        "projects-csv-title",
        "projects-csv-organisation",
        "projects-csv-kind",
        "projects-csv-state",
        "projects-csv-paired",
        "projects-csv-admissibility",
        "projects-csv-other-state",
        "projects-csv-deadline",
        "projects-csv-filed",
        "projects-csv-changed",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let rows = rows(ctx, &call, &sides, &projects, f)
        .into_iter()
        .map(|r| {
            let paired = ctx.t(if r.paired {
                "projects-paired-yes"
            } else {
                "projects-paired-no"
            });
            vec![
                Cell::Int(r.project_id),
                Cell::Text(r.title),
                Cell::Text(r.organisation),
                Cell::Text(r.kind),
                Cell::Text(r.state),
                Cell::Text(paired),
                Cell::Text(r.admissibility),
                Cell::Text(r.other_state),
                day_cell(r.deadline_at, &r.zone),
                day_cell(r.filed_at, &r.zone),
                day_cell(r.changed_at, &r.zone),
            ]
        })
        .collect();
    Ok(Sheet {
        name: ctx.t("projects-applications-sheet"),
        headers,
        rows,
    })
}

/// The list as CSV for French and Belgian Excel.
pub async fn officer_csv(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApplicationsCsv { id: CallId(id) }: paths::CallsApplicationsCsv,
    Query(f): Query<Filters>,
) -> AppResult<Response> {
    let sheet = applications_sheet(&s, &ctx, id, &f).await?;
    sheet::download(
        &sheet,
        &format!("applications-call-{id}"),
        SheetFile::Csv,
        ctx.locale,
    )
}

/// The list as an `.xlsx` workbook.
pub async fn officer_xlsx(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsApplicationsXlsx { id: CallId(id) }: paths::CallsApplicationsXlsx,
    Query(f): Query<Filters>,
) -> AppResult<Response> {
    let sheet = applications_sheet(&s, &ctx, id, &f).await?;
    sheet::download(
        &sheet,
        &format!("applications-call-{id}"),
        SheetFile::Xlsx,
        ctx.locale,
    )
}

/// The confirmation asked before declaring a half inadmissible.
#[derive(Template)]
#[template(path = "projects/confirm_inadmissible.html")]
pub struct ConfirmInadmissible {
    pub ctx: Ctx,
    pub half: i64,
    pub reason: String,
    /// Where "cancel" goes: the project page the decision was taken on.
    pub back: String,
}

pub async fn admissibility(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::HalvesAdmissibility { id: HalfId(half) }: paths::HalvesAdmissibility,
    Form(f): Form<DecisionForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    // Irreversible for the applicant: a refusal is confirmed on a page that says what follows,
    // carrying what the officer typed.
    // (Without a reason the action refuses it at once: nothing to confirm yet.)
    if f.decision != "admissible" && f.confirm != "yes" && !f.reason.trim().is_empty() {
        return Ok(render(&ConfirmInadmissible {
            half,
            reason: f.reason,
            back: if f.project > 0 {
                paths::ProjectsById::url(f.project)
            } else {
                crate::http::LANDING.to_string()
            },
            ctx,
        }));
    }
    let project = super::officer::decide_admissibility(
        &s.db,
        &s.settings.public_url,
        u,
        half,
        f.decision == "admissible",
        &f.reason,
    )
    .await?;
    Ok(see_other(
        &paths::ProjectsById {
            id: crate::ids::ProjectId(project),
        }
        .to_string(),
    ))
}

pub async fn extension(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::HalvesExtension { id: HalfId(half) }: paths::HalvesExtension,
    Form(f): Form<ExtensionForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let until = parse_local(&f.until, &ctx.time_zone)
        .map_err(|e| AppError::Invalid(crate::error::FieldErrors::single("until", e.key())))?;
    let project = super::officer::grant_extension(&s.db, u, half, until).await?;
    Ok(see_other(
        &paths::ProjectsById {
            id: crate::ids::ProjectId(project),
        }
        .to_string(),
    ))
}

/// Uploads a file to the lead's half (multipart; the CSRF token rides in the query string).
pub async fn upload(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsAttachments { id: ProjectId(id) }: paths::ProjectsAttachments,
    mut multipart: axum::extract::Multipart,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let mut file = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(|_| {
                AppError::Invalid(crate::error::FieldErrors::single(
                    "file",
                    "projects-error-file-empty",
                ))
            })?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    match super::attachments::upload(&s.db, &s.settings.storage, u, id, &name, &bytes).await {
        Ok(_) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => {
            let reason = e
                .get("file")
                .unwrap_or("projects-error-file-type")
                .to_string();
            super::pages::show_with_notice(
                &s,
                &ctx,
                id,
                &reason,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        // Frozen (filed, deadline passed): the project page says why.
        Err(AppError::Conflict(k)) => {
            super::pages::show_with_notice(&s, &ctx, id, &k, axum::http::StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// Serves an attachment as a download, never inline.
pub async fn download(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::AttachmentsById { id }: paths::AttachmentsById,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let (a, bytes) = super::attachments::download(&s.db, &s.settings.storage, u, id).await?;
    Ok(crate::http::file_download(
        &a.filename,
        &a.content_type,
        bytes,
    ))
}

pub async fn remove_attachment(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::AttachmentsDelete { id }: paths::AttachmentsDelete,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let project = super::attachments::remove(&s.db, &s.settings.storage, u, id).await?;
    Ok(see_other(
        &paths::ProjectsById {
            id: crate::ids::ProjectId(project),
        }
        .to_string(),
    ))
}
