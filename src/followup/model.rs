//! Funded projects, their term, missions and their cost per side, the mid-term rule and new
//! calendars. Pure.

use jiff::{Timestamp, ToSpan, civil::Date, tz::TimeZone};

pub use crate::evaluations::model::Reminder;
use crate::{
    calls::Call,
    decisions::model::CalendarChange,
    projects::model::{Mission, budget},
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundedProject {
    pub id: i64,
    pub project_id: i64,
    pub decision_id: i64,
    pub commission_id: i64,
    pub state: FundedState,
    pub starts_on: Date,
    pub ends_on: Date,
}

/// When the application gives no duration, a project runs for the CMP's biennium.
pub const DEFAULT_MONTHS: i64 = 24;

/// A selected project starts on the first day of the month after the session (in the session's
/// zone) and runs for its duration in months: 18 June 2019 + 24 months → 1 July 2019 to
/// 30 June 2021.
pub fn term(session_ms: i64, zone: &str, duration_months: Option<i64>) -> Option<(Date, Date)> {
    let tz = TimeZone::get(zone).ok()?;
    let day = Timestamp::from_millisecond(session_ms)
        .ok()?
        .to_zoned_datetime(tz)
        .date();
    let start = day.first_of_month().checked_add(1.month()).ok()?;
    let months = duration_months.filter(|m| *m > 0).unwrap_or(DEFAULT_MONTHS);
    let end = start
        .checked_add(months.months())
        .ok()?
        .checked_sub(1.day())
        .ok()?;
    Some((start, end))
}

macro_rules! status_enum {
    ($name:ident, $prefix:ident, $($variant:ident => $text:literal),+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s)
            }
            /// The Fluent key of its label.
            pub fn key(self) -> String {
                format!(
                    "followup-{}-{}",
                    stringify!($prefix),
                    self.as_str().replace('_', "-")
                )
            }
        }
    };
}

status_enum!(ObjectiveStatus, objective,
    Planned => "planned", InProgress => "in_progress", Achieved => "achieved", Dropped => "dropped");
status_enum!(MissionStatus, mission,
    Planned => "planned", Done => "done", Cancelled => "cancelled", Online => "online");
status_enum!(FundedState, state,
    Active => "active", MidtermReviewed => "midterm_reviewed", Rescheduled => "rescheduled",
    FinalReportDue => "final_report_due", Completed => "completed", Closed => "closed",
    Terminated => "terminated");

impl FundedState {
    /// Still running: a new calendar may move its end.
    pub fn is_running(self) -> bool {
        matches!(
            self,
            FundedState::Active | FundedState::MidtermReviewed | FundedState::Rescheduled
        )
    }
}

/// A commission's mid-term campaign (mi-étape).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Campaign {
    pub id: i64,
    /// The mid-term session where the results are shared, if one is planned.
    pub session_id: Option<i64>,
    /// When progress reports are due (ISO date).
    pub due_on: String,
}

/// One change of a funded project's end date, oldest first in its history.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct TermChangeLine {
    pub funded_id: i64,
    pub old_ends_on: String,
    pub new_ends_on: String,
    /// The resolution that decided it (a new calendar), if any.
    pub resolution_id: Option<i64>,
    pub reason: String,
    pub applied_at: i64,
}

/// A mission of a funded project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundedMission {
    pub id: i64,
    pub mission: Mission,
    pub status: MissionStatus,
    pub report: Option<String>,
    /// (side, amount actually spent in its currency)
    pub spending: Vec<(i64, i64)>,
}

/// What a mission costs each side under the call's funding rule and caps (rule 6): nothing once
/// cancelled or held online (no one travels). (side, minor units of its currency.)
pub fn mission_cost(call: &Call, m: &FundedMission) -> Vec<(i64, i64)> {
    let travels = matches!(m.status, MissionStatus::Planned | MissionStatus::Done);
    budget(call, std::slice::from_ref(&m.mission))
        .into_iter()
        .map(|b| (b.side_id, if travels { b.travel + b.stay } else { 0 }))
        .collect()
}

/// A side's money on one project, in its own currency: committed ([`committed`]) and actually
/// spent. Never summed across sides (rule 7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideMoney {
    pub side_id: i64,
    pub currency: String,
    pub committed: i64,
    pub spent: i64,
    /// Whether some project year's missions exceed the yearly cap (the excess is not committed).
    pub capped: bool,
}

/// What one side put into a project, as [`side_money`] needs it: the amount its session
/// decided (none for a project selected before amounts were recorded) and whether it released
/// year 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideFunding {
    pub decided: Option<i64>,
    pub year2_released: bool,
}

/// The one definition of committed money (issue 11), used by the project page, the
/// dashboards, the CSV export and IATI: a side commits, for each project year it has released
/// — the first always, the second and later once it released year 2 —, the cost of that
/// year's missions under the funding rule, capped at the call's yearly cap; never more than
/// what its session decided for the project.
pub fn committed(per_year: &[i64], cap_per_year: i64, funding: SideFunding) -> i64 {
    let planned = crate::money::sum(
        per_year
            .iter()
            .enumerate()
            .filter(|(year, _)| *year == 0 || funding.year2_released)
            .map(|(_, cost)| (*cost).min(cap_per_year)),
    );
    match funding.decided {
        Some(decided) => planned.min(decided),
        None => planned,
    }
}

/// Each side's money on a project that started on `start`: its missions' costs by project
/// year (12 months from the start), committed per [`committed`], and what was spent.
pub fn side_money(
    call: &Call,
    start: Date,
    missions: &[FundedMission],
    funding: &[(i64, SideFunding)],
) -> Vec<SideMoney> {
    call.sides
        .iter()
        .map(|s| {
            let mut per_year: Vec<i64> = Vec::new();
            let mut spent = 0;
            for m in missions {
                let year = m
                    .mission
                    .starts_on
                    .parse::<Date>()
                    .ok()
                    .and_then(|d| start.until((jiff::Unit::Month, d)).ok())
                    .map(|span| {
                        let months = span.get_years() as i64 * 12 + span.get_months() as i64;
                        (months.max(0) / 12) as usize
                    })
                    .unwrap_or(0);
                if per_year.len() <= year {
                    per_year.resize(year + 1, 0);
                }
                let cost = mission_cost(call, m)
                    .iter()
                    .find(|(side, _)| *side == s.side_id)
                    .map_or(0, |(_, c)| *c);
                per_year[year] = crate::money::add(per_year[year], cost);
                let paid = m
                    .spending
                    .iter()
                    .find(|(side, _)| *side == s.side_id)
                    .map_or(0, |(_, a)| *a);
                spent = crate::money::add(spent, paid);
            }
            let f = funding
                .iter()
                .find(|(side, _)| *side == s.side_id)
                .map(|(_, f)| *f)
                .unwrap_or_default();
            SideMoney {
                side_id: s.side_id,
                currency: s.currency.clone(),
                committed: committed(&per_year, s.cap_per_year, f),
                spent,
                capped: per_year.iter().any(|y| *y > s.cap_per_year),
            }
        })
        .collect()
}

/// Today's date in `zone` (the server clock decides; the zone says which day it is).
pub fn today_in(zone: &str, now_ms: i64) -> Date {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    Timestamp::from_millisecond(now_ms)
        .map(|t| t.to_zoned_datetime(tz).date())
        .unwrap_or(Date::MIN)
}

/// Activity reports are due this many days after a mission ends (rule 10).
pub const REPORT_DAYS: i64 = 30;

/// When a mission's activity report is due: for missions done or held online, 30 days after
/// they end.
pub fn report_due(m: &FundedMission) -> Option<Date> {
    if !matches!(m.status, MissionStatus::Done | MissionStatus::Online) {
        return None;
    }
    let start: Date = m.mission.starts_on.parse().ok()?;
    start
        .checked_add((m.mission.days - 1 + REPORT_DAYS).days())
        .ok()
}

/// Activity-report reminders start this many days before the report is due.
pub const REPORT_REMINDER_DAYS: i64 = 7;

/// The reminder a mission's missing activity report needs on `today`, with its due date: one a
/// week before, one once overdue.
pub fn reminder_kind_for_report(
    m: &FundedMission,
    today: Date,
    sent: &[Reminder],
) -> Option<(Reminder, Date)> {
    if m.report.is_some() {
        return None;
    }
    let due = report_due(m)?;
    let kind = if today > due {
        Reminder::Overdue
    } else if today >= due.checked_sub(REPORT_REMINDER_DAYS.days()).ok()? {
        Reminder::DueSoon
    } else {
        return None;
    };
    (!sent.contains(&kind)).then_some((kind, due))
}

/// Final reports are due three months after a project ends (rule 10).
pub const FINAL_REPORT_MONTHS: i64 = 3;

/// When a project's final report is due.
pub fn final_report_due(ends_on: Date) -> Option<Date> {
    ends_on.checked_add(FINAL_REPORT_MONTHS.months()).ok()
}

/// A final report is late once its due date has passed without one.
pub fn final_report_late(ends_on: Date, filed: bool, today: Date) -> bool {
    !filed && final_report_due(ends_on).is_some_and(|due| today > due)
}

/// The joint mid-term opinion (rule 8): favourable only when every side's is; `None` until
/// every side has given one.
pub fn joint_opinion(opinions: &[(i64, bool)], sides: &[i64]) -> Option<bool> {
    let mut all = true;
    for s in sides {
        all &= opinions.iter().find(|(side, _)| side == s)?.1;
    }
    (!sides.is_empty()).then_some(all)
}

/// The end date a new calendar gives a project (rule 9).
pub fn new_end(old: Date, change: &CalendarChange) -> Option<Date> {
    match change {
        CalendarChange::ByMonths(m) => old.checked_add(m.months()).ok(),
        CalendarChange::To(d) => d.parse().ok(),
    }
}

/// What an approving officer sees of an extension: its new end date and reason.
pub fn extension_fingerprint(id: i64, new_end: &str, reason: &str) -> crate::db::Fingerprint {
    crate::db::Fingerprint::of(&serde_json::json!({
        "extension": id,
        "new_end": new_end,
        "reason": reason,
    }))
}

/// What an approving officer sees of a final report: its text.
pub fn final_report_fingerprint(funded: i64, report: &str) -> crate::db::Fingerprint {
    crate::db::Fingerprint::of(&serde_json::json!({"final_report": funded, "report": report}))
}

/// What a side releasing year 2 relies on: each side's mid-term opinion.
/// How a mission changes after selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissionChangeKind {
    Add,
    Move,
    Cancel,
}

impl MissionChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MissionChangeKind::Add => "add",
            MissionChangeKind::Move => "move",
            MissionChangeKind::Cancel => "cancel",
        }
    }
    pub fn parse(s: &str) -> Option<MissionChangeKind> {
        [
            MissionChangeKind::Add,
            MissionChangeKind::Move,
            MissionChangeKind::Cancel,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A mission added, moved or cancelled after selection: applied once every side approved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissionChange {
    pub id: i64,
    pub kind: MissionChangeKind,
    /// The mission moved or cancelled (none for an addition).
    pub mission_id: Option<i64>,
    /// The mission as it will be (for a cancellation: as it was).
    pub mission: crate::projects::Mission,
    pub decided_at: Option<i64>,
}

impl MissionChange {
    /// What each side approves: the change as proposed.
    pub fn fingerprint(&self) -> crate::db::Fingerprint {
        let m = &self.mission;
        crate::db::Fingerprint::of(&serde_json::json!({
            "change": self.id, "kind": self.kind.as_str(), "mission": self.mission_id,
            "from": m.from_side_id, "to": m.to_side_id, "travellers": m.travellers,
            "starts_on": m.starts_on, "days": m.days, "purpose": m.purpose,
        }))
    }
}

/// What each side approves when ending a project early: the project and the reason.
pub fn termination_fingerprint(funded: i64, reason: &str) -> crate::db::Fingerprint {
    crate::db::Fingerprint::of(&serde_json::json!({"terminate": funded, "reason": reason}))
}

pub fn year2_fingerprint(funded: i64, opinions: &[(i64, bool)]) -> crate::db::Fingerprint {
    crate::db::Fingerprint::of(&serde_json::json!({"year2": funded, "opinions": opinions}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn committed_counts_released_years_within_the_yearly_cap_and_the_decided_amount() {
        let decided = |d| SideFunding {
            decided: Some(d),
            year2_released: false,
        };
        // Year 1 capped at 1 000, year 2 not released: 1 000.
        assert_eq!(committed(&[1500, 800], 1000, decided(5000)), 1000);
        // Year 2 released: 1 000 + 800.
        let released = SideFunding {
            year2_released: true,
            ..decided(5000)
        };
        assert_eq!(committed(&[1500, 800], 1000, released), 1800);
        // Never more than the session decided.
        assert_eq!(
            committed(
                &[1500, 800],
                1000,
                SideFunding {
                    decided: Some(1200),
                    ..released
                }
            ),
            1200
        );
        // No decided amount recorded: the capped costs.
        assert_eq!(committed(&[300], 1000, SideFunding::default()), 300);
    }

    #[test]
    fn a_new_calendar_moves_end_dates_by_months_or_to_a_date() {
        let c = CalendarChange::ByMonths(12);
        assert_eq!(new_end(date(2021, 6, 30), &c), Some(date(2022, 6, 30)));
        // Month ends stay valid.
        assert_eq!(new_end(date(2020, 2, 29), &c), Some(date(2021, 2, 28)));
        let to = CalendarChange::To("2022-12-31".into());
        assert_eq!(new_end(date(2021, 6, 30), &to), Some(date(2022, 12, 31)));
    }

    #[test]
    fn a_final_report_is_late_three_months_after_the_end() {
        let end = date(2021, 6, 30);
        assert_eq!(final_report_due(end), Some(date(2021, 9, 30)));
        assert!(!final_report_late(end, false, date(2021, 9, 30)));
        assert!(final_report_late(end, false, date(2021, 10, 1)));
        assert!(!final_report_late(end, true, date(2022, 1, 1)));
    }

    #[test]
    fn year_two_needs_every_sides_favourable_opinion() {
        assert_eq!(joint_opinion(&[(1, true)], &[1, 2]), None);
        assert_eq!(
            joint_opinion(&[(1, true), (2, false)], &[1, 2]),
            Some(false)
        );
        assert_eq!(joint_opinion(&[(2, true), (1, true)], &[1, 2]), Some(true));
    }

    #[test]
    fn a_project_selected_in_june_starts_in_july_and_runs_its_duration() {
        // 18 June 2019, 09:30 in Brussels.
        let ms = 1_560_843_000_000;
        assert_eq!(
            term(ms, "Europe/Brussels", Some(24)),
            Some((date(2019, 7, 1), date(2021, 6, 30)))
        );
        assert_eq!(
            term(ms, "Europe/Brussels", None),
            Some((date(2019, 7, 1), date(2021, 6, 30)))
        );
        assert_eq!(
            term(ms, "Europe/Brussels", Some(18)),
            Some((date(2019, 7, 1), date(2020, 12, 31)))
        );
    }

    #[test]
    fn the_session_day_is_taken_in_the_session_zone() {
        // 31 December 2019, 23:30 in Toronto is already 1 January 2020 in UTC.
        let ms = 1_577_853_000_000;
        assert_eq!(
            term(ms, "America/Toronto", Some(12)).map(|t| t.0),
            Some(date(2020, 1, 1))
        );
        assert_eq!(
            term(ms, "UTC", Some(12)).map(|t| t.0),
            Some(date(2020, 2, 1))
        );
    }
}
