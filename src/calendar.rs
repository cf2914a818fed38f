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

/// The longest meeting link.
pub const MAX_URL: usize = 500;

/// A meeting link as sessions (the commission's, the Grands Rendez-vous') accept it: `https`,
/// a host, no spaces, control characters or characters that would break out of an attribute.
pub fn meeting_url_ok(url: &str) -> bool {
    url.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && url.len() <= MAX_URL
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\''))
}

/// A calendar file as a download, kept by no shared cache (it carries meeting links).
pub fn response(body: String, filename: &str) -> axum::response::Response {
    use axum::{http::header, response::IntoResponse};
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::meeting_url_ok;

    #[test]
    fn a_meeting_link_is_an_https_address_with_a_host_and_nothing_that_breaks_out() {
        assert!(meeting_url_ok("https://meet.example.org/grv?pwd=x"));
        for bad in [
            "http://meet.example.org",
            "https://",
            "https:///x",
            "https://meet.example.org/a b",
            "https://x.org/\"onload=\"",
            "javascript:alert(1)",
        ] {
            assert!(!meeting_url_ok(bad), "{bad}");
        }
    }
}
