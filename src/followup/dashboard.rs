//! A commission's dashboard: funded projects by state and by theme, missions by status, each
//! side's money in its own currency (committed and spent; never summed across sides), overdue
//! activity reports and late final reports.

use super::{
    actions::commission_views,
    model::{MissionStatus, final_report_late, report_due, today_in},
    store,
};
use crate::{
    commissions::{self, Commission, Theme},
    db::{Db, Tx},
    error::AppResult,
    i18n::Localized,
    programmes::{self, Side},
    users::Viewer,
};

pub struct Dashboard {
    /// Whose dashboard: a commission's, or a programme's (named in its languages).
    pub commission: Option<Commission>,
    pub programme_name: Option<Localized>,
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

pub async fn dashboard(db: &Db, user: &Viewer, commission: i64) -> AppResult<Dashboard> {
    let mut tx = db.read().await?;
    dashboard_in(&mut tx, user, commission).await
}

async fn dashboard_in(tx: &mut Tx, user: &Viewer, commission: i64) -> AppResult<Dashboard> {
    let views = commission_views(tx, user, commission).await?;
    let ids: Vec<i64> = views.iter().map(|v| v.funded.id).collect();
    let with_report = store::with_final_report(tx, &ids).await?;
    let themes = commissions::actions::themes_of(tx, commission).await?;
    let today = today_in(&user.time_zone, tx.now_ms());
    let mut d = Dashboard {
        commission: Some(commissions::actions::get(tx, commission).await?),
        programme_name: None,
        by_state: Vec::new(),
        by_theme: themes.iter().map(|t| (t.clone(), 0)).collect(),
        missions: MissionStatus::ALL.iter().map(|s| (*s, 0)).collect(),
        money: Vec::new(),
        overdue_reports: 0,
        late_final_reports: 0,
    };
    let mut states = [0i64; STATES.len()];
    for v in &views {
        let f = &v.funded;
        if let Some(i) = STATES.iter().position(|s| *s == f.state.as_str()) {
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
        let filed = with_report.contains(&f.id);
        if final_report_late(f.ends_on, filed, today) {
            d.late_final_reports += 1;
        }
        for s in &v.sides {
            // The one definition of committed money (`model::committed`), as on the project
            // page, the CSV and IATI.
            let money = v.money.iter().find(|m| m.side_id == s.id);
            let committed = money.map_or(0, |m| m.committed);
            let spent = money.map_or(0, |m| m.spent);
            match d.money.iter_mut().find(|(side, _, _)| side.id == s.id) {
                Some(row) => {
                    row.1 = crate::money::add(row.1, committed);
                    row.2 = crate::money::add(row.2, spent);
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

/// A programme's dashboard: every commission's, with states, missions and each side's money
/// added up (a side keeps one currency) and themes named with their commission.
pub async fn programme(db: &Db, user: &Viewer, programme: i64) -> AppResult<Dashboard> {
    let mut all = Dashboard {
        commission: None,
        programme_name: None,
        by_state: Vec::new(),
        by_theme: Vec::new(),
        missions: MissionStatus::ALL.iter().map(|s| (*s, 0)).collect(),
        money: Vec::new(),
        overdue_reports: 0,
        late_final_reports: 0,
    };
    let mut tx = db.read().await?;
    all.programme_name = Some(
        programmes::actions::list_programmes_in(&mut tx)
            .await?
            .into_iter()
            .find(|p| p.id == programme)
            .ok_or(crate::error::AppError::NotFound)?
            .name,
    );
    let mut commissions: Vec<_> = commissions::actions::list_all_in(&mut tx)
        .await?
        .into_iter()
        .filter(|c| c.programme_id == programme)
        .collect();
    if commissions.is_empty() {
        return Err(crate::error::AppError::NotFound);
    }
    commissions.sort_by_key(|c| c.number);
    for c in commissions {
        let d = dashboard_in(&mut tx, user, c.id).await?;
        for (st, n) in d.by_state {
            match all.by_state.iter_mut().find(|(s, _)| *s == st) {
                Some(row) => row.1 += n,
                None => all.by_state.push((st, n)),
            }
        }
        for (t, n) in d.by_theme {
            let name = crate::i18n::Localized::new(
                format!("{} — {}", c.ordinal(crate::i18n::Locale::FrBe), t.name.fr),
                format!("{} — {}", c.ordinal(crate::i18n::Locale::En), t.name.en),
            );
            all.by_theme.push((Theme { name, ..t }, n));
        }
        for (st, n) in d.missions {
            if let Some(row) = all.missions.iter_mut().find(|(s, _)| *s == st) {
                row.1 += n;
            }
        }
        for (side, committed, spent) in d.money {
            match all.money.iter_mut().find(|(s, _, _)| s.id == side.id) {
                Some(row) => {
                    row.1 = crate::money::add(row.1, committed);
                    row.2 = crate::money::add(row.2, spent);
                }
                None => all.money.push((side, committed, spent)),
            }
        }
        all.overdue_reports += d.overdue_reports;
        all.late_final_reports += d.late_final_reports;
    }
    all.by_state
        .sort_by_key(|(s, _)| STATES.iter().position(|x| x == s).unwrap_or(STATES.len()));
    Ok(all)
}
