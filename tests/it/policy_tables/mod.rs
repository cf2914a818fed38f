//! Each domain's policy as a table written by hand from DOMAIN.md (role × relation to the
//! object × state → allowed), not generated from the code: a row that fails is a disagreement
//! with the rules to look at. The access sweep (`access.rs`) takes its expectations from them.

use std::fmt::Debug;

use passerelle::i18n::Locale;
use passerelle::viewer::{Grant, Role, Viewer};

pub mod accounts;
pub mod calls;
pub mod commissions;
pub mod decisions;
pub mod evaluations;
pub mod followup;
pub mod grv;
pub mod projects;

/// The sides of the WB–QC programme in every table.
pub const WB: i64 = 1;
pub const QC: i64 = 2;
/// A side of another programme: not one of this programme's sides.
pub const ELSEWHERE: i64 = 3;

/// Someone holding one role, on `side` for the per-side roles.
pub fn viewer(role: Role, side: Option<i64>) -> Viewer {
    Viewer {
        id: 7,
        email: String::new(),
        name: String::new(),
        locale: Locale::FrBe,
        time_zone: "Europe/Brussels".into(),
        side_id: side,
        grants: vec![Grant {
            id: 1,
            role,
            side_id: side,
            side_code: None,
            programme_id: None,
            side_acronym: None,
            side_logo: None,
        }],
    }
}

pub fn applicant(side: i64) -> Viewer {
    viewer(Role::Applicant, Some(side))
}
pub fn officer(side: i64) -> Viewer {
    viewer(Role::Officer, Some(side))
}
pub fn evaluator(side: i64) -> Viewer {
    viewer(Role::Evaluator, Some(side))
}
pub fn member(side: i64) -> Viewer {
    viewer(Role::CommissionMember, Some(side))
}
pub fn coach() -> Viewer {
    viewer(Role::Coach, None)
}
pub fn admin() -> Viewer {
    viewer(Role::Administrator, None)
}

/// One row of a table: who asks, for what, in which situation, and what the rules say.
pub struct Row<P, F, V = Viewer> {
    pub line: u32,
    pub who: &'static str,
    pub viewer: V,
    pub perm: P,
    pub facts: F,
    pub expected: bool,
}

/// A row, remembering its line in the table for the failure message.
#[track_caller]
pub fn row<P, F, V>(
    who: &'static str,
    viewer: V,
    perm: P,
    facts: F,
    expected: bool,
) -> Row<P, F, V> {
    Row {
        line: std::panic::Location::caller().line(),
        who,
        viewer,
        perm,
        facts,
        expected,
    }
}

/// Asks `can` every row of `table` and lists every disagreement with the rules at once.
pub fn check<P: Debug + Copy, F: Debug, V>(
    table: Vec<Row<P, F, V>>,
    can: impl Fn(&V, P, &F) -> bool,
) {
    let wrong: Vec<String> = table
        .into_iter()
        .filter(|r| can(&r.viewer, r.perm, &r.facts) != r.expected)
        .map(|r| {
            format!(
                "line {}: {} {:?} on {:?} should be {}",
                r.line, r.who, r.perm, r.facts, r.expected
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "rows that disagree with the rules:\n{}",
        wrong.join("\n")
    );
}
