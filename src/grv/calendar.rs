//! The programme's sessions as iCalendar (issue 14, item 4): one session's file, and a
//! participant's feed holding every session of their edition. Pure: sessions in, text out.

use icalendar::{Calendar, Component, Event, EventLike};

use super::{paths, sessions::Session};
use crate::{
    error::AppResult,
    i18n::{Locale, time_in_zone},
};

/// What the events say besides the sessions themselves.
pub struct Context<'a> {
    pub locale: Locale,
    /// The sides' zones: each event's description gives its time in each.
    pub zones: &'a [String],
    /// The site's public address, for links back to the session's page.
    pub base: &'a str,
    /// Translated labels of the session kinds, by kind key.
    pub kind_label: &'a dyn Fn(&Session) -> String,
}

fn event(s: &Session, c: &Context) -> AppResult<Event> {
    let mut e = Event::new();
    // One UID for the session's life; SEQUENCE grows when it is cancelled, so calendars
    // replace the event they hold instead of adding another.
    e.uid(&format!("grv-session-{}@passerelle", s.id))
        .sequence(u32::try_from(s.sequence).unwrap_or(0))
        .summary(&format!("{} — {}", (c.kind_label)(s), s.title(c.locale)))
        .starts(crate::calendar::utc(s.input.starts_at)?)
        .ends(crate::calendar::utc(s.ends_at())?)
        .location(&s.input.meeting_url)
        .url(&s.input.meeting_url);
    if s.cancelled_at.is_some() {
        e.status(icalendar::EventStatus::Cancelled);
    }
    let times: Vec<String> = c
        .zones
        .iter()
        .map(|z| time_in_zone(s.input.starts_at, z, c.locale))
        .collect();
    e.description(&format!(
        "{}\n{}{}",
        times.join("\n"),
        c.base,
        paths::GrvSessions::url(s.id)
    ));
    Ok(e.done())
}

/// One session's calendar file.
pub fn session_file(s: &Session, c: &Context) -> AppResult<String> {
    let mut cal = Calendar::new();
    cal.push(event(s, c)?);
    Ok(crate::calendar::finish(cal.done(), "Grands Rendez-vous"))
}

/// A participant's feed: every session of the programme, cancelled ones marked so (a calendar
/// that held them drops them), under the edition's name.
pub fn feed(name: &str, sessions: &[Session], c: &Context) -> AppResult<String> {
    let mut cal = Calendar::new();
    cal.name(name);
    for s in sessions {
        // One event the calendar cannot hold must not take the others with it.
        match event(s, c) {
            Ok(e) => {
                cal.push(e);
            }
            Err(e) => tracing::warn!(session = s.id, error = %e, "session left out of a feed"),
        }
    }
    Ok(crate::calendar::finish(cal.done(), "Grands Rendez-vous"))
}
