//! The call policy as a table written from DOMAIN.md and the roles in the README, not from
//! `can`: a row that fails is a disagreement with the rules to look at, not a typo to flip.

use passerelle::calls::Phase;
use passerelle::calls::policy::*;

use super::{ELSEWHERE, QC, Row, WB, check, row, viewer};
use passerelle::viewer::{Role, Viewer};

fn anonymous() -> Option<Viewer> {
    None
}
fn applicant(side: i64) -> Option<Viewer> {
    Some(viewer(Role::Applicant, Some(side)))
}
fn officer(side: i64) -> Option<Viewer> {
    Some(viewer(Role::Officer, Some(side)))
}
fn evaluator(side: i64) -> Option<Viewer> {
    Some(viewer(Role::Evaluator, Some(side)))
}
fn member(side: i64) -> Option<Viewer> {
    Some(viewer(Role::CommissionMember, Some(side)))
}
fn coach() -> Option<Viewer> {
    Some(viewer(Role::Coach, None))
}
fn admin() -> Option<Viewer> {
    Some(viewer(Role::Administrator, None))
}

/// A call of the WB–QC programme in `phase`, approved by `approved_by`.
fn call(phase: Phase, approved_by: &[i64]) -> Facts {
    Facts {
        sides: vec![WB, QC],
        phase,
        approved_by: approved_by.to_vec(),
    }
}
fn draft(approved_by: &[i64]) -> Facts {
    call(Phase::Draft, approved_by)
}
/// Published needs every side's approval, so every later phase carries both.
fn published() -> Facts {
    call(Phase::Published, &[WB, QC])
}
fn open() -> Facts {
    call(Phase::Open, &[WB, QC])
}
fn closed() -> Facts {
    call(Phase::Closed, &[WB, QC])
}
fn archived() -> Facts {
    call(Phase::Archived, &[WB, QC])
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Option<Viewer>>> {
    use Perm::*;
    vec![
        // View: drafts are the programme's officers' business; the public reads the rest.
        row("anonymous", anonymous(), View, draft(&[]), false),
        row("applicant WB", applicant(WB), View, draft(&[]), false),
        row("evaluator QC", evaluator(QC), View, draft(&[WB]), false),
        // rule 11: the commission decides themes; the draft text is the officers' (Perm::View).
        row("member WB", member(WB), View, draft(&[]), false),
        row("coach", coach(), View, draft(&[]), false),
        row("officer WB", officer(WB), View, draft(&[]), true),
        row("officer QC", officer(QC), View, draft(&[WB]), true),
        row("officer elsewhere", officer(ELSEWHERE), View, draft(&[]), false),
        // The administrator reads everything to support both administrations (kept from
        // the route registry; never acting for a side, see the rows below). Issue 12
        // revisits who reads what.
        row("administrator", admin(), View, draft(&[]), true),
        row("anonymous", anonymous(), View, published(), true),
        row("anonymous", anonymous(), View, open(), true),
        row("anonymous", anonymous(), View, closed(), true),
        // A past call stays a public record (the next CMP's call refers to it).
        row("anonymous", anonymous(), View, archived(), true),
        row("applicant QC", applicant(QC), View, open(), true),
        // Create: officers prepare the calls of their programme.
        row("officer WB", officer(WB), Create, draft(&[]), true),
        row("officer QC", officer(QC), Create, draft(&[]), true),
        row("officer elsewhere", officer(ELSEWHERE), Create, draft(&[]), false),
        row("applicant WB", applicant(WB), Create, draft(&[]), false),
        // rule 11: the commission records the themes; the administrations draft the call.
        row("member QC", member(QC), Create, draft(&[]), false),
        row("anonymous", anonymous(), Create, draft(&[]), false),
        row("administrator", admin(), Create, draft(&[]), false),
        // Edit: only a draft, by officers.
        row("officer WB", officer(WB), Edit, draft(&[]), true),
        // rule 17: a change clears WB's approval, it is not forbidden by it.
        row("officer QC", officer(QC), Edit, draft(&[WB]), true),
        // rule 2 / rule 16: once published, applicants rely on the terms they read.
        row("officer WB", officer(WB), Edit, published(), false),
        row("officer QC", officer(QC), Edit, open(), false),
        row("applicant WB", applicant(WB), Edit, draft(&[]), false),
        row("evaluator QC", evaluator(QC), Edit, draft(&[]), false),
        // Approve: each side's officers approve the draft for their own side.
        row("officer WB", officer(WB), Approve, draft(&[]), true),
        row("officer QC", officer(QC), Approve, draft(&[WB]), true),
        row("officer WB", officer(WB), Approve, draft(&[QC]), true),
        // WB already approved this draft: nothing left for WB to approve.
        row("officer WB", officer(WB), Approve, draft(&[WB]), false),
        // rule 18: one acts for one's own side, and side 3 is not this programme's.
        row("officer elsewhere", officer(ELSEWHERE), Approve, draft(&[]), false),
        row("member WB", member(WB), Approve, draft(&[]), false),
        // rule 18: approval is per side; an administrator has no side.
        row("administrator", admin(), Approve, draft(&[]), false),
        row("officer WB", officer(WB), Approve, published(), false),
        row("anonymous", anonymous(), Approve, draft(&[]), false),
        // Archive: a published call, once its cycle is over.
        row("officer WB", officer(WB), Archive, closed(), true),
        row("officer QC", officer(QC), Archive, closed(), true),
        row("officer WB", officer(WB), Archive, draft(&[]), false),
        row("officer WB", officer(WB), Archive, archived(), false),
        // rule 2: the deadline decides; archiving must not cut an open call short.
        row("officer QC", officer(QC), Archive, open(), false),
        row("applicant WB", applicant(WB), Archive, closed(), false),
        row("member QC", member(QC), Archive, closed(), false),
        // Apply: applicants of the call's sides, while the call is open.
        row("applicant WB", applicant(WB), Apply, open(), true),
        row("applicant QC", applicant(QC), Apply, open(), true),
        row("applicant WB", applicant(WB), Apply, published(), false),
        // rule 2: every side's deadline has passed.
        row("applicant QC", applicant(QC), Apply, closed(), false),
        row("applicant WB", applicant(WB), Apply, draft(&[WB, QC]), false),
        row("applicant WB", applicant(WB), Apply, archived(), false),
        // rule 1: each half is filed with one of the call's sides' administrations.
        row("applicant elsewhere", applicant(ELSEWHERE), Apply, open(), false),
        row("anonymous", anonymous(), Apply, open(), false),
        // rule 18: the officer acts for the administration, not as a partner.
        row("officer WB", officer(WB), Apply, open(), false),
        row("coach", coach(), Apply, open(), false),
        // DeclareConflicts: evaluators of a side, once the call is published.
        row("evaluator WB", evaluator(WB), DeclareConflicts, published(), true),
        row("evaluator QC", evaluator(QC), DeclareConflicts, open(), true),
        // Evaluation happens after the deadlines (lifecycle: closed → under evaluation).
        row("evaluator WB", evaluator(WB), DeclareConflicts, closed(), true),
        row("evaluator WB", evaluator(WB), DeclareConflicts, draft(&[WB, QC]), false),
        row("evaluator elsewhere", evaluator(ELSEWHERE), DeclareConflicts, open(), false),
        row("officer WB", officer(WB), DeclareConflicts, open(), false),
        row("applicant QC", applicant(QC), DeclareConflicts, open(), false),
        // SeeApplications: a side's officers, for their own side's applications.
        row("officer WB", officer(WB), SeeApplications, open(), true),
        row("officer QC", officer(QC), SeeApplications, closed(), true),
        row("officer elsewhere", officer(ELSEWHERE), SeeApplications, closed(), false),
        row("applicant WB", applicant(WB), SeeApplications, closed(), false),
        // Evaluators see the projects assigned to them, not the side's whole list.
        row("evaluator WB", evaluator(WB), SeeApplications, closed(), false),
        // rule 4: the commission sees the sides' work once the session opens it (session page).
        row("member QC", member(QC), SeeApplications, closed(), false),
        row("anonymous", anonymous(), SeeApplications, open(), false),
        // rule 15: personal data minimal; the administrator is no side's administration.
        row("administrator", admin(), SeeApplications, open(), false),
    ]
}

#[test]
fn calls_policy_follows_the_domain_rules_table() {
    check(table(), |v, p, f| can(v.as_ref(), p, f));
}
