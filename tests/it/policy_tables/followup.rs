//! The follow-up policy as a table written from DOMAIN.md (rules 6–10) and the roles in the
//! README, not from `can`: a row that fails is a disagreement with the rules to look at.

use passerelle::followup::FundedState::{
    self, Active, Closed, Completed, FinalReportDue, MidtermReviewed, Rescheduled, Terminated,
};
use passerelle::followup::policy::*;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};
use passerelle::viewer::Viewer;

/// The WB–QC programme, for the commission permissions.
fn programme() -> Facts {
    Facts {
        sides: vec![WB, QC],
        ..Facts::default()
    }
}
/// A funded project in `state`, seen by someone who leads none of its halves.
fn funded(state: FundedState) -> Facts {
    Facts {
        state: Some(state),
        ..programme()
    }
}
/// The same, seen by the lead of its `side` half.
fn lead(side: i64, state: FundedState) -> Facts {
    Facts {
        lead_of: Some(side),
        ..funded(state)
    }
}
/// After the mid-term session: the joint opinion (`None`: not shared yet) and the sides that
/// already released year 2.
fn midterm(joint_favourable: Option<bool>, released: &[i64]) -> Facts {
    Facts {
        joint_favourable,
        year2_released: released.to_vec(),
        ..funded(MidtermReviewed)
    }
}
/// The final report is due; `approved_by`: `None` if not filed, else who approved it.
fn final_report(approved_by: Option<&[i64]>) -> Facts {
    Facts {
        final_report_approved_by: approved_by.map(<[i64]>::to_vec),
        ..funded(FinalReportDue)
    }
}
/// `f` seen by the lead of its `side` half.
fn led_by(side: i64, f: Facts) -> Facts {
    Facts {
        lead_of: Some(side),
        ..f
    }
}
/// `f` with its state label set to `state`.
fn in_state(state: FundedState, f: Facts) -> Facts {
    Facts {
        state: Some(state),
        ..f
    }
}
/// Completed: the final report is approved by both sides (rule 10).
fn completed() -> Facts {
    Facts {
        joint_favourable: Some(true),
        year2_released: vec![WB, QC],
        final_report_approved_by: Some(vec![WB, QC]),
        ..funded(Completed)
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
    use Perm::*;
    vec![
        // View: the leads, the programme's officers and commission members.
        row("lead WB", applicant(WB), View, lead(WB, Active), true),
        // A closed project stays readable by its lead (its history, its reports).
        row("lead QC", applicant(QC), View, lead(QC, Closed), true),
        row("applicant WB, not lead", applicant(WB), View, funded(Active), false),
        row("officer WB", officer(WB), View, funded(Active), true),
        row("officer QC", officer(QC), View, funded(Rescheduled), true),
        row("officer elsewhere", officer(ELSEWHERE), View, funded(Active), false),
        row("member WB", member(WB), View, funded(Active), true),
        row("member QC", member(QC), View, funded(MidtermReviewed), true),
        // Evaluators' work ended at the session; the follow-up holds spending and opinions.
        row("evaluator WB", evaluator(WB), View, funded(Active), false),
        row("coach", coach(), View, funded(Active), false),
        // The administrator reads everything to support both administrations (kept from
        // the route registry; never acting for a side, see the rows below). Issue 12
        // revisits who reads what.
        row("administrator", admin(), View, funded(Active), true),
        // Report: the leads, while the project runs and until the final report is filed.
        row("lead WB", applicant(WB), Report, lead(WB, Active), true),
        row("lead QC", applicant(QC), Report, lead(QC, MidtermReviewed), true),
        row("lead WB", applicant(WB), Report, lead(WB, Rescheduled), true),
        // rule 10: the final report.
        row("lead QC", applicant(QC), Report, lead(QC, FinalReportDue), true),
        // Completed means the final report is approved: nothing left to report.
        row("lead WB", applicant(WB), Report, lead(WB, Completed), false),
        row("lead WB", applicant(WB), Report, lead(WB, Closed), false),
        row("applicant WB, not lead", applicant(WB), Report, funded(Active), false),
        row("officer WB", officer(WB), Report, funded(Active), false),
        row("member QC", member(QC), Report, funded(Active), false),
        // ActForSide: each side's officers, for their side (rule 6).
        row("officer WB", officer(WB), ActForSide, funded(Active), true),
        row("officer QC", officer(QC), ActForSide, funded(MidtermReviewed), true),
        row("officer elsewhere", officer(ELSEWHERE), ActForSide, funded(Active), false),
        // Closed is closed: no more spending, opinions or extensions.
        row("officer WB", officer(WB), ActForSide, funded(Closed), false),
        row("lead WB", applicant(WB), ActForSide, lead(WB, Active), false),
        // rule 6: each side funds its own partners; its administration records it.
        row("member WB", member(WB), ActForSide, funded(Active), false),
        row("administrator", admin(), ActForSide, funded(Active), false),
        // ReleaseYear2: rule 8, one's own side, once.
        row("officer WB", officer(WB), ReleaseYear2, midterm(Some(true), &[]), true),
        row("officer QC", officer(QC), ReleaseYear2, midterm(Some(true), &[WB]), true),
        // rule 6: the other side's release is its own business, mine is still to do.
        row("officer WB", officer(WB), ReleaseYear2, midterm(Some(true), &[QC]), true),
        row("officer WB", officer(WB), ReleaseYear2, midterm(Some(true), &[WB]), false),
        row("officer QC", officer(QC), ReleaseYear2, midterm(Some(true), &[QC, WB]), false),
        // rule 8: an unfavourable joint opinion blocks year 2.
        row("officer WB", officer(WB), ReleaseYear2, midterm(Some(false), &[]), false),
        // rule 8 (and rule 4): one side's opinion alone is not the joint one.
        row("officer QC", officer(QC), ReleaseYear2, midterm(None, &[]), false),
        // rule 8 conditions on the joint opinion, not on the state's label.
        row("officer WB", officer(WB), ReleaseYear2, in_state(Active, midterm(Some(true), &[])), true),
        row("officer elsewhere", officer(ELSEWHERE), ReleaseYear2, midterm(Some(true), &[]), false),
        row("lead WB", applicant(WB), ReleaseYear2, led_by(WB, midterm(Some(true), &[])), false),
        row("member WB", member(WB), ReleaseYear2, midterm(Some(true), &[]), false),
        // ApproveFinalReport: rule 10, one's own side, once, a filed report.
        row("officer WB", officer(WB), ApproveFinalReport, final_report(Some(&[])), true),
        row("officer QC", officer(QC), ApproveFinalReport, final_report(Some(&[WB])), true),
        row("officer WB", officer(WB), ApproveFinalReport, final_report(Some(&[QC])), true),
        row("officer WB", officer(WB), ApproveFinalReport, final_report(Some(&[WB])), false),
        // Nothing filed yet.
        row("officer QC", officer(QC), ApproveFinalReport, final_report(None), false),
        row("officer elsewhere", officer(ELSEWHERE), ApproveFinalReport, final_report(Some(&[])), false),
        row("lead WB", applicant(WB), ApproveFinalReport, led_by(WB, final_report(Some(&[]))), false),
        row("member QC", member(QC), ApproveFinalReport, final_report(Some(&[])), false),
        // Close: rule 10, a side's officers, once completed.
        row("officer WB", officer(WB), Close, completed(), true),
        row("officer QC", officer(QC), Close, completed(), true),
        // rule 10: no project closes without its approved final report.
        row("officer WB", officer(WB), Close, final_report(Some(&[WB])), false),
        row("officer QC", officer(QC), Close, funded(Active), false),
        // rule 10: a project terminated at mid-term still owes its final report.
        row("officer WB", officer(WB), Close, funded(Terminated), false),
        row("officer WB", officer(WB), Close, funded(Closed), false),
        row("officer elsewhere", officer(ELSEWHERE), Close, completed(), false),
        row("lead WB", applicant(WB), Close, led_by(WB, completed()), false),
        // Module doc: the officers close; the commission follows.
        row("member WB", member(WB), Close, completed(), false),
        // SeeCommission: the programme's officers and commission members.
        row("officer WB", officer(WB), SeeCommission, programme(), true),
        row("officer QC", officer(QC), SeeCommission, programme(), true),
        row("member WB", member(WB), SeeCommission, programme(), true),
        row("member QC", member(QC), SeeCommission, programme(), true),
        row("officer elsewhere", officer(ELSEWHERE), SeeCommission, programme(), false),
        row("member elsewhere", member(ELSEWHERE), SeeCommission, programme(), false),
        row("applicant WB", applicant(WB), SeeCommission, programme(), false),
        row("evaluator QC", evaluator(QC), SeeCommission, programme(), false),
        row("administrator", admin(), SeeCommission, programme(), true),
        // ManageCommission: the officers run the campaign, the exports and apply the calendar.
        row("officer WB", officer(WB), ManageCommission, programme(), true),
        row("officer QC", officer(QC), ManageCommission, programme(), true),
        row("officer elsewhere", officer(ELSEWHERE), ManageCommission, programme(), false),
        // rule 9: the commission decides a new calendar; the administrations apply it (README).
        row("member WB", member(WB), ManageCommission, programme(), false),
        row("applicant QC", applicant(QC), ManageCommission, programme(), false),
        row("administrator", admin(), ManageCommission, programme(), false),
        // Terminate (issue 11): a side's officers, for a running project whose joint mid-term
        // opinion is unfavourable, once per side; it ends when every side approved.
        row("officer WB", officer(WB), Terminate, midterm(Some(false), &[]), true),
        row("officer QC", officer(QC), Terminate, terminating(&[WB]), true),
        row("officer WB, WB approved", officer(WB), Terminate, terminating(&[WB]), false),
        row("officer QC, both approved", officer(QC), Terminate, terminating(&[WB, QC]), false),
        row("officer WB, favourable", officer(WB), Terminate, midterm(Some(true), &[]), false),
        row("officer WB, not shared yet", officer(WB), Terminate, midterm(None, &[]), false),
        row("officer WB, no longer running", officer(WB), Terminate, in_state(FinalReportDue, midterm(Some(false), &[])), false),
        row("officer QC, already terminated", officer(QC), Terminate, in_state(Terminated, midterm(Some(false), &[])), false),
        row("officer elsewhere", officer(ELSEWHERE), Terminate, midterm(Some(false), &[]), false),
        row("member WB", member(WB), Terminate, midterm(Some(false), &[]), false),
        row("lead WB", applicant(WB), Terminate, led_by(WB, midterm(Some(false), &[])), false),
        row("evaluator QC", evaluator(QC), Terminate, midterm(Some(false), &[]), false),
        row("coach", coach(), Terminate, midterm(Some(false), &[]), false),
        row("administrator", admin(), Terminate, midterm(Some(false), &[]), false),
    ]
}

/// An unfavourable joint opinion, the early end approved by `sides` so far.
fn terminating(sides: &[i64]) -> Facts {
    Facts {
        termination_approved_by: sides.to_vec(),
        ..midterm(Some(false), &[])
    }
}

#[test]
fn followup_policy_follows_the_domain_rules_table() {
    check(table(), can);
}
