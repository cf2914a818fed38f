//! The session policy as a table written from DOMAIN.md (rules 5, 11, 19), the roles in the
//! README and the settled product decisions, not from `can`: a row that fails is a
//! disagreement with the rules to look at.

use passerelle::commissions::SessionState::{self, Closed, Open, Scheduled};
use passerelle::decisions::policy::*;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};
use passerelle::viewer::Viewer;

/// The account every viewer of the tables has (`super::viewer`).
const ME: i64 = 7;
/// Another account.
const SOMEONE: i64 = 8;

/// A session of the WB–QC programme in `state`, nothing released or signed yet; the viewer is
/// invited and co-chairs neither side.
fn session(state: SessionState) -> Facts {
    Facts {
        sides: vec![WB, QC],
        state,
        released_by: vec![],
        signed_by: vec![],
        participants: vec![ME],
        co_chairs: vec![(WB, SOMEONE), (QC, SOMEONE + 1)],
    }
}
/// `f` where the viewer is not among the participants.
fn not_invited(f: Facts) -> Facts {
    Facts {
        participants: vec![SOMEONE],
        ..f
    }
}
/// `f` where the viewer is the co-chair of `side`.
fn co_chair_of(f: Facts, side: i64) -> Facts {
    Facts {
        co_chairs: f
            .co_chairs
            .iter()
            .map(|(s, u)| (*s, if *s == side { ME } else { *u }))
            .collect(),
        ..f
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
        // JoinMeeting: an online session's link and its calendar file reach only the
        // session's participants (rule 19; issue 11: the officers invite them), in any state;
        // a role is not enough.
        row("member WB, invited", member(WB), JoinMeeting, session(Scheduled), true),
        row("officer QC, invited", officer(QC), JoinMeeting, session(Open), true),
        row("member QC, invited", member(QC), JoinMeeting, session(Closed), true),
        row("member WB, not invited", member(WB), JoinMeeting, not_invited(session(Scheduled)), false),
        row("officer QC, not invited", officer(QC), JoinMeeting, not_invited(session(Open)), false),
        row("applicant WB, not invited", applicant(WB), JoinMeeting, not_invited(session(Scheduled)), false),
        row("evaluator QC, not invited", evaluator(QC), JoinMeeting, not_invited(session(Open)), false),
        row("coach, not invited", coach(), JoinMeeting, not_invited(session(Scheduled)), false),
        row("administrator, not invited", admin(), JoinMeeting, not_invited(session(Scheduled)), false),
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
        // Sign: a side's co-chair (an account named on the edition) signs the closed session's
        // minutes for that side, once (issue 11: not any commission member).
        row("co-chair WB", member(WB), Sign, co_chair_of(session(Closed), WB), true),
        row("co-chair QC, WB signed", member(QC), Sign, signed(co_chair_of(session(Closed), QC), &[WB]), true),
        row("co-chair WB, WB signed", member(WB), Sign, signed(co_chair_of(session(Closed), WB), &[WB]), false),
        row("co-chair QC, both signed", member(QC), Sign, signed(co_chair_of(session(Closed), QC), &[WB, QC]), false),
        row("co-chair WB, session open", member(WB), Sign, co_chair_of(session(Open), WB), false),
        row("co-chair QC, session scheduled", member(QC), Sign, co_chair_of(session(Scheduled), QC), false),
        // A commission member who is not a co-chair does not sign as one.
        row("member WB, not co-chair", member(WB), Sign, session(Closed), false),
        row("member QC, not co-chair", member(QC), Sign, session(Closed), false),
        // The co-chair account signs whatever its role (an officer may co-chair).
        row("officer WB, co-chair", officer(WB), Sign, co_chair_of(session(Closed), WB), true),
        row("officer WB, not co-chair", officer(WB), Sign, session(Closed), false),
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
