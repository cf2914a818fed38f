//! The deadline model every submission shares (rule 2): each side closes at its own instant,
//! set and shown in its own zone; the server clock decides, to the millisecond. A CMP call
//! holds one per side, and so does a Grands Rendez-vous call for candidates. Pure.

use jiff::{
    Timestamp,
    civil::DateTime,
    tz::{AmbiguousOffset, TimeZone},
};

/// One side's deadline: the last accepted instant (unix ms) and the zone it was set in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub side_id: i64,
    pub at: i64,
    pub zone: String,
}

impl Deadline {
    /// Whether `now` is at or before the deadline (the deadline's millisecond is accepted).
    pub fn open_at(&self, now: i64) -> bool {
        now <= self.at
    }

    /// The last instant a submission of this side may be filed: the deadline, or the later
    /// extension its side's officers granted it (an extension never shortens).
    pub fn until(&self, extension_until: Option<i64>) -> i64 {
        extension_until.map_or(self.at, |e| e.max(self.at))
    }

    /// Whether a submission of this side may still be filed at `now` (see [`Deadline::until`]).
    pub fn accepts(&self, now: i64, extension_until: Option<i64>) -> bool {
        now <= self.until(extension_until)
    }

    /// The same instant written in the zone, `zone=local time`, as receipts state it.
    pub fn local_stamp(ms: i64, zone: &str) -> String {
        let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
        let z = Timestamp::from_millisecond(ms)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned_datetime(tz);
        format!("{zone}={}", z.datetime())
    }
}

/// Why a local date-time typed in a form cannot be an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTimeError {
    Invalid,
    /// Skipped by a DST change (e.g. 02:30 on the night clocks go forward).
    DoesNotExist,
    /// Happens twice (the night clocks go back).
    Ambiguous,
}

impl LocalTimeError {
    pub fn key(self) -> &'static str {
        match self {
            LocalTimeError::Invalid => "calls-error-datetime",
            LocalTimeError::DoesNotExist => "calls-error-datetime-gap",
            LocalTimeError::Ambiguous => "calls-error-datetime-fold",
        }
    }
}

/// `2019-03-04T17:59` in `zone` → unix milliseconds. Times that do not exist or happen twice in
/// that zone are refused rather than guessed.
pub fn parse_local(value: &str, zone: &str) -> Result<i64, LocalTimeError> {
    let dt: DateTime = value.trim().parse().map_err(|_| LocalTimeError::Invalid)?;
    let tz = TimeZone::get(zone).map_err(|_| LocalTimeError::Invalid)?;
    let amb = tz.to_ambiguous_zoned_datetime(dt);
    match amb.offset() {
        AmbiguousOffset::Gap { .. } => return Err(LocalTimeError::DoesNotExist),
        AmbiguousOffset::Fold { .. } => return Err(LocalTimeError::Ambiguous),
        AmbiguousOffset::Unambiguous { .. } => {}
    }
    let zoned = amb.unambiguous().map_err(|_| LocalTimeError::Invalid)?;
    Ok(zoned.timestamp().as_millisecond())
}

/// The value of a `datetime-local` input showing `ms` in `zone`.
pub fn to_local_input(ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let z = Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(tz);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        z.year(),
        z.month(),
        z.day(),
        z.hour(),
        z.minute()
    )
}

/// Time left until `deadline`: (days, hours, minutes), or `None` once passed.
pub fn time_left(now: i64, deadline: i64) -> Option<(i64, i64, i64)> {
    if now > deadline {
        return None;
    }
    let minutes = (deadline - now) / 60_000;
    Some((minutes / 1440, (minutes % 1440) / 60, minutes % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_accepts_its_own_millisecond_and_an_extension_only_lengthens_it() {
        let d = Deadline {
            side_id: 1,
            at: 1_000,
            zone: "Europe/Brussels".into(),
        };
        assert!(d.accepts(1_000, None));
        assert!(!d.accepts(1_001, None));
        assert!(d.accepts(1_500, Some(2_000)), "an extension lengthens");
        assert!(
            d.accepts(900, Some(500)),
            "an earlier extension never shortens"
        );
        assert!(!d.accepts(2_001, Some(2_000)));
    }

    #[test]
    fn a_receipt_states_the_instant_in_each_zone() {
        let ms = parse_local("2021-03-04T17:59", "America/Toronto").unwrap();
        assert_eq!(
            Deadline::local_stamp(ms, "Europe/Brussels"),
            "Europe/Brussels=2021-03-04T23:59:00"
        );
    }
}
