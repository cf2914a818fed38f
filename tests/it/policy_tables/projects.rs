//! The project policy as a table written from DOMAIN.md (rules 1, 2, 4, 16) and the roles in
//! the README, not from `can`: a row that fails is a disagreement with the rules to look at.

use passerelle::projects::HalfState::{self, Draft, Submitted, Withdrawn};
use passerelle::projects::policy::*;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};
use passerelle::viewer::Viewer;

/// A paired WB–QC project seen by someone who leads none of its halves (as `Facts::of`
/// builds it: no own half, so no filing window either).
fn not_lead() -> Facts {
    Facts {
        call_sides: vec![WB, QC],
        lead_of: None,
        own_state: None,
        half_side: None,
        paired: true,
        filing_open: false,
        decided: false,
    }
}
/// The same, about the half on `side` (`SeeHalf`, `Decide`).
fn about(side: i64) -> Facts {
    Facts {
        half_side: Some(side),
        ..not_lead()
    }
}
/// A paired project seen by the lead of its `side` half, in `state`, while their side
/// still accepts filings.
fn lead(side: i64, state: HalfState) -> Facts {
    Facts {
        lead_of: Some(side),
        own_state: Some(state),
        filing_open: true,
        ..not_lead()
    }
}
/// `f` once the viewer's side no longer accepts filings (deadline passed, no extension).
fn deadline_passed(f: Facts) -> Facts {
    Facts {
        filing_open: false,
        ..f
    }
}
/// `f` once the commission session has a decision about the project.
fn decided(f: Facts) -> Facts {
    Facts { decided: true, ..f }
}
/// `f` before the other side's partner has a half.
fn unpaired(f: Facts) -> Facts {
    Facts { paired: false, ..f }
}
/// `f` about the half on `side`.
fn seeing(f: Facts, side: i64) -> Facts {
    Facts {
        half_side: Some(side),
        ..f
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
    use Perm::*;
    vec![
        // View: the leads and the programme's officers; nobody else learns the project exists.
        row("lead WB", applicant(WB), View, unpaired(lead(WB, Draft)), true),
        row("lead QC", applicant(QC), View, lead(QC, Submitted), true),
        // Withdrawing one's half does not erase one's own history with the project.
        row("lead WB, withdrawn", applicant(WB), View, lead(WB, Withdrawn), true),
        row("applicant WB, not lead", applicant(WB), View, not_lead(), false),
        row("applicant QC, not lead", applicant(QC), View, not_lead(), false),
        row("officer WB", officer(WB), View, not_lead(), true),
        row("officer QC", officer(QC), View, not_lead(), true),
        row("officer elsewhere", officer(ELSEWHERE), View, not_lead(), false),
        // Module doc "nobody else": evaluators read assigned projects on the evaluation pages.
        row("evaluator WB", evaluator(WB), View, not_lead(), false),
        // Module doc "nobody else": the commission reads projects on the session page.
        row("member QC", member(QC), View, not_lead(), false),
        row("coach", coach(), View, not_lead(), false),
        // The administrator reads everything to support both administrations (kept from
        // the route registry; never acting for a side, see the rows below). Issue 12
        // revisits who reads what.
        row("administrator", admin(), View, not_lead(), true),
        // SeeHalf: one's own side's half only (rule 4).
        row("lead WB", applicant(WB), SeeHalf, seeing(lead(WB, Draft), WB), true),
        // Partners build one project: each lead reads the other side's half (rule 1: the
        // halves are linked); rule 4 is about officers and evaluators, not partners.
        row("lead WB", applicant(WB), SeeHalf, seeing(lead(WB, Submitted), QC), true),
        row("officer WB", officer(WB), SeeHalf, about(WB), true),
        row("officer QC", officer(QC), SeeHalf, about(QC), true),
        // rule 4: not the other side's filing data before the session opens.
        row("officer WB", officer(WB), SeeHalf, about(QC), false),
        row("officer QC", officer(QC), SeeHalf, about(WB), false),
        row("officer elsewhere", officer(ELSEWHERE), SeeHalf, about(WB), false),
        row("evaluator QC", evaluator(QC), SeeHalf, about(QC), false),
        row("member WB", member(WB), SeeHalf, about(WB), false),
        row("administrator", admin(), SeeHalf, about(QC), true),
        // ReadFiled (issue 12): the application as filed is read by whoever decides on it on
        // that side — its officers and commission members — by its leads and administrators;
        // never by the other side's officers or members (rule 4), nor by a coach.
        row("lead WB", applicant(WB), ReadFiled, seeing(lead(WB, Submitted), QC), true),
        row("officer WB", officer(WB), ReadFiled, about(WB), true),
        row("officer WB", officer(WB), ReadFiled, about(QC), false),
        row("member WB", member(WB), ReadFiled, about(WB), true),
        row("member QC", member(QC), ReadFiled, about(QC), true),
        row("member QC", member(QC), ReadFiled, about(WB), false),
        row("member elsewhere", member(ELSEWHERE), ReadFiled, about(WB), false),
        row("evaluator QC", evaluator(QC), ReadFiled, about(QC), false),
        row("applicant, not a lead", applicant(QC), ReadFiled, about(QC), false),
        row("coach", coach(), ReadFiled, about(QC), false),
        row("administrator", admin(), ReadFiled, about(WB), true),
        // Edit: the lead, on a half still in the works.
        row("lead WB", applicant(WB), Edit, lead(WB, Draft), true),
        row("lead QC", applicant(QC), Edit, unpaired(lead(QC, Draft)), true),
        // Issue 10, "filing freezes": a filed half is immutable (reopen it to change it)…
        row("lead WB, filed", applicant(WB), Edit, lead(WB, Submitted), false),
        // …and after the deadline nothing changes but through an officer's extension.
        row("lead WB, deadline passed", applicant(WB), Edit, deadline_passed(lead(WB, Draft)), false),
        // A withdrawn half is out of the call: it is not reworked in place.
        row("lead WB, withdrawn", applicant(WB), Edit, lead(WB, Withdrawn), false),
        row("applicant WB, not lead", applicant(WB), Edit, not_lead(), false),
        // Officers decide on applications; they do not write them.
        row("officer WB", officer(WB), Edit, not_lead(), false),
        row("member QC", member(QC), Edit, not_lead(), false),
        row("administrator", admin(), Edit, not_lead(), false),
        // File: the lead files their own half while their side accepts filings (rule 2).
        row("lead WB", applicant(WB), File, lead(WB, Draft), true),
        // Lifecycle "submitted (per side) → paired": filing may come before the partner's half.
        row("lead QC", applicant(QC), File, unpaired(lead(QC, Draft)), true),
        // rule 2: the server clock decides.
        row("lead WB", applicant(WB), File, deadline_passed(lead(WB, Draft)), false),
        // A filed half is filed: a new version is filed after reopening it (issue 10).
        row("lead QC, filed", applicant(QC), File, lead(QC, Submitted), false),
        row("lead QC", applicant(QC), File, deadline_passed(lead(QC, Submitted)), false),
        // Reopen (issue 10): the lead reopens a filed half as a new draft before the deadline…
        row("lead QC, filed", applicant(QC), Reopen, lead(QC, Submitted), true),
        // …not after it (version N stands), not a draft, not once decided, not someone else.
        row("lead QC, deadline passed", applicant(QC), Reopen, deadline_passed(lead(QC, Submitted)), false),
        row("lead QC, draft", applicant(QC), Reopen, lead(QC, Draft), false),
        row("lead QC, decided", applicant(QC), Reopen, decided(lead(QC, Submitted)), false),
        row("lead WB, withdrawn", applicant(WB), Reopen, lead(WB, Withdrawn), false),
        row("officer QC", officer(QC), Reopen, not_lead(), false),
        // A withdrawn half left the call; it is not filed again.
        row("lead WB, withdrawn", applicant(WB), File, lead(WB, Withdrawn), false),
        row("applicant WB, not lead", applicant(WB), File, not_lead(), false),
        // rule 1: each half is filed by its partner with its administration, not by an officer.
        row("officer WB", officer(WB), File, not_lead(), false),
        // Withdraw: the lead, their own filed half.
        row("lead WB", applicant(WB), Withdraw, lead(WB, Submitted), true),
        // An applicant may withdraw a filed application after the deadline too (until selection)
        row("lead QC", applicant(QC), Withdraw, deadline_passed(lead(QC, Submitted)), true),
        // A lead may also abandon a draft half (it is then withdrawn, freeing the partner).
        row("lead WB", applicant(WB), Withdraw, lead(WB, Draft), true),
        // Withdrawal is once, and until the decision (issue 10).
        row("lead WB, withdrawn", applicant(WB), Withdraw, lead(WB, Withdrawn), false),
        row("lead WB, decided", applicant(WB), Withdraw, decided(lead(WB, Submitted)), false),
        row("applicant QC, not lead", applicant(QC), Withdraw, not_lead(), false),
        row("officer WB", officer(WB), Withdraw, not_lead(), false),
        // ReadLetter: the decision letter goes to the lead of the half, from their side's
        // administration (rule 5: the decision is released to each side's applicants).
        row("lead WB", applicant(WB), ReadLetter, lead(WB, Submitted), true),
        row("lead QC", applicant(QC), ReadLetter, lead(QC, Submitted), true),
        row("applicant WB, not lead", applicant(WB), ReadLetter, not_lead(), false),
        row("officer WB", officer(WB), ReadLetter, about(WB), false),
        row("member QC", member(QC), ReadLetter, not_lead(), false),
        row("evaluator QC", evaluator(QC), ReadLetter, not_lead(), false),
        row("administrator", admin(), ReadLetter, not_lead(), false),
        // Invite: a lead, while the other side has no half yet (rule 1).
        row("lead WB", applicant(WB), Invite, unpaired(lead(WB, Draft)), true),
        row("lead QC", applicant(QC), Invite, unpaired(lead(QC, Submitted)), true),
        // Every side already has its half.
        row("lead WB", applicant(WB), Invite, lead(WB, Draft), false),
        row("applicant WB, not lead", applicant(WB), Invite, unpaired(not_lead()), false),
        row("officer QC", officer(QC), Invite, unpaired(not_lead()), false),
        // Decide: a side's officers, for their own side's half (rule 1: filed with them).
        row("officer WB", officer(WB), Decide, about(WB), true),
        row("officer QC", officer(QC), Decide, about(QC), true),
        row("officer WB", officer(WB), Decide, about(QC), false),
        row("officer QC", officer(QC), Decide, about(WB), false),
        row("officer elsewhere", officer(ELSEWHERE), Decide, about(WB), false),
        row("lead WB", applicant(WB), Decide, seeing(lead(WB, Submitted), WB), false),
        row("evaluator WB", evaluator(WB), Decide, about(WB), false),
        row("member QC", member(QC), Decide, about(QC), false),
        row("administrator", admin(), Decide, about(WB), false),
    ]
}

#[test]
fn projects_policy_follows_the_domain_rules_table() {
    check(table(), can);
}
