//! The follow-up work waiting for a side's officers, for their workspace: extensions, final
//! reports, terminations and mission changes waiting for the side's approval, activity reports
//! overdue. A fixed number of statements.

use jiff::civil::Date;

use super::{model, store};
use crate::{db::Tx, error::AppResult};

/// Something about a funded project that waits for the reader's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Awaiting {
    Extension,
    FinalReport,
    Termination,
    MissionChange,
}

impl Awaiting {
    fn parse(s: &str) -> Option<Awaiting> {
        Some(match s {
            "extension" => Awaiting::Extension,
            "final_report" => Awaiting::FinalReport,
            "termination" => Awaiting::Termination,
            "mission_change" => Awaiting::MissionChange,
            _ => return None,
        })
    }
    /// Fluent key of what waits.
    pub fn key(self) -> &'static str {
        match self {
            Awaiting::Extension => "workspace-await-extension",
            Awaiting::FinalReport => "workspace-await-final-report",
            Awaiting::Termination => "workspace-await-termination",
            Awaiting::MissionChange => "workspace-await-mission-change",
        }
    }
}

pub struct FundedAwaiting {
    pub what: Awaiting,
    pub funded_id: i64,
    pub title: String,
}

/// A funded project whose activity reports are overdue.
pub struct Overdue {
    pub funded_id: i64,
    pub title: String,
    pub reports: usize,
    /// The oldest missing report's due date.
    pub since: Date,
}

pub struct FollowupTasks {
    pub awaiting: Vec<FundedAwaiting>,
    pub overdue: Vec<Overdue>,
}

/// The follow-up work of `side` today in `zone` (the reader's, as their dashboard counts it).
pub async fn tasks_in(tx: &mut Tx, side: i64, zone: &str) -> AppResult<FollowupTasks> {
    let today = model::today_in(zone, tx.now_ms());
    let awaiting = store::approvals_awaiting(tx, side)
        .await?
        .into_iter()
        .map(|(kind, funded_id, title)| {
            Ok(FundedAwaiting {
                what: Awaiting::parse(&kind)
                    .ok_or_else(|| crate::db::unknown("awaited act", &kind))?,
                funded_id,
                title,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let running = store::running_of_side(tx, side).await?;
    let ids: Vec<i64> = running.iter().map(|(id, _)| *id).collect();
    let missions = store::missions_of(tx, &ids).await?;
    let overdue = running
        .into_iter()
        .filter_map(|(funded_id, title)| {
            let due: Vec<Date> = missions
                .iter()
                .filter(|(f, m)| *f == funded_id && m.report.is_none())
                .filter_map(|(_, m)| model::report_due(m))
                .filter(|d| *d < today)
                .collect();
            Some(Overdue {
                funded_id,
                title,
                reports: due.len(),
                since: *due.iter().min()?,
            })
        })
        .collect();
    Ok(FollowupTasks { awaiting, overdue })
}

/// The funded project of each of these projects that has one: (project, funded).
pub async fn funded_of_projects_in(tx: &mut Tx, projects: &[i64]) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::funded_of_projects(tx, projects).await?)
}
