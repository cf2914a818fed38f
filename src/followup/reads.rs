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
    policy::{self, Facts, Perm},
};
use crate::{
    commissions::{self, Commission},
    db::{Db, Tx},
    decisions::model::Resolution,
    error::AppResult,
    programmes,
    users::Viewer,
};

/// Whether `user` manages the follow-up of this programme's commissions (its officers).
async fn manages(tx: &mut Tx, user: &Viewer, programme: i64) -> AppResult<bool> {
    let facts = Facts {
        sides: programmes::actions::sides_of(tx, programme)
            .await?
            .iter()
            .map(|s| s.id)
            .collect(),
        ..Default::default()
    };
    Ok(policy::can(user, Perm::ManageCommission, &facts))
}

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
    let today = today_in(&user.time_zone, tx.now_ms());
    let overdue = missions::overdue_reports_in(&mut tx, user, commission, today).await?;
    let calendars = calendar::of_commission_in(&mut tx, commission).await?;
    let commission = commissions::actions::get(&mut tx, commission).await?;
    let manages = manages(&mut tx, user, commission.programme_id).await?;
    Ok(CommissionFollowup {
        commission,
        commissions: commissions::actions::list_all_in(&mut tx).await?,
        campaign,
        rows,
        overdue,
        calendars,
        can_export_iati: manages,
        can_open_campaign: manages,
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
    let programme = commissions::actions::get(&mut tx, commission_id)
        .await?
        .programme_id;
    let manages = manages(&mut tx, user, programme).await?;
    Ok(CalendarPage {
        can_apply: preview.resolution.applied_at.is_none() && manages,
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
    pub can_report: bool,
    pub can_act_for_side: bool,
    pub can_release_year2: bool,
    pub can_approve_final_report: bool,
    pub can_close: bool,
    /// A proposal to end the project early, and whether the viewer may propose or approve it.
    pub termination: Option<super::termination::TerminationLine>,
    pub can_terminate: bool,
    /// Missions added, moved or cancelled after selection, pending or applied.
    pub mission_changes: Vec<super::mission_changes::ChangeLine>,
}

pub async fn funded_page(db: &Db, user: &Viewer, id: i64) -> AppResult<FundedPage> {
    let mut tx = db.read().await?;
    let view = load(&mut tx, user, id).await?;
    let midterm = midterm::midterm_in(&mut tx, &view).await?;
    let final_report = closing::final_report_in(&mut tx, &view).await?;
    let termination = super::termination::of_project_in(&mut tx, &view).await?;
    let facts = Facts {
        termination_approved_by: termination
            .as_ref()
            .map(|t| t.approved_by.clone())
            .unwrap_or_default(),
        joint_favourable: midterm.as_ref().and_then(|m| m.joint),
        year2_released: midterm
            .as_ref()
            .map(|m| m.year2_released.clone())
            .unwrap_or_default(),
        final_report_approved_by: final_report.as_ref().map(|(_, a)| a.clone()),
        ..view.facts()
    };
    let can = |perm| policy::can(user, perm, &facts);
    Ok(FundedPage {
        can_report: can(Perm::Report),
        can_act_for_side: can(Perm::ActForSide),
        can_release_year2: can(Perm::ReleaseYear2),
        can_approve_final_report: can(Perm::ApproveFinalReport),
        can_close: can(Perm::Close),
        can_terminate: can(Perm::Terminate),
        termination,
        mission_changes: super::mission_changes::of_project_in(&mut tx, &view).await?,
        extensions: extensions::of_project_in(&mut tx, &view).await?,
        commission: commissions::actions::get(&mut tx, view.funded.commission_id).await?,
        midterm,
        final_report,
        view,
    })
}
