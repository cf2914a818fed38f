//! Calls, their phases and deadline rules. Pure: the clock is always passed in.

pub use crate::submissions::deadline::{
    Deadline, LocalTimeError, parse_local, time_left, to_local_input,
};
use crate::{i18n::Localized, organisations::OrganisationKind};

/// What is stored; `open` and `closed` are derived from the clock (see [`Call::phase`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallState {
    Draft,
    Published,
    Archived,
}

impl CallState {
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Draft => "draft",
            CallState::Published => "published",
            CallState::Archived => "archived",
        }
    }
    pub fn parse(s: &str) -> Option<CallState> {
        [CallState::Draft, CallState::Published, CallState::Archived]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Where a call stands at a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Draft,
    /// Published, not open yet.
    Published,
    /// At least one side still accepts filings.
    Open,
    /// Every side's deadline has passed.
    Closed,
    Archived,
}

impl Phase {
    pub fn key(self) -> &'static str {
        match self {
            Phase::Draft => "calls-phase-draft",
            Phase::Published => "calls-phase-published",
            Phase::Open => "calls-phase-open",
            Phase::Closed => "calls-phase-closed",
            Phase::Archived => "calls-phase-archived",
        }
    }
}

/// Who pays international travel; the other side pays the stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TravelPayer {
    /// The default: the sending side pays travel, the host side pays the stay.
    Sending,
    Receiving,
}

impl TravelPayer {
    pub fn as_str(self) -> &'static str {
        match self {
            TravelPayer::Sending => "sending",
            TravelPayer::Receiving => "receiving",
        }
    }
    pub fn parse(s: &str) -> Option<TravelPayer> {
        [TravelPayer::Sending, TravelPayer::Receiving]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// One side's terms in a call: its deadline (last accepted instant, with the zone it was set
/// in) and its caps, in its own currency (minor units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideTerms {
    pub side_id: i64,
    pub side_code: String,
    pub side_name: Localized,
    pub currency: String,
    pub deadline_at: i64,
    pub time_zone: String,
    pub cap_per_trip: i64,
    pub cap_per_stay: i64,
    pub cap_per_year: i64,
}

impl SideTerms {
    /// The side's deadline, in the model every kind of submission shares.
    pub fn deadline(&self) -> Deadline {
        Deadline {
            side_id: self.side_id,
            at: self.deadline_at,
            zone: self.time_zone.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub id: i64,
    pub commission_id: i64,
    pub programme_id: i64,
    pub title: Localized,
    pub guidelines: Localized,
    pub state: CallState,
    pub opens_at: i64,
    pub min_duration_months: i64,
    pub max_duration_months: i64,
    pub min_partners_per_side: i64,
    pub travel_paid_by: TravelPayer,
    pub theme_ids: Vec<i64>,
    /// Empty: every kind may apply.
    pub organisation_kinds: Vec<OrganisationKind>,
    pub sides: Vec<SideTerms>,
    /// Sides that approved the current content.
    pub approved_by_sides: Vec<i64>,
}

impl Call {
    /// What an approving officer sees of the call, child rows included (themes, kinds of
    /// organisation, each side's deadline, zone, currency and caps): approvals are of this.
    pub fn fingerprint(&self) -> crate::db::Fingerprint {
        let sides: Vec<_> = self
            .sides
            .iter()
            .map(|s| {
                serde_json::json!([
                    s.side_id,
                    s.currency,
                    s.deadline_at,
                    s.time_zone,
                    s.cap_per_trip,
                    s.cap_per_stay,
                    s.cap_per_year
                ])
            })
            .collect();
        let kinds: Vec<&str> = self.organisation_kinds.iter().map(|k| k.as_str()).collect();
        crate::db::Fingerprint::of(&serde_json::json!({
            "call": self.id,
            "commission": self.commission_id,
            "title": [self.title.fr, self.title.en],
            "guidelines": [self.guidelines.fr, self.guidelines.en],
            "opens_at": self.opens_at,
            "duration_months": [self.min_duration_months, self.max_duration_months],
            "min_partners_per_side": self.min_partners_per_side,
            "travel_paid_by": self.travel_paid_by.as_str(),
            "themes": self.theme_ids,
            "organisation_kinds": kinds,
            "sides": sides,
        }))
    }

    /// The latest of the sides' deadlines (the call is open until then).
    pub fn last_deadline(&self) -> i64 {
        self.sides.iter().map(|s| s.deadline_at).max().unwrap_or(0)
    }

    /// Rule 2: the server clock decides, per side. `now` in unix milliseconds.
    pub fn phase(&self, now: i64) -> Phase {
        match self.state {
            CallState::Draft => Phase::Draft,
            CallState::Archived => Phase::Archived,
            CallState::Published if now < self.opens_at => Phase::Published,
            CallState::Published if self.sides.iter().any(|s| s.deadline().open_at(now)) => {
                Phase::Open
            }
            CallState::Published => Phase::Closed,
        }
    }

    /// Whether `side_id` still accepts filings at `now`: published, opened, and `now` is at or
    /// before that side's deadline (to the millisecond).
    pub fn accepts_filing(&self, side_id: i64, now: i64) -> bool {
        self.state == CallState::Published
            && now >= self.opens_at
            && self
                .side(side_id)
                .is_some_and(|s| s.deadline().open_at(now))
    }

    pub fn side(&self, side_id: i64) -> Option<&SideTerms> {
        self.sides.iter().find(|s| s.side_id == side_id)
    }

    /// Rule: publication needs every side of the programme.
    pub fn approved_by_all(&self) -> bool {
        !self.sides.is_empty()
            && self
                .sides
                .iter()
                .all(|s| self.approved_by_sides.contains(&s.side_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(deadlines: &[(i64, i64)]) -> Call {
        Call {
            id: 1,
            commission_id: 1,
            programme_id: 1,
            title: Localized::default(),
            guidelines: Localized::default(),
            state: CallState::Published,
            opens_at: 0,
            min_duration_months: 12,
            max_duration_months: 24,
            min_partners_per_side: 1,
            travel_paid_by: TravelPayer::Sending,
            theme_ids: vec![],
            organisation_kinds: vec![],
            sides: deadlines
                .iter()
                .map(|(side_id, deadline_at)| SideTerms {
                    side_id: *side_id,
                    side_code: String::new(),
                    side_name: Localized::default(),
                    currency: "EUR".into(),
                    deadline_at: *deadline_at,
                    time_zone: "UTC".into(),
                    cap_per_trip: 0,
                    cap_per_stay: 0,
                    cap_per_year: 0,
                })
                .collect(),
            approved_by_sides: vec![],
        }
    }

    #[test]
    fn a_side_accepts_filings_up_to_its_deadline_millisecond() {
        let c = call(&[(1, 1_000), (2, 5_000)]);
        assert!(c.accepts_filing(1, 999));
        assert!(c.accepts_filing(1, 1_000));
        assert!(!c.accepts_filing(1, 1_001));
        assert!(
            c.accepts_filing(2, 1_001),
            "the other side keeps its own deadline"
        );
        assert_eq!(c.phase(1_001), Phase::Open);
        assert_eq!(c.phase(5_001), Phase::Closed);
        assert!(
            !c.accepts_filing(3, 0),
            "a side outside the call never accepts"
        );
    }

    #[test]
    fn publication_needs_every_side() {
        let mut c = call(&[(1, 0), (2, 0)]);
        c.approved_by_sides = vec![1];
        assert!(!c.approved_by_all());
        c.approved_by_sides = vec![2, 1];
        assert!(c.approved_by_all());
    }

    #[test]
    fn the_xi_cmp_deadline_is_2359_in_brussels() {
        let ms = parse_local("2019-03-04T17:59", "America/Toronto").unwrap();
        assert_eq!(to_local_input(ms, "Europe/Brussels"), "2019-03-04T23:59");
        assert_eq!(to_local_input(ms, "America/Toronto"), "2019-03-04T17:59");
    }

    #[test]
    fn times_skipped_or_repeated_by_dst_are_refused() {
        // Québec springs forward on 2022-03-13 at 02:00; Brussels falls back on 2022-10-30 at 03:00.
        assert_eq!(
            parse_local("2022-03-13T02:30", "America/Toronto"),
            Err(LocalTimeError::DoesNotExist)
        );
        assert_eq!(
            parse_local("2022-10-30T02:30", "Europe/Brussels"),
            Err(LocalTimeError::Ambiguous)
        );
        assert_eq!(
            parse_local("demain", "Europe/Brussels"),
            Err(LocalTimeError::Invalid)
        );
        // The DST gap weeks: 5 hours between Québec and Brussels instead of 6.
        let ms = parse_local("2022-03-15T17:59", "America/Toronto").unwrap();
        assert_eq!(to_local_input(ms, "Europe/Brussels"), "2022-03-15T22:59");
    }

    #[test]
    fn time_left_counts_down_to_the_deadline() {
        assert_eq!(time_left(0, 90_061_000), Some((1, 1, 1)));
        assert_eq!(time_left(2, 1), None);
    }
}
