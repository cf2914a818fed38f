//! Funded projects and their term. Pure.

use jiff::{Timestamp, ToSpan, civil::Date, tz::TimeZone};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundedProject {
    pub id: i64,
    pub project_id: i64,
    pub decision_id: i64,
    pub commission_id: i64,
    pub state: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
