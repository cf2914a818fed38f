//! The session policy as a table written from DOMAIN.md (rules 5, 11, 19), the roles in the
//! README and the settled product decisions, not from `can`: a row that fails is a
//! disagreement with the rules to look at.

use passerelle::commissions::SessionState::{self, Closed, Open, Scheduled};
use passerelle::decisions::policy::*;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};
use passerelle::viewer::Viewer;

/// A session of the WB–QC programme in `state`, nothing released or signed yet.
fn session(state: SessionState) -> Facts {
    Facts {
        sides: vec![WB, QC],
        state,
        released_by: vec![],
        signed_by: vec![],
    }
}
/// `f` once `sides` released the decisions to their applicants.
fn released(f: Facts, sides: &[i64]) -> Facts {
    Facts {
        released_by: sides.to_vec(),
        ..f
    }
}
/// `f` once the commission members of `sides` signed the minutes.
fn signed(f: Facts, sides: &[i64]) -> Facts {
    Facts {
        signed_by: sides.to_vec(),
        ..f
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
    use Perm::*;
    vec![
        // View: the session's participants — the programme's officers and commission members
        // (rule 19: a joint body has members; only they receive the meeting link).
        row("officer WB", officer(WB), View, session(Scheduled), true),
        row("officer QC", officer(QC), View, session(Open), true),
        row("member WB", member(WB), View, session(Open), true),
        row("member QC", member(QC), View, signed(released(session(Closed), &[WB, QC]), &[WB, QC]), true),
        row("officer elsewhere", officer(ELSEWHERE), View, session(Open), false),
        row("member elsewhere", member(ELSEWHERE), View, session(Open), false),
        // Applicants learn the decision from their side's released letter, not the session page.
        row("applicant WB", applicant(WB), View, session(Closed), false),
        row("evaluator QC", evaluator(QC), View, session(Open), false),
        row("coach", coach(), View, session(Open), false),
        // Settled: the administrator reads everything for support.
        row("administrator", admin(), View, session(Open), true),
        row("administrator", admin(), View, session(Closed), true),
        // TakePart: officers and commission members of the programme, from opening to closing.
        row("officer WB, to open it", officer(WB), TakePart, session(Scheduled), true),
        row("member QC, to open it", member(QC), TakePart, session(Scheduled), true),
        row("officer WB", officer(WB), TakePart, session(Open), true),
        row("officer QC", officer(QC), TakePart, session(Open), true),
        row("member WB", member(WB), TakePart, session(Open), true),
        row("member QC", member(QC), TakePart, session(Open), true),
        // Decisions are final once the session is closed.
        row("officer WB", officer(WB), TakePart, session(Closed), false),
        row("member QC", member(QC), TakePart, session(Closed), false),
        // JoinMeeting: an online session's link reaches only its members (rule 19): the
        // programme's commission members and officers, in any state; nobody else, not even
        // a signed-in applicant or the administrator.
        row("member WB", member(WB), JoinMeeting, session(Scheduled), true),
        row("officer QC", officer(QC), JoinMeeting, session(Open), true),
        row("member QC", member(QC), JoinMeeting, session(Closed), true),
        row("member elsewhere", member(ELSEWHERE), JoinMeeting, session(Scheduled), false),
        row("applicant WB", applicant(WB), JoinMeeting, session(Scheduled), false),
        row("evaluator QC", evaluator(QC), JoinMeeting, session(Open), false),
        row("coach", coach(), JoinMeeting, session(Scheduled), false),
        row("administrator", admin(), JoinMeeting, session(Scheduled), false),
        // rule 18: nobody acts for a side of another programme here.
        row("officer elsewhere", officer(ELSEWHERE), TakePart, session(Open), false),
        row("member elsewhere", member(ELSEWHERE), TakePart, session(Open), false),
        row("applicant WB", applicant(WB), TakePart, session(Open), false),
        row("evaluator WB", evaluator(WB), TakePart, session(Open), false),
        row("coach", coach(), TakePart, session(Open), false),
        // Settled: the administrator never acts for a side.
        row("administrator", admin(), TakePart, session(Open), false),
        // Release: a side's officers, once the session is closed, once per side.
        row("officer WB", officer(WB), Release, session(Closed), true),
        // The other side's release does not stand for mine (each side writes to its applicants).
        row("officer QC, WB released", officer(QC), Release, released(session(Closed), &[WB]), true),
        row("officer WB, WB released", officer(WB), Release, released(session(Closed), &[WB]), false),
        row("officer QC, both released", officer(QC), Release, released(session(Closed), &[WB, QC]), false),
        // Releasing does not wait for the minutes' signatures (no rule ties them).
        row("officer QC, minutes signed", officer(QC), Release, signed(session(Closed), &[WB, QC]), true),
        row("officer WB", officer(WB), Release, session(Open), false),
        row("officer QC", officer(QC), Release, session(Scheduled), false),
        // Settled: only officers release.
        row("member WB", member(WB), Release, session(Closed), false),
        row("officer elsewhere", officer(ELSEWHERE), Release, session(Closed), false),
        row("applicant WB", applicant(WB), Release, session(Closed), false),
        row("evaluator QC", evaluator(QC), Release, session(Closed), false),
        row("coach", coach(), Release, session(Closed), false),
        row("administrator", admin(), Release, session(Closed), false),
        // Sign: a side's commission members sign the closed session's minutes, once per side.
        row("member WB", member(WB), Sign, session(Closed), true),
        row("member QC, WB signed", member(QC), Sign, signed(session(Closed), &[WB]), true),
        row("member WB, WB signed", member(WB), Sign, signed(session(Closed), &[WB]), false),
        row("member QC, both signed", member(QC), Sign, signed(session(Closed), &[WB, QC]), false),
        row("member WB", member(WB), Sign, session(Open), false),
        row("member QC", member(QC), Sign, session(Scheduled), false),
        // rule 19 and settled: only commission members sign.
        row("officer WB", officer(WB), Sign, session(Closed), false),
        row("member elsewhere", member(ELSEWHERE), Sign, session(Closed), false),
        row("applicant QC", applicant(QC), Sign, session(Closed), false),
        row("evaluator WB", evaluator(WB), Sign, session(Closed), false),
        row("coach", coach(), Sign, session(Closed), false),
        row("administrator", admin(), Sign, session(Closed), false),
    ]
}

#[test]
fn decisions_policy_follows_the_domain_rules_table() {
    check(table(), can);
}
