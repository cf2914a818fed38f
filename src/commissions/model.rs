//! A CMP edition, its co-chairs, sessions and themes.

use crate::i18n::{Locale, Localized};

/// A numbered CMP edition (XIe = 2019–2021) with one co-chair per side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commission {
    pub id: i64,
    pub programme_id: i64,
    pub number: i64,
    pub start_year: i64,
    pub end_year: i64,
    pub co_chairs: Vec<CoChair>,
    /// Drafted by one side's officers, approved by the other's (as calls are).
    pub state: EditionState,
    /// The side that hosts the edition (they alternate).
    pub host_side_id: Option<i64>,
}

/// An edition is a draft until every side approved the same content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionState {
    Draft,
    Approved,
}

impl EditionState {
    pub fn as_str(self) -> &'static str {
        match self {
            EditionState::Draft => "draft",
            EditionState::Approved => "approved",
        }
    }
    pub fn parse(s: &str) -> Option<EditionState> {
        [EditionState::Draft, EditionState::Approved]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

impl Commission {
    /// "XIe Commission mixte permanente" / "11th Permanent Joint Commission".
    pub fn ordinal(&self, locale: Locale) -> String {
        match locale {
            Locale::En => {
                let n = self.number;
                let suffix = match (n % 10, n % 100) {
                    (1, x) if x != 11 => "st",
                    (2, x) if x != 12 => "nd",
                    (3, x) if x != 13 => "rd",
                    _ => "th",
                };
                format!("{n}{suffix}")
            }
            _ if self.number == 1 => "Ire".to_string(),
            _ => format!("{}e", roman(self.number)),
        }
    }
}

/// Roman numerals, as CMP editions are numbered.
pub fn roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CoChair {
    pub side_id: i64,
    pub name: String,
    pub title_fr: String,
    pub title_en: String,
    /// The co-chair's account: only they sign the minutes as co-chair of their side.
    pub user_id: Option<i64>,
}

/// Where a session stands: each side's evaluations are shown to the other only once it is
/// open (rule 4); decisions are final once it is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    Scheduled,
    Open,
    Closed,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Scheduled => "scheduled",
            SessionState::Open => "open",
            SessionState::Closed => "closed",
        }
    }
    /// Strict: anything else read from the database is an error.
    pub fn parse(s: &str) -> Option<SessionState> {
        [
            SessionState::Scheduled,
            SessionState::Open,
            SessionState::Closed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What a session of the commission is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    /// Adopts the biennial programme of projects.
    Plenary,
    /// The mid-term review (mi-étape); may adopt a new calendar.
    Midterm,
    /// Records the priority themes of the next call.
    Themes,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Plenary => "plenary",
            SessionKind::Midterm => "midterm",
            SessionKind::Themes => "themes",
        }
    }
    pub fn parse(s: &str) -> Option<SessionKind> {
        [
            SessionKind::Plenary,
            SessionKind::Midterm,
            SessionKind::Themes,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// In person at a place, or online with a meeting link ("par écrans interposés").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Venue {
    InPerson { place: String },
    Online { meeting_url: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub commission_id: i64,
    pub kind: SessionKind,
    /// Unix milliseconds, UTC.
    pub starts_at: i64,
    /// The zone the session was convened in.
    pub time_zone: String,
    pub venue: Venue,
    /// Grows each time the session is moved or cancelled (the `.ics` SEQUENCE).
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    pub id: i64,
    pub commission_id: i64,
    pub kind: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub mode: String,
    pub place: Option<String>,
    pub meeting_url: Option<String>,
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
}

impl TryFrom<SessionRow> for Session {
    type Error = sqlx::Error;
    fn try_from(r: SessionRow) -> Result<Session, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("invalid session {what}").into());
        let venue = match (r.mode.as_str(), r.place, r.meeting_url) {
            ("in_person", Some(place), _) => Venue::InPerson { place },
            ("online", _, Some(meeting_url)) => Venue::Online { meeting_url },
            _ => return Err(bad("venue")),
        };
        Ok(Session {
            id: r.id,
            commission_id: r.commission_id,
            kind: SessionKind::parse(&r.kind).ok_or_else(|| bad("kind"))?,
            starts_at: r.starts_at,
            time_zone: r.time_zone,
            venue,
            sequence: r.sequence,
            cancelled_at: r.cancelled_at,
        })
    }
}

/// A priority theme of a call, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub id: i64,
    pub code: String,
    pub name: Localized,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_are_numbered_in_roman_in_french() {
        let c = Commission {
            id: 1,
            programme_id: 1,
            number: 11,
            start_year: 2019,
            end_year: 2021,
            co_chairs: vec![],
            state: EditionState::Approved,
            host_side_id: None,
        };
        assert_eq!(c.ordinal(Locale::FrBe), "XIe");
        assert_eq!(c.ordinal(Locale::En), "11th");
        assert_eq!(roman(12), "XII");
        assert_eq!(roman(1994), "MCMXCIV");
    }
}
