//! Projects, halves, missions and the rules of filing. Pure.

use serde::{Deserialize, Serialize};

use crate::calls::{Call, TravelPayer};

/// A half is filed as every submission is: draft, filed, withdrawn.
pub use crate::submissions::FilingState as HalfState;

/// One side's part of a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Half {
    pub id: i64,
    pub side_id: i64,
    pub side_code: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub lead_user_id: i64,
    pub lead_name: String,
    pub lead_email: String,
    pub lead_role: String,
    pub associated_partners: String,
    pub state: HalfState,
    pub version: i64,
    pub submitted_at: Option<i64>,
    pub extension_until: Option<i64>,
    pub admissibility: Option<String>,
    pub admissibility_reason: Option<String>,
    /// When the half last changed as its side's officers see it (filed, admissibility,
    /// extension, withdrawal; never a draft's edit). Not part of what is filed.
    #[serde(skip)]
    pub changed_at: Option<i64>,
}

/// A planned mission: travellers of the sending side visit the host side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mission {
    pub id: i64,
    pub from_side_id: i64,
    pub to_side_id: i64,
    pub travellers: i64,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub days: i64,
    pub purpose: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub id: i64,
    pub call_id: i64,
    pub title: String,
    pub summary: String,
    pub duration_months: Option<i64>,
    pub is_renewal: bool,
    pub earlier_results: String,
    pub multilateral_links: String,
    pub context: String,
    pub objectives: String,
    pub plan: String,
    pub theme_ids: Vec<i64>,
    pub halves: Vec<Half>,
    pub missions: Vec<Mission>,
}

impl Project {
    pub fn half_of_side(&self, side_id: i64) -> Option<&Half> {
        self.halves.iter().find(|h| h.side_id == side_id)
    }
    pub fn half_led_by(&self, user_id: i64) -> Option<&Half> {
        self.halves.iter().find(|h| h.lead_user_id == user_id)
    }
    /// Rule 1: paired once every side of the call has a half that is not withdrawn.
    pub fn is_paired(&self, call: &Call) -> bool {
        call.sides.iter().all(|s| {
            self.half_of_side(s.side_id)
                .is_some_and(|h| h.state != HalfState::Withdrawn)
        })
    }
}

/// The summary may hold at most ten lines (WBI form).
pub const SUMMARY_MAX_LINES: usize = 10;

/// The last instant a half may be filed: its side's deadline, or a later individual extension.
pub fn filing_deadline(call: &Call, half: &Half) -> Option<i64> {
    Some(
        call.side(half.side_id)?
            .deadline()
            .until(half.extension_until),
    )
}

/// Rule 2: the server clock decides, to the millisecond, against the filing side's deadline.
pub fn may_file(call: &Call, half: &Half, now: i64) -> bool {
    call.state == crate::calls::CallState::Published
        && now >= call.opens_at
        && call
            .side(half.side_id)
            .is_some_and(|s| s.deadline().accepts(now, half.extension_until))
        && half.state != HalfState::Withdrawn
}

/// The field of the project form each problem of [`filing_problems`] is fixed at (`None`:
/// fixed elsewhere — the half, the partner, the missions).
pub fn problem_field(key: &str) -> Option<&'static str> {
    Some(match key {
        "projects-problem-title" => "title",
        "projects-problem-summary" | "projects-problem-summary-long" => "summary",
        "projects-problem-themes" => "themes",
        "projects-problem-duration" => "duration",
        "projects-problem-earlier-results" => "earlier_results",
        "projects-problem-objectives" => "objectives",
        _ => return None,
    })
}

/// The call's rules the saved project form breaks, as (field, Fluent key): shown at the field
/// on save, the draft kept. A field left empty is not one of them: its label already says it is
/// required to file, and a draft is filled in over days.
pub fn save_warnings(call: &Call, p: &Project) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if p.summary.lines().filter(|l| !l.trim().is_empty()).count() > SUMMARY_MAX_LINES {
        out.push(("summary", "projects-problem-summary-long"));
    }
    if let Some(d) = p.duration_months
        && !(call.min_duration_months..=call.max_duration_months).contains(&d)
    {
        out.push(("duration", "projects-problem-duration"));
    }
    if p.is_renewal && p.earlier_results.trim().is_empty() {
        out.push(("earlier_results", "projects-problem-earlier-results"));
    }
    out
}

/// What stops a half from being filed, as Fluent keys (empty: it may be filed).
pub fn filing_problems(call: &Call, p: &Project, half: &Half) -> Vec<&'static str> {
    let mut out = Vec::new();
    if p.title.trim().is_empty() {
        out.push("projects-problem-title");
    }
    let lines = p.summary.lines().filter(|l| !l.trim().is_empty()).count();
    if lines == 0 {
        out.push("projects-problem-summary");
    } else if lines > SUMMARY_MAX_LINES {
        out.push("projects-problem-summary-long");
    }
    // Rule 3: at least one of this call's priority themes.
    if !p.theme_ids.iter().any(|t| call.theme_ids.contains(t)) {
        out.push("projects-problem-themes");
    }
    match p.duration_months {
        Some(d) if (call.min_duration_months..=call.max_duration_months).contains(&d) => {}
        _ => out.push("projects-problem-duration"),
    }
    if p.is_renewal && p.earlier_results.trim().is_empty() {
        out.push("projects-problem-earlier-results");
    }
    if p.objectives.trim().is_empty() {
        out.push("projects-problem-objectives");
    }
    let kinds = &call.organisation_kinds;
    if !kinds.is_empty() && !kinds.iter().any(|k| k.as_str() == half.organisation_kind) {
        out.push("projects-problem-organisation-kind");
    }
    // Rule 1: a partner on each side.
    if !p.is_paired(call) {
        out.push("projects-problem-partner");
    }
    // Rule 6: what this half's side would pay stays within its yearly cap.
    let years = (p.duration_months.unwrap_or(12).max(1) + 11) / 12;
    let side_cap = call.side(half.side_id).map(|s| s.cap_per_year * years);
    let side_total = budget(call, &p.missions)
        .iter()
        .find(|b| b.side_id == half.side_id)
        .map(|b| b.travel + b.stay);
    if let (Some(cap), Some(total)) = (side_cap, side_total)
        && cap > 0
        && total > cap
    {
        out.push("projects-problem-budget");
    }
    out
}

/// What a side pays, in its own currency (minor units): never summed with another side's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideBudget {
    pub side_id: i64,
    pub currency: String,
    pub travel: i64,
    pub stay: i64,
}

/// Rule 6: each side funds its own part of every mission, at the call's caps: the payer of
/// travel (sending side by default) pays one trip per traveller, the host side one stay per
/// traveller.
pub fn budget(call: &Call, missions: &[Mission]) -> Vec<SideBudget> {
    let mut out: Vec<SideBudget> = call
        .sides
        .iter()
        .map(|s| SideBudget {
            side_id: s.side_id,
            currency: s.currency.clone(),
            travel: 0,
            stay: 0,
        })
        .collect();
    for m in missions {
        let travel_payer = match call.travel_paid_by {
            TravelPayer::Sending => m.from_side_id,
            TravelPayer::Receiving => m.to_side_id,
        };
        for (side, b) in call.sides.iter().zip(out.iter_mut()) {
            if side.side_id == travel_payer {
                b.travel += m.travellers * side.cap_per_trip;
            }
            if side.side_id == m.to_side_id {
                b.stay += m.travellers * side.cap_per_stay;
            }
        }
    }
    out
}

pub use crate::i18n::{fold, matches_query};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        calls::{CallState, SideTerms},
        i18n::Localized,
    };

    fn call() -> Call {
        let side = |id: i64, currency: &str, trip: i64, stay: i64| SideTerms {
            side_id: id,
            side_code: String::new(),
            side_name: Localized::default(),
            currency: currency.into(),
            deadline_at: 1_000,
            time_zone: "UTC".into(),
            cap_per_trip: trip,
            cap_per_stay: stay,
            cap_per_year: 0,
        };
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
            theme_ids: vec![7],
            organisation_kinds: vec![],
            sides: vec![side(1, "EUR", 1_200, 1_500), side(2, "CAD", 1_800, 2_000)],
            approved_by_sides: vec![],
        }
    }

    fn mission(from: i64, to: i64, n: i64) -> Mission {
        Mission {
            id: 0,
            from_side_id: from,
            to_side_id: to,
            travellers: n,
            starts_on: "2020-01-01".into(),
            days: 5,
            purpose: String::new(),
        }
    }

    #[test]
    fn each_side_pays_its_own_part_in_its_own_currency() {
        let b = budget(&call(), &[mission(1, 2, 2), mission(2, 1, 1)]);
        assert_eq!(
            b[0],
            SideBudget {
                side_id: 1,
                currency: "EUR".into(),
                travel: 2_400,
                stay: 1_500
            }
        );
        assert_eq!(
            b[1],
            SideBudget {
                side_id: 2,
                currency: "CAD".into(),
                travel: 1_800,
                stay: 4_000
            }
        );
    }

    #[test]
    fn when_the_host_pays_travel_it_pays_everything_for_its_guests() {
        let mut c = call();
        c.travel_paid_by = TravelPayer::Receiving;
        let b = budget(&c, &[mission(1, 2, 1)]);
        assert_eq!(
            (b[0].travel, b[0].stay, b[1].travel, b[1].stay),
            (0, 0, 1_800, 2_000)
        );
    }

    #[test]
    fn an_extension_moves_only_that_halfs_deadline() {
        let c = call();
        let mut h = Half {
            id: 1,
            side_id: 1,
            side_code: "WB".into(),
            organisation_id: 1,
            organisation_name: String::new(),
            organisation_kind: "university".into(),
            lead_user_id: 1,
            lead_name: String::new(),
            lead_email: String::new(),
            lead_role: String::new(),
            associated_partners: String::new(),
            state: HalfState::Draft,
            version: 0,
            submitted_at: None,
            extension_until: None,
            admissibility: None,
            admissibility_reason: None,
            changed_at: None,
        };
        assert!(may_file(&c, &h, 1_000));
        assert!(!may_file(&c, &h, 1_001));
        h.extension_until = Some(5_000);
        assert!(may_file(&c, &h, 5_000));
        assert!(!may_file(&c, &h, 5_001));
    }

    #[test]
    fn a_half_over_its_sides_yearly_cap_cannot_be_filed() {
        let mut c = call();
        for s in &mut c.sides {
            s.cap_per_year = 3_000;
        }
        let p = Project {
            id: 1,
            call_id: 1,
            title: "T".into(),
            summary: "S".into(),
            duration_months: Some(12),
            is_renewal: false,
            earlier_results: String::new(),
            multilateral_links: String::new(),
            context: String::new(),
            objectives: "O".into(),
            plan: String::new(),
            theme_ids: vec![7],
            halves: vec![],
            missions: vec![mission(1, 2, 3)],
        };
        let half = Half {
            id: 1,
            side_id: 1,
            side_code: "WB".into(),
            organisation_id: 1,
            organisation_name: String::new(),
            organisation_kind: "ngo".into(),
            lead_user_id: 1,
            lead_name: String::new(),
            lead_email: String::new(),
            lead_role: String::new(),
            associated_partners: String::new(),
            state: HalfState::Draft,
            version: 0,
            submitted_at: None,
            extension_until: None,
            admissibility: None,
            admissibility_reason: None,
            changed_at: None,
        };
        // Side 1 sends 3 travellers at 1 200 each: 3 600 > 3 000 for one year.
        assert!(filing_problems(&c, &p, &half).contains(&"projects-problem-budget"));
        let two_years = Project {
            duration_months: Some(24),
            ..p
        };
        assert!(!filing_problems(&c, &two_years, &half).contains(&"projects-problem-budget"));
    }

    #[test]
    fn search_ignores_case_accents_and_word_order() {
        assert!(matches_query(
            "Érosion des berges du Saint-Laurent",
            "saint-laurent erosion"
        ));
        assert!(matches_query("École d’été", "ecole d'ete"));
        assert!(!matches_query("Érosion des berges", "erosion meuse"));
        assert!(matches_query("anything", "  "));
    }
}
