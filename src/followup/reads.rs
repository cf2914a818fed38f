//! The read actions of follow-up pages: each opens one read transaction and returns everything
//! its page shows, loaded with a fixed number of set-based statements.

use jiff::civil::Date;

use super::{
    actions::{FundedView, load},
    calendar::{self, Preview},
    closing,
    extensions::{self, ExtensionLine},
    midterm::{self, Campaign, FundedRow, Midterm},
    missions,
    model::today_in,
};
use crate::{
    commissions::{self, Commission},
    db::Db,
    decisions::model::Resolution,
    error::AppResult,
    users::{Role, Viewer},
};

/// A commission's follow-up page.
pub struct CommissionFollowup {
    pub commission: Commission,
    /// Every commission (a new calendar names the one it was decided for).
    pub commissions: Vec<Commission>,
    pub campaign: Option<Campaign>,
    pub rows: Vec<FundedRow>,
    /// (funded, title, mission start, report due)
    pub overdue: Vec<(i64, String, String, Date)>,
    /// Decided new calendars: (resolution, applied).
    pub calendars: Vec<(Resolution, bool)>,
    pub can_export_iati: bool,
    pub can_open_campaign: bool,
}

pub async fn commission_followup(
    db: &Db,
    user: &Viewer,
    commission: i64,
) -> AppResult<CommissionFollowup> {
    let mut tx = db.read().await?;
    let (campaign, rows) = midterm::overview_in(&mut tx, user, commission).await?;
    let today = today_in(&user.time_zone);
    let overdue = missions::overdue_reports_in(&mut tx, user, commission, today).await?;
    let calendars = calendar::of_commission_in(&mut tx, commission).await?;
    let officer = user.has_role(Role::Officer);
    Ok(CommissionFollowup {
        commission: commissions::actions::get(&mut tx, commission).await?,
        commissions: commissions::actions::list_all_in(&mut tx).await?,
        campaign,
        rows,
        overdue,
        calendars,
        can_export_iati: officer,
        can_open_campaign: officer,
    })
}

/// A decided new calendar's preview (or, once applied, what it changed).
pub struct CalendarPage {
    pub preview: Preview,
    pub commission_id: i64,
    pub commissions: Vec<Commission>,
    pub can_apply: bool,
}

pub async fn calendar_page(db: &Db, user: &Viewer, resolution: i64) -> AppResult<CalendarPage> {
    let mut tx = db.read().await?;
    let preview = calendar::preview_in(&mut tx, user, resolution).await?;
    let commission_id = commissions::actions::session_in(&mut tx, preview.session_id)
        .await?
        .0
        .commission_id;
    Ok(CalendarPage {
        can_apply: preview.resolution.applied_at.is_none() && user.has_role(Role::Officer),
        commissions: commissions::actions::list_all_in(&mut tx).await?,
        commission_id,
        preview,
    })
}

/// A funded project's page: the project, its mid-term review, final report and extensions.
pub struct FundedPage {
    pub view: FundedView,
    pub commission: Commission,
    pub midterm: Option<Midterm>,
    /// (text, sides that approved it)
    pub final_report: Option<(String, Vec<i64>)>,
    pub extensions: Vec<ExtensionLine>,
}

pub async fn funded_page(db: &Db, user: &Viewer, id: i64) -> AppResult<FundedPage> {
    let mut tx = db.read().await?;
    let view = load(&mut tx, user, id).await?;
    Ok(FundedPage {
        midterm: midterm::midterm_in(&mut tx, &view).await?,
        final_report: closing::final_report_in(&mut tx, &view).await?,
        extensions: extensions::of_project_in(&mut tx, &view).await?,
        commission: commissions::actions::get(&mut tx, view.funded.commission_id).await?,
        view,
    })
}
