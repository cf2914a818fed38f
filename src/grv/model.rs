//! The Grands Rendez-vous' editions (issue 14): what an edition is, its format and its
//! lifecycle, and the rules its content obeys. Pure: no database, no HTTP.

use jiff::civil::Date;

use crate::{
    db::Fingerprint,
    error::FieldErrors,
    i18n::{Locale, Localized},
    submissions::deadline::Deadline,
};

/// Where an edition takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Online,
    InPerson,
    Hybrid,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Online, Format::InPerson, Format::Hybrid];
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Online => "online",
            Format::InPerson => "in_person",
            Format::Hybrid => "hybrid",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("grv-format-{}", self.as_str().replace('_', "-"))
    }
    /// An edition held (also) in person names its place.
    pub fn needs_place(self) -> bool {
        self != Format::Online
    }
}

/// An edition's lifecycle (DOMAIN.md): drafted by one side and approved by the other, then its
/// call opens and closes, its candidates are screened, its cohort selected, its programme runs
/// up to the demo day, and it is completed. Forward only, one step at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditionState {
    Draft,
    /// Approved by every side: the edition stands, its call not yet open.
    Approved,
    CallOpen,
    Closed,
    Screening,
    CohortSelected,
    ProgrammeRunning,
    DemoDay,
    Completed,
}

impl EditionState {
    pub const ALL: [EditionState; 9] = [
        EditionState::Draft,
        EditionState::Approved,
        EditionState::CallOpen,
        EditionState::Closed,
        EditionState::Screening,
        EditionState::CohortSelected,
        EditionState::ProgrammeRunning,
        EditionState::DemoDay,
        EditionState::Completed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EditionState::Draft => "draft",
            EditionState::Approved => "approved",
            EditionState::CallOpen => "call_open",
            EditionState::Closed => "closed",
            EditionState::Screening => "screening",
            EditionState::CohortSelected => "cohort_selected",
            EditionState::ProgrammeRunning => "programme_running",
            EditionState::DemoDay => "demo_day",
            EditionState::Completed => "completed",
        }
    }
    pub fn parse(s: &str) -> Option<EditionState> {
        EditionState::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("grv-state-{}", self.as_str().replace('_', "-"))
    }
    /// The state that follows, if any. A draft becomes approved only by the sides' approvals,
    /// never by a step.
    pub fn next(self) -> Option<EditionState> {
        match self {
            EditionState::Draft | EditionState::Completed => None,
            s => EditionState::ALL.into_iter().skip_while(|k| *k != s).nth(1),
        }
    }
}

/// One side's places in the cohort, and its deadline for candidacies (the shared deadline
/// model: an instant and the side's zone; `None` on editions drafted before calls for
/// candidates existed, which the form then asks for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Places {
    pub side_id: i64,
    pub places: i64,
    pub deadline: Option<Deadline>,
}

/// What an edition's form gives, and what each side approves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionInput {
    pub number: i64,
    pub title: Localized,
    pub theme: Localized,
    pub format: Format,
    pub place: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub host_side_id: i64,
    pub places: Vec<Places>,
}

impl EditionInput {
    /// What each side approves: the edition as typed (a change clears the approvals).
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&serde_json::json!({
            "number": self.number,
            "title": [&self.title.fr, &self.title.en],
            "theme": [&self.theme.fr, &self.theme.en],
            "format": self.format.as_str(),
            "place": &self.place,
            "dates": [self.starts_on.to_string(), self.ends_on.to_string()],
            "host": self.host_side_id,
            "places": self.places.iter().map(|p| serde_json::json!([
                p.side_id,
                p.places,
                p.deadline.as_ref().map(|d| (d.at, &d.zone)),
            ])).collect::<Vec<_>>(),
        }))
    }
}

impl Edition {
    /// What a side asks for when it moves the edition from its state to the next: every side
    /// asks for the same step of the same content, and the edition moves once all have.
    pub fn step(&self) -> Option<(EditionState, Fingerprint)> {
        // Screening ends when every side approves the cohort, not by asking for a step.
        if self.state == EditionState::Screening {
            return None;
        }
        let next = self.state.next()?;
        let content = self.input.fingerprint();
        Some((
            next,
            Fingerprint::of(&serde_json::json!({
                "content": content.as_str(),
                "from": self.state.as_str(),
                "to": next.as_str(),
            })),
        ))
    }
}

/// The longest title or theme, in characters.
pub const MAX_TEXT: usize = 300;
/// The most places one side offers in a cohort.
pub const MAX_PLACES: i64 = 200;

/// Rules of an edition's content: an ordinal, a title and a theme in both languages, a place
/// unless online, dates in order over at most a year, the host one of the programme's sides,
/// each side's places between 0 and [`MAX_PLACES`] with at least one place in all.
pub fn check(input: &EditionInput, sides: &[i64]) -> FieldErrors {
    let mut e = FieldErrors::default();
    if !(1..=999).contains(&input.number) {
        e.add("number", "grv-error-number");
    }
    for (field, text) in [
        ("title_fr", &input.title.fr),
        ("title_en", &input.title.en),
        ("theme_fr", &input.theme.fr),
        ("theme_en", &input.theme.en),
    ] {
        if text.trim().is_empty() {
            e.add(field, "common-error-required");
        } else if text.chars().count() > MAX_TEXT {
            e.add(field, "common-error-too-long");
        }
    }
    if input.format.needs_place() && input.place.trim().is_empty() {
        e.add("place", "grv-error-place");
    } else if input.place.chars().count() > MAX_TEXT {
        e.add("place", "common-error-too-long");
    }
    let year_after = input.starts_on.checked_add(jiff::Span::new().years(1));
    if input.ends_on < input.starts_on || year_after.is_ok_and(|y| input.ends_on > y) {
        e.add("ends_on", "grv-error-dates");
    }
    if !sides.contains(&input.host_side_id) {
        e.add("host", "common-error-choice");
    }
    for s in sides {
        let p = input.places.iter().find(|p| p.side_id == *s);
        if p.is_none_or(|p| !(0..=MAX_PLACES).contains(&p.places)) {
            e.add(&format!("places_{s}"), "grv-error-places");
        }
        match p.and_then(|p| p.deadline.as_ref()) {
            None => e.add(&format!("deadline_{s}"), "grv-error-deadline"),
            // Candidacies close before the edition ends (its last day, in the side's zone).
            Some(d) if d.at >= end_of(input.ends_on, &d.zone) => {
                e.add(&format!("deadline_{s}"), "grv-error-deadline-late")
            }
            Some(_) => {}
        }
    }
    if input.places.iter().map(|p| p.places.max(0)).sum::<i64>() < 1
        && let Some(first) = sides.first()
    {
        e.add(&format!("places_{first}"), "grv-error-places");
    }
    e
}

/// The first instant after `day` in `zone`.
fn end_of(day: Date, zone: &str) -> i64 {
    day.tomorrow()
        .ok()
        .and_then(|d| d.at(0, 0, 0, 0).in_tz(zone).ok())
        .map_or(i64::MAX, |z| z.timestamp().as_millisecond())
}

/// A stored edition with its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edition {
    pub id: i64,
    pub programme_id: i64,
    pub input: EditionInput,
    pub state: EditionState,
}

impl Edition {
    /// Its title in `locale` ("3es Grands Rendez-vous Québec/Wallonie-Bruxelles").
    pub fn name(&self, locale: Locale) -> String {
        self.input.title.get(locale).to_string()
    }
    /// When its programme's sessions may be held: from a year before its first day to a year
    /// after its last (unix milliseconds, UTC, the day's whole width in every zone).
    pub fn session_window(&self) -> (i64, i64) {
        let ms = |d: Date, years: i16| {
            d.checked_add(jiff::Span::new().years(years))
                .ok()
                .and_then(|d| d.at(0, 0, 0, 0).in_tz("UTC").ok())
                .map(|z| z.timestamp().as_millisecond())
        };
        let day = 86_400_000;
        (
            ms(self.input.starts_on, -1).map_or(i64::MIN, |t| t - day),
            ms(self.input.ends_on, 1).map_or(i64::MAX, |t| t + 2 * day),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deadline(side_id: i64, local: &str, zone: &str) -> Deadline {
        Deadline {
            side_id,
            at: crate::submissions::deadline::parse_local(local, zone).unwrap(),
            zone: zone.into(),
        }
    }

    #[test]
    fn each_side_closes_candidacies_by_the_end_of_the_edition_in_its_zone() {
        let mut i = input();
        i.places[0].deadline = None;
        assert!(check(&i, &[1, 2]).0.contains_key("deadline_1"));
        let mut i = input();
        // The edition ends on 30 June: 23:59 that day in Québec is still within it.
        i.places[1].deadline = Some(deadline(2, "2021-06-30T23:59", "America/Toronto"));
        assert!(check(&i, &[1, 2]).is_empty());
        i.places[1].deadline = Some(deadline(2, "2021-07-01T00:00", "America/Toronto"));
        assert!(check(&i, &[1, 2]).0.contains_key("deadline_2"));
    }

    fn input() -> EditionInput {
        EditionInput {
            number: 3,
            title: Localized::new("3e Grands Rendez-vous", "3rd Grands Rendez-vous"),
            theme: Localized::new("Innovation durable", "Sustainable innovation"),
            format: Format::Online,
            place: String::new(),
            starts_on: jiff::civil::date(2021, 3, 1),
            ends_on: jiff::civil::date(2021, 6, 30),
            host_side_id: 1,
            places: vec![
                Places {
                    side_id: 1,
                    places: 8,
                    deadline: Some(deadline(1, "2021-02-15T17:00", "Europe/Brussels")),
                },
                Places {
                    side_id: 2,
                    places: 7,
                    deadline: Some(deadline(2, "2021-02-15T17:00", "America/Toronto")),
                },
            ],
        }
    }

    #[test]
    fn an_online_edition_needs_no_place_but_one_in_person_does() {
        assert!(check(&input(), &[1, 2]).is_empty());
        let mut i = input();
        i.format = Format::Hybrid;
        assert!(check(&i, &[1, 2]).0.contains_key("place"));
    }

    #[test]
    fn dates_run_forward_over_at_most_a_year() {
        let mut i = input();
        i.ends_on = jiff::civil::date(2021, 2, 28);
        assert!(check(&i, &[1, 2]).0.contains_key("ends_on"));
        i.ends_on = jiff::civil::date(2022, 3, 2);
        assert!(check(&i, &[1, 2]).0.contains_key("ends_on"));
        i.ends_on = jiff::civil::date(2022, 3, 1);
        assert!(check(&i, &[1, 2]).is_empty(), "a year to the day");
    }

    #[test]
    fn every_side_has_its_places_and_the_cohort_at_least_one() {
        let mut i = input();
        i.places.pop();
        assert!(check(&i, &[1, 2]).0.contains_key("places_2"));
        let mut i = input();
        i.places.iter_mut().for_each(|p| p.places = 0);
        assert!(check(&i, &[1, 2]).0.contains_key("places_1"));
        let mut i = input();
        i.places[0].places = MAX_PLACES + 1;
        assert!(check(&i, &[1, 2]).0.contains_key("places_1"));
    }

    #[test]
    fn the_lifecycle_moves_forward_one_step_at_a_time_and_a_draft_only_by_approval() {
        assert_eq!(EditionState::Draft.next(), None);
        assert_eq!(EditionState::Approved.next(), Some(EditionState::CallOpen));
        assert_eq!(EditionState::DemoDay.next(), Some(EditionState::Completed));
        assert_eq!(EditionState::Completed.next(), None);
        for s in EditionState::ALL {
            assert_eq!(EditionState::parse(s.as_str()), Some(s));
        }
        assert_eq!(EditionState::parse("Draft"), None, "parsed strictly");
    }

    #[test]
    fn any_change_of_content_changes_what_is_approved() {
        let a = input().fingerprint();
        let mut i = input();
        i.places[1].places = 6;
        assert_ne!(a, i.fingerprint());
        let mut i = input();
        i.theme.en.push('!');
        assert_ne!(a, i.fingerprint());
        assert_eq!(a, input().fingerprint());
    }
}
