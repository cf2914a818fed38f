//! What the editions' and sessions' forms share: the raw form as typed, and labels.

use std::collections::HashMap;

use super::model::{SessionKind, Venue};
use crate::{error::FieldErrors, http::Ctx, http::form::clean_text, programmes::Side};

/// A form as typed (repeated `participants` apart), kept for re-display.
#[derive(Default)]
pub(super) struct Raw {
    pub(super) values: HashMap<String, String>,
    pub(super) participants: Vec<String>,
}

impl Raw {
    pub(super) fn from_pairs(pairs: Vec<(String, String)>) -> Raw {
        let mut raw = Raw::default();
        for (k, v) in pairs {
            if k == "participants" {
                raw.participants.push(v);
            } else {
                raw.values.insert(k, v);
            }
        }
        raw
    }
    pub(super) fn get(&self, k: &str) -> &str {
        self.values.get(k).map(String::as_str).unwrap_or("")
    }
    pub(super) fn set(&mut self, k: &str, v: String) {
        self.values.insert(k.to_string(), v);
    }
    pub(super) fn number(&self, e: &mut FieldErrors, k: &str) -> i64 {
        self.get(k).trim().parse().unwrap_or_else(|_| {
            e.add(k, "calls-error-number");
            0
        })
    }
    pub(super) fn text(&self, e: &mut FieldErrors, k: &str, max: usize) -> String {
        let v = clean_text(self.get(k));
        if v.is_empty() {
            e.add(k, "common-error-required");
        } else if v.chars().count() > max {
            e.add(k, "common-error-too-long");
        }
        v
    }
}

pub(super) fn side_label(ctx: &Ctx, s: &Side) -> String {
    s.name.get(ctx.locale).to_string()
}

pub fn kind_label(ctx: &Ctx, k: SessionKind) -> String {
    ctx.t(match k {
        SessionKind::Plenary => "commission-session-plenary",
        SessionKind::Midterm => "commission-session-midterm",
        SessionKind::Themes => "commission-session-themes",
    })
}

pub(super) fn venue_label(ctx: &Ctx, v: &Venue) -> String {
    match v {
        Venue::InPerson { place } => place.clone(),
        Venue::Online { .. } => ctx.t("commission-session-online"),
    }
}
