//! Sides and programmes.

use crate::i18n::{Locale, Localized};

/// A side's short code (`WB`, `QC`): two to eight uppercase ASCII letters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SideCode(String);

impl SideCode {
    pub fn parse(s: &str) -> Option<SideCode> {
        let s = s.trim().to_ascii_uppercase();
        (2..=8).contains(&s.len()).then_some(())?;
        s.bytes()
            .all(|b| b.is_ascii_uppercase())
            .then_some(SideCode(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One administration of a programme, with its zone, currency and formatting conventions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub id: i64,
    pub code: String,
    pub name: Localized,
    pub administration: Localized,
    pub time_zone: String,
    pub currency: String,
    pub locale: Locale,
    /// The administration's acronym (WBI, MRIF).
    pub acronym: String,
    /// The text its logo shows, on documents and the portal.
    pub logo_text: String,
    /// Its IATI reporting-organisation reference (`XI-IATI-…`, `BE-BCE_KBO-…`); empty: derived.
    pub iati_ref: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SideRow {
    pub id: i64,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub administration_fr: String,
    pub administration_en: String,
    pub time_zone: String,
    pub currency: String,
    pub locale: String,
    pub acronym: String,
    pub logo_text: String,
    pub iati_ref: String,
}

impl From<SideRow> for Side {
    fn from(r: SideRow) -> Side {
        Side {
            id: r.id,
            code: r.code,
            name: Localized::new(r.name_fr, r.name_en),
            administration: Localized::new(r.administration_fr, r.administration_en),
            time_zone: r.time_zone,
            currency: r.currency,
            locale: Locale::parse(&r.locale).unwrap_or_default(),
            acronym: r.acronym,
            logo_text: r.logo_text,
            iati_ref: r.iati_ref,
        }
    }
}

/// A cooperation programme run by two or more sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub id: i64,
    pub code: String,
    pub name: Localized,
    pub sides: Vec<Side>,
}

/// The funding rules a programme sets once; its calls start from them (and may override them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundingDefaults {
    pub min_duration_months: i64,
    pub max_duration_months: i64,
    pub min_partners_per_side: i64,
    /// `sending` or `receiving` (the calls' `TravelPayer`).
    pub travel_paid_by: String,
    /// Caps per side, in its currency's minor units: (side, per trip, per stay, per year).
    pub caps: Vec<SideCaps>,
}

/// One side's caps, in its currency's minor units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideCaps {
    pub side_id: i64,
    pub per_trip: i64,
    pub per_stay: i64,
    pub per_year: i64,
}

/// Rule: durations are at least a month and ordered, at least one partner per side.
pub fn check_defaults(d: &FundingDefaults) -> Vec<(&'static str, &'static str)> {
    let mut errors = Vec::new();
    if !(1..=120).contains(&d.min_duration_months) {
        errors.push(("min_duration", "calls-error-number"));
    } else if !(1..=120).contains(&d.max_duration_months) {
        errors.push(("max_duration", "calls-error-number"));
    } else if d.max_duration_months < d.min_duration_months {
        errors.push(("max_duration", "calls-error-duration-range"));
    }
    if !(1..=50).contains(&d.min_partners_per_side) {
        errors.push(("min_partners", "calls-error-number"));
    }
    if !matches!(d.travel_paid_by.as_str(), "sending" | "receiving") {
        errors.push(("travel", "calls-error-travel"));
    }
    errors
}

/// Rule: a programme has at least two sides, all different.
pub fn check_sides(sides: &[i64]) -> bool {
    let mut s = sides.to_vec();
    s.sort_unstable();
    s.dedup();
    s.len() >= 2 && s.len() == sides.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_needs_two_distinct_sides() {
        assert!(check_sides(&[1, 2]));
        assert!(!check_sides(&[1]));
        assert!(!check_sides(&[1, 1]));
    }

    #[test]
    fn side_codes_are_short_uppercase_letters() {
        assert_eq!(
            SideCode::parse(" qc").map(|c| c.as_str().to_string()),
            Some("QC".into())
        );
        assert_eq!(SideCode::parse("Q1"), None);
    }
}
