//! Candidacies to a Grands Rendez-vous edition (issue 14, item 2): an individual or a team
//! files an idea with its own side's administration before that side's deadline. A candidacy
//! is a submission (`crate::submissions`): its filing states, deadline and signed receipt are
//! the ones a CMP half has. Consent to a public announcement is apart from the candidacy:
//! optional, given or withdrawn at any time, never part of what is filed. Pure.

use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, submissions::FilingState};

/// Who applies: one person, or a team (its other members named).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CandidacyKind {
    Individual,
    Team,
}

impl CandidacyKind {
    pub const ALL: [CandidacyKind; 2] = [CandidacyKind::Individual, CandidacyKind::Team];
    pub fn as_str(self) -> &'static str {
        match self {
            CandidacyKind::Individual => "individual",
            CandidacyKind::Team => "team",
        }
    }
    pub fn parse(s: &str) -> Option<CandidacyKind> {
        CandidacyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("grv-kind-{}", self.as_str())
    }
}

/// What the candidate types (and what a draft keeps, complete or not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidacyInput {
    pub kind: Option<CandidacyKind>,
    /// The other members of a team, one per line.
    pub team: String,
    pub organisation: String,
    pub idea_title: String,
    pub idea_summary: String,
    pub theme: String,
    pub motivation: String,
    pub availability: String,
}

/// One-line fields, in characters.
pub const MAX_LINE: usize = 200;
/// Paragraph fields, in characters.
pub const MAX_TEXT: usize = 4000;
/// Members a team names besides the candidate.
pub const MAX_TEAM: usize = 9;

impl CandidacyInput {
    fn lines(&self) -> [(&'static str, &str, usize); 7] {
        [
            ("team", &self.team, MAX_TEXT),
            ("organisation", &self.organisation, MAX_LINE),
            ("idea_title", &self.idea_title, MAX_LINE),
            ("idea_summary", &self.idea_summary, MAX_TEXT),
            ("theme", &self.theme, MAX_LINE),
            ("motivation", &self.motivation, MAX_TEXT),
            ("availability", &self.availability, MAX_TEXT),
        ]
    }

    /// The team's other members, as typed, one per non-empty line.
    pub fn members(&self) -> Vec<&str> {
        self.team
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// What a draft may not hold even unfinished: text past its length. Everything else is kept
/// as typed, so an autosave never loses a word.
pub fn draft_errors(input: &CandidacyInput) -> FieldErrors {
    let mut e = FieldErrors::default();
    for (field, text, max) in input.lines() {
        if text.chars().count() > max {
            e.add(field, "common-error-too-long");
        }
    }
    if input.members().len() > MAX_TEAM {
        e.add("team", "grv-error-team-size");
    }
    e
}

/// What keeps a candidacy from being filed, at its field: the draft's errors, then every
/// required answer (a team names at least one other member; an individual names none).
pub fn filing_problems(input: &CandidacyInput) -> FieldErrors {
    let mut e = draft_errors(input);
    match input.kind {
        None => e.add("kind", "common-error-required"),
        Some(CandidacyKind::Team) if input.members().is_empty() => {
            e.add("team", "grv-error-team-empty")
        }
        Some(CandidacyKind::Individual) if !input.members().is_empty() => {
            e.add("team", "grv-error-team-individual")
        }
        Some(_) => {}
    }
    for (field, text) in [
        ("idea_title", &input.idea_title),
        ("idea_summary", &input.idea_summary),
        ("theme", &input.theme),
        ("motivation", &input.motivation),
        ("availability", &input.availability),
    ] {
        if text.trim().is_empty() && !e.0.contains_key(field) {
            e.add(field, "common-error-required");
        }
    }
    e
}

/// The candidate's choice about a public announcement, as last made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    pub given: bool,
    /// The sentence the candidate agreed to (or withdrew from), in the language shown.
    pub wording: String,
    pub language: String,
    pub at: i64,
}

/// A stored candidacy, with its candidate and its consent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidacy {
    pub id: i64,
    pub edition_id: i64,
    pub side_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    /// The candidate's language: what they are written to in.
    pub locale: crate::i18n::Locale,
    pub input: CandidacyInput,
    pub state: FilingState,
    pub version: i64,
    pub submitted_at: Option<i64>,
    pub updated_at: i64,
    pub consent: Option<Consent>,
}

impl Candidacy {
    /// Whether the candidate agrees, now, to be announced publicly if selected.
    pub fn consents(&self) -> bool {
        self.consent.as_ref().is_some_and(|c| c.given)
    }
}

/// What a receipt covers: the candidacy as filed, with who filed it and for which edition and
/// side. Consent is not part of it (it is withdrawable without filing again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiledCandidacy {
    pub candidacy_id: i64,
    pub edition_id: i64,
    pub side_id: i64,
    pub name: String,
    pub email: String,
    pub version: i64,
    pub input: CandidacyInput,
}

impl FiledCandidacy {
    pub fn of(c: &Candidacy, version: i64) -> FiledCandidacy {
        FiledCandidacy {
            candidacy_id: c.id,
            edition_id: c.edition_id,
            side_id: c.side_id,
            name: c.name.clone(),
            email: c.email.clone(),
            version,
            input: c.input.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> CandidacyInput {
        CandidacyInput {
            kind: Some(CandidacyKind::Individual),
            team: String::new(),
            organisation: String::new(),
            idea_title: "Compost de quartier".into(),
            idea_summary: "Une coopérative de compostage.".into(),
            theme: "Économie circulaire".into(),
            motivation: "Réduire les déchets.".into(),
            availability: "Les mardis soir.".into(),
        }
    }

    #[test]
    fn a_draft_keeps_anything_within_length_but_filing_needs_every_answer() {
        let empty = CandidacyInput::default();
        assert!(draft_errors(&empty).is_empty(), "an empty draft saves");
        let e = filing_problems(&empty);
        for f in [
            "kind",
            "idea_title",
            "idea_summary",
            "theme",
            "motivation",
            "availability",
        ] {
            assert!(e.0.contains_key(f), "{f} is required to file");
        }
        assert!(filing_problems(&complete()).is_empty());
        let mut long = complete();
        long.idea_title = "x".repeat(MAX_LINE + 1);
        assert!(draft_errors(&long).0.contains_key("idea_title"));
    }

    #[test]
    fn a_team_names_its_other_members_and_an_individual_none() {
        let mut t = complete();
        t.kind = Some(CandidacyKind::Team);
        t.team = " \n\t\n".into();
        assert!(
            filing_problems(&t).0.contains_key("team"),
            "blank lines name nobody"
        );
        t.team = "Awa Diallo\nLéo Martin".into();
        assert!(filing_problems(&t).is_empty());
        assert_eq!(t.members(), ["Awa Diallo", "Léo Martin"]);
        t.kind = Some(CandidacyKind::Individual);
        assert!(filing_problems(&t).0.contains_key("team"));
        t.team = (0..=MAX_TEAM).map(|i| format!("M{i}\n")).collect();
        assert!(draft_errors(&t).0.contains_key("team"));
    }
}
