//! The programme a Grands Rendez-vous cohort follows (issue 14, item 4): its sessions, the
//! coaches' follow-up of each participant (notes, milestones) and attendance. Pure: what these
//! are and the rules their content obeys; no database, no HTTP.

use jiff::civil::Date;

use crate::{
    error::FieldErrors,
    i18n::{Locale, Localized},
    submissions::deadline::{self, LocalTimeError},
};

/// What a session of the programme is (the accelerator's pattern: a pitch day, workshops and
/// coaching over about twelve weeks, a demo day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Workshop,
    Coaching,
    PitchDay,
    DemoDay,
}

impl SessionKind {
    pub const ALL: [SessionKind; 4] = [
        SessionKind::PitchDay,
        SessionKind::Workshop,
        SessionKind::Coaching,
        SessionKind::DemoDay,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Workshop => "workshop",
            SessionKind::Coaching => "coaching",
            SessionKind::PitchDay => "pitch_day",
            SessionKind::DemoDay => "demo_day",
        }
    }
    pub fn parse(s: &str) -> Option<SessionKind> {
        SessionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("grv-session-{}", self.as_str().replace('_', "-"))
    }
}

/// A session as the officers set it up: held online, at an instant set in one side's zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionInput {
    pub kind: SessionKind,
    pub title: Localized,
    /// Unix milliseconds, UTC.
    pub starts_at: i64,
    /// The zone the time was typed in (one of the sides').
    pub time_zone: String,
    pub minutes: i64,
    pub meeting_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub edition_id: i64,
    pub input: SessionInput,
    /// Grows each time the session changes (the calendar's SEQUENCE).
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
}

impl Session {
    pub fn ends_at(&self) -> i64 {
        self.input.starts_at + self.input.minutes * 60_000
    }
    pub fn title(&self, l: Locale) -> &str {
        self.input.title.get(l)
    }
}

/// The shortest and longest session, in minutes.
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=720;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest note or milestone, in characters.
pub const MAX_NOTE: usize = 4000;

/// The raw text of the session form, checked into a [`SessionInput`] or errors at each field.
pub struct SessionForm<'a> {
    pub kind: &'a str,
    pub title_fr: &'a str,
    pub title_en: &'a str,
    pub starts_at: &'a str,
    pub zone: &'a str,
    pub minutes: &'a str,
    pub meeting_url: &'a str,
}

/// Rules of a session: a kind, a title in both languages, a time that exists once in the zone
/// it is typed in (one of the sides' zones; a time skipped or repeated by a change of daylight
/// saving time is refused, not guessed) and falls within `window` (the edition's dates, a year
/// either side: a mistyped year is caught, and every calendar can hold it), a length between a
/// quarter of an hour and twelve hours, and an `https` meeting link.
pub fn check(
    f: &SessionForm,
    zones: &[String],
    window: (i64, i64),
) -> Result<SessionInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let kind = SessionKind::parse(f.kind);
    if kind.is_none() {
        e.add("kind", "common-error-choice");
    }
    for (field, text) in [("title_fr", f.title_fr), ("title_en", f.title_en)] {
        if text.trim().is_empty() {
            e.add(field, "common-error-required");
        } else if text.chars().count() > MAX_TITLE {
            e.add(field, "common-error-too-long");
        }
    }
    let zone_ok = zones.iter().any(|z| z == f.zone);
    if !zone_ok {
        e.add("zone", "common-error-choice");
    }
    let starts_at = if f.starts_at.trim().is_empty() {
        e.add("starts_at", "common-error-required");
        None
    } else if zone_ok {
        match deadline::parse_local(f.starts_at, f.zone) {
            Ok(at) if (window.0..=window.1).contains(&at) => Some(at),
            Ok(_) => {
                e.add("starts_at", "grv-error-session-window");
                None
            }
            Err(err) => {
                e.add("starts_at", LocalTimeError::key(err));
                None
            }
        }
    } else {
        None
    };
    let minutes = f.minutes.trim().parse::<i64>().ok();
    if !minutes.is_some_and(|m| MINUTES.contains(&m)) {
        e.add("minutes", "grv-error-session-minutes");
    }
    let url = f.meeting_url.trim();
    if !crate::calendar::meeting_url_ok(url) {
        e.add("meeting_url", "sessions-error-link");
    }
    match (kind, starts_at, minutes) {
        (Some(kind), Some(starts_at), Some(minutes)) if e.is_empty() => Ok(SessionInput {
            kind,
            title: Localized::new(f.title_fr.trim(), f.title_en.trim()),
            starts_at,
            time_zone: f.zone.to_string(),
            minutes,
            meeting_url: url.to_string(),
        }),
        _ => Err(e),
    }
}

/// Whether a participant attended a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attendance {
    Present,
    Absent,
    /// Absent, having said so beforehand.
    Excused,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [Attendance::Present, Attendance::Excused, Attendance::Absent];
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }
    pub fn parse(s: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("grv-attendance-{}", self.as_str())
    }
}

/// A coach's note on a participant's progress, or a milestone set for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoachNote {
    pub id: i64,
    pub candidacy: i64,
    pub author: String,
    pub body: String,
    /// A milestone's due date; `None` for a note.
    pub due_on: Option<Date>,
    pub reached_at: Option<i64>,
    pub created_at: i64,
}

/// Rules of a note or milestone: some text, at most [`MAX_NOTE`] characters; a milestone has a
/// date, within the two years around today.
pub fn check_note(body: &str, milestone: bool, due_on: &str, today: Date) -> FieldErrors {
    let mut e = FieldErrors::default();
    if body.trim().is_empty() {
        e.add("body", "common-error-required");
    } else if body.chars().count() > MAX_NOTE {
        e.add("body", "common-error-too-long");
    }
    if milestone {
        match due_on.trim().parse::<Date>() {
            Ok(d) if (d - today).get_days().abs() <= 2 * 366 => {}
            Ok(_) => e.add("due_on", "grv-error-milestone-date"),
            Err(_) if due_on.trim().is_empty() => e.add("due_on", "common-error-required"),
            Err(_) => e.add("due_on", "grv-error-date"),
        }
    }
    e
}

/// The first session not yet over and not cancelled ("what is next").
pub fn next_session(sessions: &[Session], now: i64) -> Option<&Session> {
    sessions
        .iter()
        .filter(|s| s.cancelled_at.is_none() && s.ends_at() > now)
        .min_by_key(|s| s.input.starts_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>(starts_at: &'a str, zone: &'a str) -> SessionForm<'a> {
        SessionForm {
            kind: "workshop",
            title_fr: "Atelier",
            title_en: "Workshop",
            starts_at,
            zone,
            minutes: "90",
            meeting_url: "https://meet.example.org/grv",
        }
    }

    fn zones() -> Vec<String> {
        vec!["Europe/Brussels".into(), "America/Montreal".into()]
    }

    /// 2020 to 2022.
    const WINDOW: (i64, i64) = (1_577_836_800_000, 1_672_531_200_000);

    #[test]
    fn a_session_time_is_read_in_the_zone_it_is_typed_in_across_daylight_saving() {
        // 10:00 in Brussels is 09:00 UTC in winter (UTC+1) and 08:00 UTC in summer (UTC+2).
        let winter = check(
            &form("2021-03-27T10:00", "Europe/Brussels"),
            &zones(),
            WINDOW,
        )
        .unwrap();
        let summer = check(
            &form("2021-03-29T10:00", "Europe/Brussels"),
            &zones(),
            WINDOW,
        )
        .unwrap();
        assert_eq!(winter.starts_at, 1_616_835_600_000); // 2021-03-27T09:00Z
        assert_eq!(summer.starts_at, 1_617_004_800_000); // 2021-03-29T08:00Z
        // Montréal moved to summer time on 14 March: 10:00 there is 14:00 UTC after it.
        let m = check(
            &form("2021-03-15T10:00", "America/Montreal"),
            &zones(),
            WINDOW,
        )
        .unwrap();
        assert_eq!(m.starts_at, 1_615_816_800_000); // 2021-03-15T14:00Z
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_is_refused_not_guessed() {
        let e = check(
            &form("2021-03-28T02:30", "Europe/Brussels"),
            &zones(),
            WINDOW,
        )
        .unwrap_err();
        assert_eq!(e.get("starts_at"), Some("calls-error-datetime-gap"));
        let e = check(
            &form("2021-11-07T01:30", "America/Montreal"),
            &zones(),
            WINDOW,
        )
        .unwrap_err();
        assert_eq!(e.get("starts_at"), Some("calls-error-datetime-fold"));
    }

    #[test]
    fn a_session_needs_a_side_zone_a_sane_length_and_an_https_link() {
        let mut f = form("2021-03-15T10:00", "Asia/Tokyo");
        f.minutes = "5";
        f.meeting_url = "http://meet.example.org\" onload=\"x";
        let e = check(&f, &zones(), WINDOW).unwrap_err();
        assert_eq!(e.get("zone"), Some("common-error-choice"));
        assert_eq!(e.get("minutes"), Some("grv-error-session-minutes"));
        assert_eq!(e.get("meeting_url"), Some("sessions-error-link"));
        // Far from the edition: a mistyped year.
        let e = check(
            &form("9999-12-30T16:00", "Europe/Brussels"),
            &zones(),
            WINDOW,
        )
        .unwrap_err();
        assert_eq!(e.get("starts_at"), Some("grv-error-session-window"));
    }

    #[test]
    fn a_milestone_has_a_date_and_a_note_does_not_need_one() {
        let today: Date = "2021-03-01".parse().unwrap();
        assert!(check_note("Bien", false, "", today).is_empty());
        assert_eq!(
            check_note("Prototype", true, "", today).get("due_on"),
            Some("common-error-required")
        );
        assert_eq!(
            check_note("Prototype", true, "2031-01-01", today).get("due_on"),
            Some("grv-error-milestone-date")
        );
        assert_eq!(
            check_note(" \t\n", false, "", today).get("body"),
            Some("common-error-required")
        );
    }
}
