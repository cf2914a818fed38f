//! iCalendar files (RFC 5545) for what the programme schedules: the commission's sessions and
//! the Grands Rendez-vous' programme. Times are written in UTC: the instant is what was stored,
//! and each calendar application shows it in its reader's zone, on either side of a change of
//! daylight saving time.

use crate::error::{AppError, AppResult};

/// An instant (unix milliseconds) as iCalendar's UTC date-time.
pub fn utc(ms: i64) -> AppResult<icalendar::CalendarDateTime> {
    let t = jiff::Timestamp::from_millisecond(ms).map_err(anyhow::Error::from)?;
    let dt = t.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    let naive =
        chrono::NaiveDate::from_ymd_opt(dt.year().into(), dt.month() as u32, dt.day() as u32)
            .and_then(|d| d.and_hms_opt(dt.hour() as u32, dt.minute() as u32, dt.second() as u32))
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("invalid calendar time")))?;
    Ok(icalendar::CalendarDateTime::Utc(naive.and_utc()))
}

/// The calendar as text, with our own product identifier rather than the library's.
pub fn finish(cal: icalendar::Calendar, product: &str) -> String {
    cal.to_string().replacen(
        "PRODID:ICALENDAR-RS",
        &format!("PRODID:-//Passerelle//{product}//FR"),
        1,
    )
}
