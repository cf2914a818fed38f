//! A commission's follow-up for its officers and members: funded projects with their mid-term
//! status, the campaign, overdue activity reports and new calendars to preview and apply.

use super::paths;
use crate::ids::{CommissionId, ResolutionId};

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{calendar, midterm, reads};
use crate::{
    decisions::documents::describe,
    error::{AppError, AppResult},
    http::{
        AppState, Ctx, render_status, see_other,
        sort::{Header, Key, Sort},
    },
    i18n::{format_civil_date, format_iso_date},
};

/// A row of the commission's list of funded projects, as shown.
pub struct FundedLine {
    pub id: i64,
    pub title: String,
    pub state: String,
    pub ends_on: String,
    pub report: String,
    pub joint: String,
    /// The end date as an ISO date (sorts as it reads).
    ends_iso: String,
}

/// The list's columns, by the name `sort=` takes, with their headings.
const COLUMNS: [(&str, &str); 5] = [
    ("title", "projects-csv-title"),
    ("state", "followup-state"),
    ("ends", "followup-ends-on"),
    ("report", "followup-progress"),
    ("joint", "followup-joint"),
];

impl FundedLine {
    fn key(&self, column: &str) -> Key {
        match column {
            "state" => Key::text(&self.state),
            "ends" => Key::Text(self.ends_iso.clone()),
            "report" => Key::text(&self.report),
            "joint" => Key::text(&self.joint),
            _ => Key::text(&self.title),
        }
    }
}

/// `?sort=column&dir=desc` on the follow-up page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SortQuery {
    sort: String,
    dir: String,
}

impl SortQuery {
    fn sort(&self) -> Sort {
        Sort::parse(&self.sort, &self.dir, &COLUMNS.map(|c| c.0), "title")
    }
}

#[derive(Template)]
#[template(path = "followup/commission.html")]
pub struct CommissionPage {
    pub ctx: Ctx,
    pub id: i64,
    pub title: String,
    pub rows: Vec<FundedLine>,
    /// The sortable column headings.
    pub headers: Vec<Header>,
    pub campaign: Option<String>,
    pub overdue: Vec<(i64, String)>,
    /// (resolution, description, applied)
    pub calendars: Vec<(i64, String, bool)>,
    pub can_export_iati: bool,
    pub can_open_campaign: bool,
    pub notice: Option<String>,
}

async fn page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    sort: &Sort,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let l = ctx.locale;
    let v = reads::commission_followup(&s.db, u, id).await?;
    let all = v.commissions;
    let commission = v.commission;
    let campaign = v.campaign;
    let mut rows: Vec<FundedLine> = v
        .rows
        .into_iter()
        .map(|r| FundedLine {
            id: r.funded.id,
            state: ctx.t(&r.funded.state.key()),
            ends_on: format_civil_date(r.funded.ends_on, l),
            ends_iso: r.funded.ends_on.to_string(),
            report: ctx.t(if r.report_filed {
                "followup-progress-filed"
            } else {
                "followup-progress-missing-short"
            }),
            joint: match r.joint_opinion {
                Some(true) => ctx.t("followup-joint-favourable"),
                Some(false) => ctx.t("followup-joint-unfavourable"),
                None => "—".into(),
            },
            title: r.title,
        })
        .collect();
    sort.apply(&mut rows, FundedLine::key, |r| r.id);
    let url = paths::CommissionsFollowup::url(id);
    let headers = sort.headers(ctx, &url, "", &COLUMNS);
    let overdue = v
        .overdue
        .into_iter()
        .map(|(f, title, start, due)| {
            (
                f,
                l.t_args(
                    "followup-overdue-line",
                    &[
                        ("title", title.into()),
                        ("start", format_iso_date(&start, l).into()),
                        ("due", format_civil_date(due, l).into()),
                    ],
                ),
            )
        })
        .collect();
    let calendars = v
        .calendars
        .into_iter()
        .map(|(r, applied)| (r.id, describe(&r, &all, l), applied))
        .collect();
    let page = CommissionPage {
        title: l.t1(
            "followup-commission-title",
            "ordinal",
            commission.ordinal(l),
        ),
        rows,
        headers,
        campaign: campaign.map(|c| {
            l.t1(
                "followup-campaign-open",
                "due",
                format_iso_date(&c.due_on, l),
            )
        }),
        overdue,
        calendars,
        can_export_iati: v.can_export_iati,
        can_open_campaign: v.can_open_campaign,
        notice: notice.map(|k| ctx.t(k)),
        id,
        ctx: ctx.clone(),
    };
    Ok(render_status(status, &page))
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsFollowup {
        id: CommissionId(id),
    }: paths::CommissionsFollowup,
    axum::extract::Query(q): axum::extract::Query<SortQuery>,
) -> AppResult<Response> {
    page(&s, &ctx, id, &q.sort(), None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CampaignForm {
    due_on: String,
}

pub async fn open_campaign(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsMidterm {
        id: CommissionId(id),
    }: paths::CommissionsMidterm,
    Form(f): Form<CampaignForm>,
) -> AppResult<Response> {
    let r = midterm::open_campaign(
        &s.db,
        &s.settings.public_url,
        ctx.require_user()?,
        id,
        f.due_on.trim(),
    )
    .await;
    let sort = SortQuery::default().sort();
    match r {
        Ok(_) => Ok(see_other(
            &paths::CommissionsFollowup {
                id: crate::ids::CommissionId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(_)) => {
            page(
                &s,
                &ctx,
                id,
                &sort,
                Some("decisions-error-date"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(k)) => {
            page(&s, &ctx, id, &sort, Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "followup/calendar.html")]
pub struct CalendarPage {
    pub ctx: Ctx,
    pub id: i64,
    pub commission_id: i64,
    pub description: String,
    /// (funded id, title, old end, new end)
    pub rows: Vec<(i64, String, String, String)>,
    pub applied: bool,
    pub can_apply: bool,
    pub notice: Option<String>,
}

async fn calendar_page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<&str>,
    status: StatusCode,
) -> AppResult<Response> {
    let l = ctx.locale;
    let reads::CalendarPage {
        preview: p,
        commission_id,
        commissions: all,
        can_apply,
    } = reads::calendar_page(&s.db, ctx.require_user()?, id).await?;
    let page = CalendarPage {
        description: describe(&p.resolution, &all, l),
        rows: p
            .rows
            .iter()
            .map(|(f, t, old, new)| {
                (
                    *f,
                    t.clone(),
                    format_civil_date(*old, l),
                    format_civil_date(*new, l),
                )
            })
            .collect(),
        applied: p.resolution.applied_at.is_some(),
        can_apply,
        notice: notice.map(|k| ctx.t(k)),
        commission_id,
        id,
        ctx: ctx.clone(),
    };
    Ok(render_status(status, &page))
}

pub async fn preview(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ResolutionsCalendar {
        id: ResolutionId(id),
    }: paths::ResolutionsCalendar,
) -> AppResult<Response> {
    calendar_page(&s, &ctx, id, None, StatusCode::OK).await
}

pub async fn apply(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ResolutionsCalendar {
        id: ResolutionId(id),
    }: paths::ResolutionsCalendar,
) -> AppResult<Response> {
    match calendar::apply(&s.db, &s.settings.public_url, ctx.require_user()?, id).await {
        Ok(_) => {
            calendar_page(
                &s,
                &ctx,
                id,
                Some("followup-calendar-applied"),
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::Conflict(k)) => {
            calendar_page(&s, &ctx, id, Some(&k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

fn download(content_type: &str, name: String, body: String) -> Response {
    use axum::{http::header, response::IntoResponse};
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsFundedCsv {
        id: CommissionId(id),
    }: paths::CommissionsFundedCsv,
) -> AppResult<Response> {
    let sheet = super::exports::sheet(&s.db, ctx.require_user()?, id, ctx.locale).await?;
    crate::sheet::download(
        &sheet,
        &format!("funded-projects-{id}"),
        crate::sheet::SheetFile::Csv,
        ctx.locale,
    )
}

pub async fn xlsx(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsFundedXlsx {
        id: CommissionId(id),
    }: paths::CommissionsFundedXlsx,
) -> AppResult<Response> {
    let sheet = super::exports::sheet(&s.db, ctx.require_user()?, id, ctx.locale).await?;
    crate::sheet::download(
        &sheet,
        &format!("funded-projects-{id}"),
        crate::sheet::SheetFile::Xlsx,
        ctx.locale,
    )
}

pub async fn iati(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CommissionsIatiXml {
        id: CommissionId(id),
    }: paths::CommissionsIatiXml,
) -> AppResult<Response> {
    let body = super::exports::iati(&s.db, ctx.require_user()?, id).await?;
    Ok(download(
        "application/xml; charset=utf-8",
        format!("iati-activities-{id}.xml"),
        body,
    ))
}
