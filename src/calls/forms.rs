//! The call form: raw values kept as typed, parsed into a [`CallInput`] with field errors.

use std::collections::HashMap;

use super::{
    actions::CallInput,
    model::{Call, SideTerms, TravelPayer, parse_local, to_local_input},
};
use crate::{
    error::FieldErrors, i18n::Localized, organisations::OrganisationKind, programmes::Side,
};

/// Everything the form posted, as typed. Themes and kinds are repeated fields.
#[derive(Clone, Debug, Default)]
pub struct RawCall {
    pub values: HashMap<String, String>,
    pub themes: Vec<String>,
    pub kinds: Vec<String>,
}

impl RawCall {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> RawCall {
        let mut raw = RawCall::default();
        for (k, v) in pairs {
            match k.as_str() {
                "themes" => raw.themes.push(v),
                "kinds" => raw.kinds.push(v),
                _ => {
                    raw.values.insert(k, v);
                }
            }
        }
        raw
    }

    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    fn set(&mut self, key: &str, value: String) {
        self.values.insert(key.to_string(), value);
    }

    /// The form of an existing call, times shown in each side's zone (opening: `zone`).
    pub fn from_call(c: &Call, zone: &str) -> RawCall {
        let mut raw = RawCall::default();
        raw.set("commission", c.commission_id.to_string());
        raw.set("title_fr", c.title.fr.clone());
        raw.set("title_en", c.title.en.clone());
        raw.set("guidelines_fr", c.guidelines.fr.clone());
        raw.set("guidelines_en", c.guidelines.en.clone());
        raw.set("opens_at", to_local_input(c.opens_at, zone));
        raw.set("min_duration", c.min_duration_months.to_string());
        raw.set("max_duration", c.max_duration_months.to_string());
        raw.set("min_partners", c.min_partners_per_side.to_string());
        raw.set("travel", c.travel_paid_by.as_str().to_string());
        for s in &c.sides {
            let code = &s.side_code;
            raw.set(
                &format!("deadline_{code}"),
                to_local_input(s.deadline_at, &s.time_zone),
            );
            raw.set(&format!("cap_trip_{code}"), amount_text(s.cap_per_trip));
            raw.set(&format!("cap_stay_{code}"), amount_text(s.cap_per_stay));
            raw.set(&format!("cap_year_{code}"), amount_text(s.cap_per_year));
        }
        raw.themes = c.theme_ids.iter().map(|t| t.to_string()).collect();
        raw.kinds = c
            .organisation_kinds
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        raw
    }

    /// A blank form with the usual rules: 12–24 months, one partner per side, sending side pays travel.
    /// A new call of `commission_id`: its funding rules and caps are the programme's; its
    /// opening (09:00 that day, in the officer's zone) and themes are those a session adopted
    /// for this edition's next call, if one did.
    pub fn blank(
        commission_id: i64,
        defaults: &crate::programmes::FundingDefaults,
        sides: &[Side],
        next_call: &crate::commissions::actions::NextCall,
    ) -> RawCall {
        let mut raw = RawCall::default();
        if let Some(day) = &next_call.opens_on {
            raw.set("opens_at", format!("{day}T09:00"));
        }
        raw.themes = next_call.theme_ids.iter().map(|t| t.to_string()).collect();
        raw.set("commission", commission_id.to_string());
        raw.set("min_duration", defaults.min_duration_months.to_string());
        raw.set("max_duration", defaults.max_duration_months.to_string());
        raw.set("min_partners", defaults.min_partners_per_side.to_string());
        raw.set("travel", defaults.travel_paid_by.clone());
        for cap in &defaults.caps {
            if let Some(side) = sides.iter().find(|s| s.id == cap.side_id) {
                let code = &side.code;
                raw.set(&format!("cap_trip_{code}"), amount_text(cap.per_trip));
                raw.set(&format!("cap_stay_{code}"), amount_text(cap.per_stay));
                raw.set(&format!("cap_year_{code}"), amount_text(cap.per_year));
            }
        }
        raw
    }

    fn required_text(&self, errors: &mut FieldErrors, key: &str, max: usize) -> String {
        let v = self.get(key).trim();
        if v.is_empty() {
            errors.add(key, "common-error-required");
        } else if v.chars().count() > max {
            errors.add(key, "common-error-too-long");
        }
        v.to_string()
    }

    fn number(&self, errors: &mut FieldErrors, key: &str, min: i64, max: i64) -> i64 {
        match self.get(key).trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                errors.add(key, "calls-error-number");
                min
            }
        }
    }

    fn amount(&self, errors: &mut FieldErrors, key: &str) -> i64 {
        crate::money::parse(self.get(key)).unwrap_or_else(|| {
            errors.add(key, "calls-error-amount");
            0
        })
    }

    fn instant(&self, errors: &mut FieldErrors, key: &str, zone: &str) -> i64 {
        if self.get(key).trim().is_empty() {
            errors.add(key, "common-error-required");
            return 0;
        }
        parse_local(self.get(key), zone).unwrap_or_else(|e| {
            errors.add(key, e.key());
            0
        })
    }

    /// Parses the form for a commission whose programme has `sides`; `zone` is the zone the
    /// opening date is typed in.
    pub fn parse(
        &self,
        commission_id: i64,
        sides: &[Side],
        zone: &str,
    ) -> Result<CallInput, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = Localized::new(
            self.required_text(&mut e, "title_fr", 300),
            self.required_text(&mut e, "title_en", 300),
        );
        let guidelines = Localized::new(
            self.required_text(&mut e, "guidelines_fr", 50_000),
            self.required_text(&mut e, "guidelines_en", 50_000),
        );
        let opens_at = self.instant(&mut e, "opens_at", zone);
        let min_duration_months = self.number(&mut e, "min_duration", 1, 120);
        let max_duration_months = self.number(&mut e, "max_duration", 1, 120);
        if max_duration_months < min_duration_months {
            e.add("max_duration", "calls-error-duration-range");
        }
        let min_partners_per_side = self.number(&mut e, "min_partners", 1, 20);
        let travel_paid_by = TravelPayer::parse(self.get("travel")).unwrap_or_else(|| {
            e.add("travel", "calls-error-travel");
            TravelPayer::Sending
        });
        let theme_ids: Vec<i64> = self.themes.iter().filter_map(|t| t.parse().ok()).collect();
        let mut organisation_kinds = Vec::new();
        for k in &self.kinds {
            match OrganisationKind::parse(k) {
                Some(k) => organisation_kinds.push(k),
                None => e.add("kinds", "calls-error-kinds"),
            }
        }
        let sides = sides
            .iter()
            .map(|s| {
                let code = &s.code;
                SideTerms {
                    side_id: s.id,
                    side_code: s.code.clone(),
                    side_name: s.name.clone(),
                    currency: s.currency.clone(),
                    deadline_at: self.instant(&mut e, &format!("deadline_{code}"), &s.time_zone),
                    time_zone: s.time_zone.clone(),
                    cap_per_trip: self.amount(&mut e, &format!("cap_trip_{code}")),
                    cap_per_stay: self.amount(&mut e, &format!("cap_stay_{code}")),
                    cap_per_year: self.amount(&mut e, &format!("cap_year_{code}")),
                }
            })
            .collect();
        if !e.is_empty() {
            return Err(e);
        }
        Ok(CallInput {
            commission_id,
            title,
            guidelines,
            opens_at,
            min_duration_months,
            max_duration_months,
            min_partners_per_side,
            travel_paid_by,
            theme_ids,
            organisation_kinds,
            sides,
        })
    }
}

/// Minor units as typed back into the form: `1500` or `1500.50`.
fn amount_text(minor: i64) -> String {
    if minor % 100 == 0 {
        (minor / 100).to_string()
    } else {
        format!("{}.{:02}", minor / 100, minor % 100)
    }
}
