//! Project forms: raw values kept as typed; drafts may be incomplete (completeness is checked
//! when a half is filed), but what is typed must be well-formed.

use serde::Deserialize;

use super::{actions::ProjectInput, model::Mission};
use crate::error::FieldErrors;

#[derive(Clone, Debug, Default)]
pub struct ProjectForm {
    pub values: std::collections::HashMap<String, String>,
    pub themes: Vec<String>,
}

impl ProjectForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ProjectForm {
        let mut f = ProjectForm::default();
        for (k, v) in pairs {
            if k == "themes" {
                f.themes.push(v);
            } else {
                f.values.insert(k, v);
            }
        }
        f
    }

    pub fn get(&self, k: &str) -> &str {
        self.values.get(k).map(String::as_str).unwrap_or("")
    }

    pub fn from_project(p: &super::Project) -> ProjectForm {
        let mut f = ProjectForm::default();
        for (k, v) in [
            ("title", p.title.clone()),
            ("summary", p.summary.clone()),
            (
                "duration",
                p.duration_months.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                "renewal",
                if p.is_renewal { "yes" } else { "no" }.to_string(),
            ),
            ("earlier_results", p.earlier_results.clone()),
            ("multilateral_links", p.multilateral_links.clone()),
            ("context", p.context.clone()),
            ("objectives", p.objectives.clone()),
            ("plan", p.plan.clone()),
        ] {
            f.values.insert(k.to_string(), v);
        }
        f.themes = p.theme_ids.iter().map(|t| t.to_string()).collect();
        f
    }

    pub fn parse(&self) -> Result<ProjectInput, FieldErrors> {
        let mut e = FieldErrors::default();
        let text = |e: &mut FieldErrors, k: &str, max: usize| {
            let v = crate::http::form::clean_text(self.get(k));
            if v.chars().count() > max {
                e.add(k, "common-error-too-long");
            }
            v
        };
        let title = text(&mut e, "title", max_chars("title"));
        if title.is_empty() {
            e.add("title", "common-error-required");
        }
        // More than ten lines is a rule of the call: saved with a warning, refused on filing.
        let summary = text(&mut e, "summary", max_chars("summary"));
        let duration_months = match self.get("duration").trim() {
            "" => None,
            d => match d.parse::<i64>() {
                Ok(n) if (1..=120).contains(&n) => Some(n),
                _ => {
                    e.add("duration", "calls-error-number");
                    None
                }
            },
        };
        let input = ProjectInput {
            title,
            summary,
            duration_months,
            is_renewal: self.get("renewal") == "yes",
            earlier_results: text(&mut e, "earlier_results", max_chars("earlier_results")),
            multilateral_links: text(
                &mut e,
                "multilateral_links",
                max_chars("multilateral_links"),
            ),
            context: text(&mut e, "context", max_chars("context")),
            objectives: text(&mut e, "objectives", max_chars("objectives")),
            plan: text(&mut e, "plan", max_chars("plan")),
            theme_ids: self.themes.iter().filter_map(|t| t.parse().ok()).collect(),
        };
        if e.is_empty() { Ok(input) } else { Err(e) }
    }
}

/// The most characters each text of the project form may hold (counted as typed, shown by a
/// counter under the field).
pub fn max_chars(field: &str) -> usize {
    match field {
        "title" => 300,
        "summary" => 3_000,
        "multilateral_links" => 5_000,
        "earlier_results" => 10_000,
        _ => 20_000,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    pub title: String,
    pub organisation: String,
    /// What the project starts with besides its title, when started from an idea already
    /// written elsewhere (a Grands Rendez-vous participant's idea): its summary and context.
    pub summary: String,
    pub context: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HalfForm {
    pub organisation: String,
    pub lead_role: String,
    pub associated_partners: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MissionForm {
    /// `FROM-TO` side ids, e.g. `2-1`.
    pub direction: String,
    pub travellers: String,
    pub starts_on: String,
    pub days: String,
    pub purpose: String,
}

impl MissionForm {
    pub fn parse(&self) -> Result<Mission, FieldErrors> {
        let mut e = FieldErrors::default();
        let (from, to) = self
            .direction
            .split_once('-')
            .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)))
            .unwrap_or_else(|| {
                e.add("direction", "projects-error-direction");
                (0, 0)
            });
        let number = |e: &mut FieldErrors, k: &str, v: &str, max: i64| match v.trim().parse::<i64>()
        {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                e.add(k, "calls-error-number");
                1
            }
        };
        let travellers = number(&mut e, "travellers", &self.travellers, 50);
        let days = number(&mut e, "days", &self.days, 365);
        if self.starts_on.trim().parse::<jiff::civil::Date>().is_err() {
            e.add("starts_on", "projects-error-date");
        }
        let purpose = crate::http::form::clean_text(&self.purpose);
        if purpose.is_empty() {
            e.add("purpose", "common-error-required");
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Mission {
            id: 0,
            from_side_id: from,
            to_side_id: to,
            travellers,
            starts_on: self.starts_on.trim().to_string(),
            days,
            purpose,
        })
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FileForm {
    pub version: i64,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub reason: String,
    /// `yes` once the officer confirmed an inadmissibility (it stops the half for good).
    pub confirm: String,
    /// The project page the form was on, to go back to without deciding.
    pub project: i64,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExtensionForm {
    pub until: String,
}
