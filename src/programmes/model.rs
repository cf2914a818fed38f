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
