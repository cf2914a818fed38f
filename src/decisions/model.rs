//! Decisions and their approval rule. Pure.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Selected,
    NotSelected,
    Deferred,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::NotSelected => "not_selected",
            Outcome::Deferred => "deferred",
        }
    }
    pub fn parse(s: &str) -> Option<Outcome> {
        [Outcome::Selected, Outcome::NotSelected, Outcome::Deferred]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
    pub fn key(self) -> String {
        format!("decisions-outcome-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub id: i64,
    pub project_id: i64,
    pub outcome: Outcome,
    /// (side, amount in that side's currency, minor units)
    pub amounts: Vec<(i64, i64)>,
    pub approved_by_sides: Vec<i64>,
    pub decided_at: Option<i64>,
}

/// A decision of a session that is not about one project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolutionKind {
    /// The priority themes of the next call and its opening date (rule 11).
    NextCall,
    /// A new calendar for the running projects of the session's CMP (rule 9).
    Calendar,
}

impl ResolutionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ResolutionKind::NextCall => "next_call",
            ResolutionKind::Calendar => "calendar",
        }
    }
    pub fn parse(s: &str) -> Option<ResolutionKind> {
        [ResolutionKind::NextCall, ResolutionKind::Calendar]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What a new calendar concerns besides its change: the chosen projects (empty: every running
/// one) and whether planned missions move too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarScope {
    pub projects: Vec<i64>,
    pub move_missions: bool,
}

/// How a new calendar moves end dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarChange {
    /// Every end date later by this many months.
    ByMonths(i64),
    /// Every end date set to this date (ISO).
    To(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolutionBody {
    NextCall {
        commission_id: i64,
        /// ISO date.
        opens_on: String,
        /// (French, English) names, in order.
        themes: Vec<(String, String)>,
    },
    Calendar(CalendarChange),
}

impl ResolutionBody {
    pub fn kind(&self) -> ResolutionKind {
        match self {
            ResolutionBody::NextCall { .. } => ResolutionKind::NextCall,
            ResolutionBody::Calendar(_) => ResolutionKind::Calendar,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub id: i64,
    pub session_id: i64,
    pub body: ResolutionBody,
    pub note: String,
    /// A new calendar's chosen projects (funded project ids); empty: every running project.
    pub scope: Vec<i64>,
    /// A new calendar by months also moves the planned missions.
    pub move_missions: bool,
    pub approved_by_sides: Vec<i64>,
    pub decided_at: Option<i64>,
    pub applied_at: Option<i64>,
}

impl Decision {
    /// What an approving member sees of a proposal: its project, outcome and each side's
    /// amount. Approvals are of this.
    pub fn fingerprint(&self) -> crate::db::Fingerprint {
        crate::db::Fingerprint::of(&serde_json::json!({
            "decision": self.id,
            "project": self.project_id,
            "outcome": self.outcome.as_str(),
            "amounts": self.amounts,
        }))
    }
}

impl Resolution {
    /// What an approving member sees of a resolution: its body (themes and date, or the
    /// calendar change), note, scope and whether missions move.
    pub fn fingerprint(&self) -> crate::db::Fingerprint {
        let body = match &self.body {
            ResolutionBody::NextCall {
                commission_id,
                opens_on,
                themes,
            } => serde_json::json!({"next_call": [commission_id, opens_on, themes]}),
            ResolutionBody::Calendar(CalendarChange::ByMonths(m)) => {
                serde_json::json!({"calendar_months": m})
            }
            ResolutionBody::Calendar(CalendarChange::To(d)) => {
                serde_json::json!({"calendar_to": d})
            }
        };
        crate::db::Fingerprint::of(&serde_json::json!({
            "resolution": self.id,
            "body": body,
            "note": self.note,
            "scope": self.scope,
            "move_missions": self.move_missions,
        }))
    }
}

/// What members see of a session when they ask to open it: when, where, what kind.
pub fn session_fingerprint(s: &crate::commissions::Session) -> crate::db::Fingerprint {
    crate::db::Fingerprint::of(&serde_json::json!({
        "session": s.id,
        "commission": s.commission_id,
        "kind": format!("{:?}", s.kind),
        "starts_at": s.starts_at,
        "time_zone": s.time_zone,
        "venue": format!("{:?}", s.venue),
    }))
}

/// What a session decided, as the minutes and the letters carry it: every decision and
/// resolution with its content and whether it is decided. Signing the minutes and releasing
/// the decisions are of this.
pub fn record_fingerprint(
    decisions: &[Decision],
    resolutions: &[Resolution],
) -> crate::db::Fingerprint {
    let d: Vec<_> = decisions
        .iter()
        .map(|d| (d.fingerprint().0, d.decided_at.is_some()))
        .collect();
    let r: Vec<_> = resolutions
        .iter()
        .map(|r| (r.fingerprint().0, r.decided_at.is_some()))
        .collect();
    crate::db::Fingerprint::of(&serde_json::json!({"decisions": d, "resolutions": r}))
}

/// Rule 5: a proposal is a decision only once every side has approved it.
pub fn is_decided(approved: &[i64], sides: &[i64]) -> bool {
    !sides.is_empty() && sides.iter().all(|s| approved.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sides_approval_is_not_a_decision() {
        assert!(!is_decided(&[1], &[1, 2]));
        assert!(is_decided(&[2, 1], &[1, 2]));
        assert!(!is_decided(&[], &[]));
    }
}
