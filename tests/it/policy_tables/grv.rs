//! The Grands Rendez-vous editions policy as a table written from issue 14 ("Editions, set up by
//! both sides' officers like a CMP edition (created by one side, approved by the other)") and
//! DOMAIN.md (the edition's lifecycle; nobody acts for a side of another programme), not from
//! `can`.

use passerelle::grv::model::EditionState::{
    self, Approved, CallOpen, Completed, DemoDay, Draft as InDraft, ProgrammeRunning, Screening,
};
use passerelle::grv::policy::*;
use passerelle::viewer::Viewer;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};

/// An edition of the WB–QC programme in `state`, approved by `approved_by`.
fn edition(state: EditionState, approved_by: &[i64]) -> Facts {
    Facts {
        sides: vec![WB, QC],
        state,
        approved_by: approved_by.to_vec(),
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
    use Perm::*;
    vec![
        // View: the programme's officers and the administrator (candidates and coaches get
        // their own pages; commission members have no part in the GRV).
        row("officer WB", officer(WB), View, edition(InDraft, &[]), true),
        row("officer QC", officer(QC), View, edition(Screening, &[WB, QC]), true),
        row("administrator", admin(), View, edition(InDraft, &[WB]), true),
        row("officer elsewhere", officer(ELSEWHERE), View, edition(CallOpen, &[]), false),
        row("member QC", member(QC), View, edition(CallOpen, &[]), false),
        row("applicant WB", applicant(WB), View, edition(CallOpen, &[]), false),
        row("evaluator QC", evaluator(QC), View, edition(CallOpen, &[]), false),
        row("coach", coach(), View, edition(ProgrammeRunning, &[]), false),
        // Draft: either side's officers prepare an edition.
        row("officer WB", officer(WB), Draft, edition(InDraft, &[]), true),
        row("officer QC", officer(QC), Draft, edition(InDraft, &[]), true),
        row("officer elsewhere", officer(ELSEWHERE), Draft, edition(InDraft, &[]), false),
        row("administrator", admin(), Draft, edition(InDraft, &[]), false),
        row("coach", coach(), Draft, edition(InDraft, &[]), false),
        // Edit: officers, while it is a draft (an approved edition is final).
        row("officer QC", officer(QC), Edit, edition(InDraft, &[WB]), true),
        row("officer WB, approved", officer(WB), Edit, edition(Approved, &[WB, QC]), false),
        row("officer WB, call open", officer(WB), Edit, edition(CallOpen, &[WB, QC]), false),
        row("applicant QC", applicant(QC), Edit, edition(InDraft, &[]), false),
        // Approve: an officer of a side that has not approved the current content yet.
        row("officer QC, WB approved", officer(QC), Approve, edition(InDraft, &[WB]), true),
        row("officer WB, WB approved", officer(WB), Approve, edition(InDraft, &[WB]), false),
        row("officer WB, none approved", officer(WB), Approve, edition(InDraft, &[]), true),
        row("officer QC, approved", officer(QC), Approve, edition(Approved, &[WB, QC]), false),
        row("officer elsewhere", officer(ELSEWHERE), Approve, edition(InDraft, &[WB]), false),
        row("administrator", admin(), Approve, edition(InDraft, &[WB]), false),
        // Advance: each side's officers ask for the next step of a standing edition, up to
        // completed; a draft moves only by the sides' approvals.
        row("officer WB, approved", officer(WB), Advance, edition(Approved, &[]), true),
        row("officer QC, demo day, WB asked", officer(QC), Advance, edition(DemoDay, &[WB]), true),
        row("officer WB, draft", officer(WB), Advance, edition(InDraft, &[WB]), false),
        row("officer QC, completed", officer(QC), Advance, edition(Completed, &[WB, QC]), false),
        row("officer elsewhere", officer(ELSEWHERE), Advance, edition(Screening, &[]), false),
        row("administrator", admin(), Advance, edition(Screening, &[]), false),
        row("coach", coach(), Advance, edition(ProgrammeRunning, &[]), false),
        row("member WB", member(WB), Advance, edition(Screening, &[]), false),
        row("applicant QC", applicant(QC), Approve, edition(InDraft, &[]), false),
        row("member QC", member(QC), Approve, edition(InDraft, &[WB]), false),
        // Each side asks for a step once; the step is taken when every side has.
        row("officer QC, WB asked", officer(QC), Advance, edition(Screening, &[WB]), true),
        row("officer WB, WB asked", officer(WB), Advance, edition(Screening, &[WB]), false),
    ]
}

#[test]
fn grv_editions_policy_follows_the_issue_and_domain_rules_table() {
    check(table(), can);
}

/// Candidacies (issue 14, item 2): "individuals or teams" apply on their own side while its
/// call is open; the candidacy is theirs to change and file before their side's deadline;
/// consent is theirs alone, at any time; their side's officers read it, the other side's do
/// not before the sides meet (DOMAIN.md rule 4, separate evaluation); officers do not apply.
mod candidacies {
    use passerelle::grv::model::EditionState::{self, CallOpen, Closed, Screening};
    use passerelle::grv::policy::candidacies::*;
    use passerelle::submissions::FilingState::{self, Draft, Submitted, Withdrawn};
    use passerelle::viewer::Viewer;

    use super::super::{QC, Row, WB, admin, applicant, check, coach, officer, row};

    /// The viewer of the tables has id 7.
    const ME: i64 = 7;

    fn to_apply(state: EditionState, side: i64, before_deadline: bool) -> Facts {
        Facts {
            sides: vec![WB, QC],
            state,
            side: Some(side),
            author: None,
            filing: None,
            before_deadline,
        }
    }

    fn candidacy(
        author: i64,
        side: i64,
        filing: FilingState,
        state: EditionState,
        before: bool,
    ) -> Facts {
        Facts {
            sides: vec![WB, QC],
            state,
            side: Some(side),
            author: Some(author),
            filing: Some(filing),
            before_deadline: before,
        }
    }

    #[rustfmt::skip]
    fn table() -> Vec<Row<Perm, Facts, Viewer>> {
        use Perm::*;
        vec![
            // Apply: on one's own side, call open, before that side's deadline.
            row("applicant QC", applicant(QC), Apply, to_apply(CallOpen, QC, true), true),
            row("applicant QC, deadline passed", applicant(QC), Apply, to_apply(CallOpen, QC, false), false),
            row("applicant QC, call closed", applicant(QC), Apply, to_apply(Closed, QC, true), false),
            row("applicant QC, on WB", applicant(QC), Apply, to_apply(CallOpen, WB, true), false),
            row("officer QC", officer(QC), Apply, to_apply(CallOpen, QC, true), false),
            row("coach (no side)", coach(), Apply, to_apply(CallOpen, QC, true), false),
            // Edit (change, file): the author, call open, before the deadline, not withdrawn.
            row("author", applicant(QC), Edit, candidacy(ME, QC, Draft, CallOpen, true), true),
            row("author, filed", applicant(QC), Edit, candidacy(ME, QC, Submitted, CallOpen, true), true),
            row("author, deadline passed", applicant(QC), Edit, candidacy(ME, QC, Draft, CallOpen, false), false),
            row("author, withdrawn", applicant(QC), Edit, candidacy(ME, QC, Withdrawn, CallOpen, true), false),
            row("author, screening", applicant(QC), Edit, candidacy(ME, QC, Submitted, Screening, true), false),
            row("someone else", applicant(QC), Edit, candidacy(8, QC, Draft, CallOpen, true), false),
            row("officer QC", officer(QC), Edit, candidacy(8, QC, Draft, CallOpen, true), false),
            // Read: the author and the side's officers only.
            row("author", applicant(QC), Read, candidacy(ME, QC, Draft, Screening, false), true),
            row("officer QC", officer(QC), Read, candidacy(8, QC, Submitted, Screening, false), true),
            row("officer QC, a draft", officer(QC), Read, candidacy(8, QC, Draft, CallOpen, true), false),
            row("officer WB", officer(WB), Read, candidacy(8, QC, Submitted, Screening, false), false),
            row("another applicant", applicant(QC), Read, candidacy(8, QC, Submitted, Screening, false), false),
            row("administrator", admin(), Read, candidacy(8, QC, Submitted, Screening, false), false),
            // Consent: the author, at any time, apart from filing (even before it).
            row("author, after the call", applicant(QC), Consent, candidacy(ME, QC, Submitted, Screening, false), true),
            row("author, a draft", applicant(QC), Consent, candidacy(ME, QC, Draft, CallOpen, true), true),
            row("officer QC", officer(QC), Consent, candidacy(8, QC, Submitted, Screening, false), false),
        ]
    }

    #[test]
    fn grv_candidacies_policy_follows_the_issue_and_domain_rules_table() {
        check(table(), can);
    }
}
