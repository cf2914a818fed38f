//! The evaluation policy as a table written from DOMAIN.md (rule 4 and "evaluation is
//! separate per side"), the roles in the README and the settled product decisions, not from
//! `can`: a row that fails is a disagreement with the rules to look at.

use passerelle::evaluations::policy::*;

use super::{
    ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
};
use passerelle::viewer::Viewer;

/// The evaluation on `side` of a WB–QC call, before the joint session opens it, with no
/// assignment to the viewer.
fn of(side: i64) -> Facts {
    Facts {
        call_sides: vec![WB, QC],
        side,
        ..Facts::default()
    }
}
/// `f` once the joint session deciding on the call has opened (rule 4).
fn opened(f: Facts) -> Facts {
    Facts {
        session_open: true,
        ..f
    }
}
/// `f` with an assignment of the viewer's own: not submitted, no conflict declared.
fn mine(f: Facts) -> Facts {
    Facts {
        assigned_to_viewer: true,
        ..f
    }
}
/// `f` once the assignment was submitted.
fn submitted(f: Facts) -> Facts {
    Facts {
        submitted: true,
        ..f
    }
}
/// `f` once the viewer declared a conflict with the project.
fn conflicted(f: Facts) -> Facts {
    Facts {
        conflict: true,
        ..f
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
    use Perm::*;
    vec![
        // ManageSide: the side's officers run their own side's evaluation (README: grid,
        // evaluators, recommendations); evaluation is separate per side.
        // ChangeSide: the side's officers change their own side's evaluation (grid,
        // assignments, affiliations, recommendations) until the joint session opens it to the
        // other side; then it stays as it was shown (rules 4 and 17).
        row("officer WB", officer(WB), ChangeSide, of(WB), true),
        row("officer QC", officer(QC), ChangeSide, of(QC), true),
        row("officer WB", officer(WB), ChangeSide, opened(of(WB)), false),
        row("officer QC", officer(QC), ChangeSide, of(WB), false),
        row("evaluator WB", evaluator(WB), ChangeSide, of(WB), false),
        row("member WB", member(WB), ChangeSide, of(WB), false),
        row("applicant QC", applicant(QC), ChangeSide, of(QC), false),
        row("coach", coach(), ChangeSide, of(WB), false),
        row("administrator", admin(), ChangeSide, of(WB), false),
        row("officer WB", officer(WB), ManageSide, of(WB), true),
        row("officer QC", officer(QC), ManageSide, of(QC), true),
        // rule 4: neither side sees (let alone runs) the other's evaluation.
        row("officer QC", officer(QC), ManageSide, of(WB), false),
        row("officer WB", officer(WB), ManageSide, of(QC), false),
        // Once the session opens, the other side reads the results; it still does not run them.
        row("officer WB", officer(WB), ManageSide, opened(of(QC)), false),
        row("officer elsewhere", officer(ELSEWHERE), ManageSide, of(WB), false),
        // A side that is not one of the call's sides has no evaluation of it.
        row("officer elsewhere", officer(ELSEWHERE), ManageSide, of(ELSEWHERE), false),
        row("applicant WB", applicant(WB), ManageSide, of(WB), false),
        row("evaluator WB", evaluator(WB), ManageSide, of(WB), false),
        row("member WB", member(WB), ManageSide, of(WB), false),
        row("coach", coach(), ManageSide, of(WB), false),
        // Settled: the administrator never acts for a side.
        row("administrator", admin(), ManageSide, of(WB), false),
        // DeclareConflicts: the side's evaluators, on projects of their own side (README).
        row("evaluator WB", evaluator(WB), DeclareConflicts, of(WB), true),
        row("evaluator QC", evaluator(QC), DeclareConflicts, mine(of(QC)), true),
        row("evaluator QC", evaluator(QC), DeclareConflicts, of(WB), false),
        row("evaluator elsewhere", evaluator(ELSEWHERE), DeclareConflicts, of(ELSEWHERE), false),
        row("applicant WB", applicant(WB), DeclareConflicts, of(WB), false),
        // Officers record affiliations (ManageSide); a conflict is the evaluator's own declaration.
        row("officer WB", officer(WB), DeclareConflicts, of(WB), false),
        row("member QC", member(QC), DeclareConflicts, of(QC), false),
        row("coach", coach(), DeclareConflicts, of(WB), false),
        row("administrator", admin(), DeclareConflicts, of(WB), false),
        // Evaluate: the side's evaluator, on their own assignment, not yet submitted, no conflict.
        row("evaluator WB", evaluator(WB), Evaluate, mine(of(WB)), true),
        row("evaluator QC", evaluator(QC), Evaluate, mine(of(QC)), true),
        row("evaluator WB, not assigned", evaluator(WB), Evaluate, of(WB), false),
        row("evaluator WB, submitted", evaluator(WB), Evaluate, submitted(mine(of(WB))), false),
        row("evaluator WB, conflict", evaluator(WB), Evaluate, conflicted(mine(of(WB))), false),
        // Evaluation is separate per side.
        row("evaluator QC", evaluator(QC), Evaluate, mine(of(WB)), false),
        row("evaluator elsewhere", evaluator(ELSEWHERE), Evaluate, mine(of(ELSEWHERE)), false),
        // rules 4 and 17: once the session has opened the work, it is what the commission saw.
        row("evaluator WB, session open", evaluator(WB), Evaluate, opened(mine(of(WB))), false),
        row("applicant WB", applicant(WB), Evaluate, mine(of(WB)), false),
        row("officer WB", officer(WB), Evaluate, mine(of(WB)), false),
        row("member WB", member(WB), Evaluate, mine(of(WB)), false),
        row("coach", coach(), Evaluate, mine(of(WB)), false),
        row("administrator", admin(), Evaluate, mine(of(WB)), false),
        // ReadApplication: the evaluator reads the filed application they were assigned, while
        // scoring and after (submitted, session open: the evaluation stays of what was filed);
        // not a project they were not given, nor one they declared a conflict with.
        row("evaluator WB", evaluator(WB), ReadApplication, mine(of(WB)), true),
        row("evaluator QC", evaluator(QC), ReadApplication, mine(of(QC)), true),
        row("evaluator WB, submitted", evaluator(WB), ReadApplication, submitted(mine(of(WB))), true),
        row("evaluator WB, session open", evaluator(WB), ReadApplication, opened(mine(of(WB))), true),
        row("evaluator WB, not assigned", evaluator(WB), ReadApplication, of(WB), false),
        row("evaluator WB, conflict", evaluator(WB), ReadApplication, conflicted(mine(of(WB))), false),
        // rule 4: the other side's half is not the evaluator's to read.
        row("evaluator QC", evaluator(QC), ReadApplication, mine(of(WB)), false),
        row("evaluator elsewhere", evaluator(ELSEWHERE), ReadApplication, mine(of(ELSEWHERE)), false),
        // The officers read it on the project page (projects policy), not through an assignment.
        row("officer WB", officer(WB), ReadApplication, mine(of(WB)), false),
        row("applicant WB", applicant(WB), ReadApplication, mine(of(WB)), false),
        row("member WB", member(WB), ReadApplication, mine(of(WB)), false),
        row("coach", coach(), ReadApplication, mine(of(WB)), false),
        row("administrator", admin(), ReadApplication, mine(of(WB)), false),
        // SeeResults: the side's officers always; the other side and the commission once the
        // joint session opens them (rule 4; README: the session page shows both sides' rankings
        // and recommendations once open).
        row("officer WB", officer(WB), SeeResults, of(WB), true),
        row("officer QC", officer(QC), SeeResults, of(WB), false),
        row("officer WB", officer(WB), SeeResults, of(QC), false),
        row("officer QC, session open", officer(QC), SeeResults, opened(of(WB)), true),
        row("officer WB, session open", officer(WB), SeeResults, opened(of(QC)), true),
        row("officer elsewhere, session open", officer(ELSEWHERE), SeeResults, opened(of(WB)), false),
        row("officer elsewhere, session open", officer(ELSEWHERE), SeeResults, opened(of(ELSEWHERE)), false),
        row("member WB, session open", member(WB), SeeResults, opened(of(WB)), true),
        row("member QC, session open", member(QC), SeeResults, opened(of(WB)), true),
        // The commission reads the rankings at the session, not before.
        row("member WB", member(WB), SeeResults, of(WB), false),
        row("member QC", member(QC), SeeResults, of(WB), false),
        // Evaluators score their assignments; the side's ranking is the officers' and the commission's.
        row("evaluator WB", evaluator(WB), SeeResults, of(WB), false),
        row("applicant WB, session open", applicant(WB), SeeResults, opened(of(WB)), false),
        row("coach, session open", coach(), SeeResults, opened(of(WB)), false),
        // Settled: the administrator reads for support, once the session has opened.
        row("administrator, session open", admin(), SeeResults, opened(of(WB)), true),
        row("administrator", admin(), SeeResults, of(WB), false),
    ]
}

#[test]
fn evaluations_policy_follows_the_domain_rules_table() {
    check(table(), can);
}
