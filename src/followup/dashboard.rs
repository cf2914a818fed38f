//! A commission's dashboard: funded projects by state and by theme, missions by status, each
//! side's money in its own currency (committed and spent; never summed across sides), overdue
//! activity reports and late final reports.

use super::{
    actions::{load, of_commission},
    model::{MissionStatus, final_report_late, report_due, today_in},
    store,
};
use crate::{
    commissions::{self, Theme},
    db::Db,
    decisions,
    error::AppResult,
    programmes::Side,
    users::CurrentUser,
};

pub struct Dashboard {
    /// (state, projects), in lifecycle order, only states that occur.
    pub by_state: Vec<(String, i64)>,
    pub by_theme: Vec<(Theme, i64)>,
    pub missions: Vec<(MissionStatus, i64)>,
    /// (side, committed, spent), each in the side's currency.
    pub money: Vec<(Side, i64, i64)>,
    pub overdue_reports: i64,
    pub late_final_reports: i64,
}

const STATES: [&str; 7] = [
    "active",
    "midterm_reviewed",
    "rescheduled",
    "final_report_due",
    "completed",
    "closed",
    "terminated",
];

pub async fn dashboard(db: &Db, user: &CurrentUser, commission: i64) -> AppResult<Dashboard> {
    let funded = of_commission(db, user, commission).await?;
    let mut tx = db.read().await?;
    let themes = commissions::actions::themes_of(&mut tx, commission).await?;
    let today = today_in(&user.time_zone);
    let mut d = Dashboard {
        by_state: Vec::new(),
        by_theme: themes.iter().map(|t| (t.clone(), 0)).collect(),
        missions: MissionStatus::ALL.iter().map(|s| (*s, 0)).collect(),
        money: Vec::new(),
        overdue_reports: 0,
        late_final_reports: 0,
    };
    let mut states = [0i64; STATES.len()];
    for (f, _) in &funded {
        let v = load(&mut tx, user, f.id).await?;
        if let Some(i) = STATES.iter().position(|s| *s == f.state) {
            states[i] += 1;
        }
        for (t, n) in d.by_theme.iter_mut() {
            if v.project.theme_ids.contains(&t.id) {
                *n += 1;
            }
        }
        for m in &v.missions {
            if let Some(row) = d.missions.iter_mut().find(|(s, _)| *s == m.status) {
                row.1 += 1;
            }
            if m.report.is_none() && report_due(m).is_some_and(|due| due < today) {
                d.overdue_reports += 1;
            }
        }
        let filed = store::final_report(&mut tx, f.id).await?.is_some();
        if final_report_late(f.ends_on, filed, today) {
            d.late_final_reports += 1;
        }
        let amounts = decisions::actions::amounts_in(&mut tx, f.decision_id).await?;
        for s in &v.sides {
            let committed = amounts
                .iter()
                .find(|(id, _)| *id == s.id)
                .map_or(0, |a| a.1);
            let spent = v
                .money
                .iter()
                .find(|m| m.side_id == s.id)
                .map_or(0, |m| m.spent);
            match d.money.iter_mut().find(|(side, _, _)| side.id == s.id) {
                Some(row) => {
                    row.1 += committed;
                    row.2 += spent;
                }
                None => d.money.push((s.clone(), committed, spent)),
            }
        }
    }
    d.by_state = STATES
        .iter()
        .zip(states)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    Ok(d)
}
