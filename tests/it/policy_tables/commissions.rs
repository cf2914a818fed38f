//! The editions policy as a table written from issue 11 ("CMP editions and sessions, by the
//! sides' officers: created by one side, approved by the other, as calls already are") and
//! DOMAIN.md rule 18 (nobody acts for a side of another programme), not from `can`.

use passerelle::commissions::model::EditionState::{self, Approved as Standing, Draft as InDraft};
use passerelle::commissions::policy::*;
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
        // View: the programme's officers and commission members, and the administrator.
        row("officer WB", officer(WB), View, edition(InDraft, &[]), true),
        row("member QC", member(QC), View, edition(Standing, &[WB, QC]), true),
        row("administrator", admin(), View, edition(InDraft, &[WB]), true),
        row("officer elsewhere", officer(ELSEWHERE), View, edition(Standing, &[]), false),
        row("applicant WB", applicant(WB), View, edition(Standing, &[]), false),
        row("evaluator QC", evaluator(QC), View, edition(Standing, &[]), false),
        row("coach", coach(), View, edition(Standing, &[]), false),
        // Draft: either side's officers prepare the next edition.
        row("officer WB", officer(WB), Draft, edition(InDraft, &[]), true),
        row("officer QC", officer(QC), Draft, edition(InDraft, &[]), true),
        row("member WB", member(WB), Draft, edition(InDraft, &[]), false),
        row("officer elsewhere", officer(ELSEWHERE), Draft, edition(InDraft, &[]), false),
        row("administrator", admin(), Draft, edition(InDraft, &[]), false),
        // Edit: officers, while it is a draft (approved editions are final).
        row("officer QC", officer(QC), Edit, edition(InDraft, &[WB]), true),
        row("officer WB", officer(WB), Edit, edition(Standing, &[WB, QC]), false),
        row("member QC", member(QC), Edit, edition(InDraft, &[]), false),
        row("applicant QC", applicant(QC), Edit, edition(InDraft, &[]), false),
        // Approve: an officer of a side that has not approved the current content yet.
        row("officer QC, WB approved", officer(QC), Approve, edition(InDraft, &[WB]), true),
        row("officer WB, WB approved", officer(WB), Approve, edition(InDraft, &[WB]), false),
        row("officer WB, none approved", officer(WB), Approve, edition(InDraft, &[]), true),
        row("officer QC, approved edition", officer(QC), Approve, edition(Standing, &[WB, QC]), false),
        row("member QC", member(QC), Approve, edition(InDraft, &[WB]), false),
        row("officer elsewhere", officer(ELSEWHERE), Approve, edition(InDraft, &[WB]), false),
        row("administrator", admin(), Approve, edition(InDraft, &[WB]), false),
        // Convene (and move or cancel) sessions: officers, once both sides approved.
        row("officer WB", officer(WB), Convene, edition(Standing, &[WB, QC]), true),
        row("officer QC", officer(QC), Convene, edition(Standing, &[WB, QC]), true),
        row("officer WB, draft", officer(WB), Convene, edition(InDraft, &[WB]), false),
        row("member WB", member(WB), Convene, edition(Standing, &[WB, QC]), false),
        row("officer elsewhere", officer(ELSEWHERE), Convene, edition(Standing, &[WB, QC]), false),
        row("evaluator WB", evaluator(WB), Convene, edition(Standing, &[WB, QC]), false),
        row("coach", coach(), Convene, edition(Standing, &[WB, QC]), false),
        row("administrator", admin(), Convene, edition(Standing, &[WB, QC]), false),
    ]
}

#[test]
fn commissions_policy_follows_the_issue_and_domain_rules_table() {
    check(table(), can);
}
