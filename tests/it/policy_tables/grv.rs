//! The Grands Rendez-vous editions policy as a table written from issue 14 ("Editions, set up by
//! both sides' officers like a CMP edition (created by one side, approved by the other)") and
//! DOMAIN.md (the edition's lifecycle; nobody acts for a side of another programme), not from
//! `can`.

use passerelle::grv::model::EditionState::{
    self, Approved, CallOpen, Closed, Completed, DemoDay, Draft as InDraft, ProgrammeRunning,
    Screening,
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
        row("officer QC, WB asked", officer(QC), Advance, edition(Closed, &[WB]), true),
        row("officer WB, WB asked", officer(WB), Advance, edition(Closed, &[WB]), false),
        // Screening ends with the cohort both sides approve (item 3), never by a step.
        row("officer WB, screening", officer(WB), Advance, edition(Screening, &[]), false),
        row("officer QC, screening, WB asked", officer(QC), Advance, edition(Screening, &[WB]), false),
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
    use passerelle::grv::model::EditionState::{
        self, CallOpen, Closed, CohortSelected, Completed, ProgrammeRunning, Screening,
    };
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
            sides_met: false,
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
            sides_met: false,
        }
    }

    /// A filed candidacy once every side has sent its shortlist (the sides have met).
    fn met(author: i64, side: i64, filing: FilingState) -> Facts {
        Facts {
            sides_met: true,
            ..candidacy(author, side, filing, Screening, false)
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
            // Read, once the sides have met (item 3): the other side's officers read what was
            // filed; nobody else more than before.
            row("officer WB, sides met", officer(WB), Read, met(8, QC, Submitted), true),
            row("officer WB, sides met, a draft", officer(WB), Read, met(8, QC, Draft), false),
            row("officer QC, withdrawn after filing", officer(QC), Read, candidacy(8, QC, Withdrawn, CohortSelected, false), true),
            row("applicant WB, sides met", applicant(WB), Read, met(8, QC, Submitted), false),
            row("administrator, sides met", admin(), Read, met(8, QC, Submitted), false),
            // Withdraw: the author, filed or not, until the edition is completed; once.
            row("author, draft", applicant(QC), Withdraw, candidacy(ME, QC, Draft, CallOpen, true), true),
            row("author, selected", applicant(QC), Withdraw, candidacy(ME, QC, Submitted, CohortSelected, false), true),
            row("author, programme running", applicant(QC), Withdraw, candidacy(ME, QC, Submitted, ProgrammeRunning, false), true),
            row("author, completed", applicant(QC), Withdraw, candidacy(ME, QC, Submitted, Completed, false), false),
            row("author, withdrawn", applicant(QC), Withdraw, candidacy(ME, QC, Withdrawn, Screening, false), false),
            row("officer QC", officer(QC), Withdraw, candidacy(8, QC, Submitted, Screening, false), false),
            row("another applicant", applicant(QC), Withdraw, candidacy(8, QC, Submitted, Screening, false), false),
        ]
    }

    #[test]
    fn grv_candidacies_policy_follows_the_issue_and_domain_rules_table() {
        check(table(), can);
    }
}

/// Screening and joint selection (issue 14, item 3): "each side screens its candidates (...
/// confidential to the side until the joint meeting); a joint selection of the cohort with a
/// quota per side, both sides approving what they saw" — DOMAIN.md rule 4 (separate
/// evaluation, shown to the other side only at the joint meeting).
pub mod screening {
    use passerelle::grv::model::EditionState::{self, Closed, CohortSelected, Screening};
    use passerelle::grv::policy::screening::*;
    use passerelle::viewer::Viewer;

    use super::super::{
        ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
    };

    fn facts(state: EditionState, side: Option<i64>, sent: &[i64], approved: &[i64]) -> Facts {
        Facts {
            sides: vec![WB, QC],
            state,
            side,
            sent_by: sent.to_vec(),
            approved_by: approved.to_vec(),
        }
    }

    #[rustfmt::skip]
    pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
        use Perm::*;
        vec![
            // ReadSide: a side's officers read their own side's screening, from screening on.
            row("officer WB, own side", officer(WB), ReadSide, facts(Screening, Some(WB), &[], &[]), true),
            row("officer WB, after", officer(WB), ReadSide, facts(CohortSelected, Some(WB), &[WB, QC], &[]), true),
            row("officer WB, before screening", officer(WB), ReadSide, facts(Closed, Some(WB), &[], &[]), false),
            row("officer QC, WB's side", officer(QC), ReadSide, facts(Screening, Some(WB), &[WB, QC], &[]), false),
            row("administrator", admin(), ReadSide, facts(Screening, Some(WB), &[], &[]), false),
            row("evaluator WB", evaluator(WB), ReadSide, facts(Screening, Some(WB), &[], &[]), false),
            row("member WB", member(WB), ReadSide, facts(Screening, Some(WB), &[], &[]), false),
            row("officer elsewhere", officer(ELSEWHERE), ReadSide, facts(Screening, Some(ELSEWHERE), &[], &[]), false),
            // Screen: own side, during screening, until the side sent its shortlist.
            row("officer WB", officer(WB), Screen, facts(Screening, Some(WB), &[QC], &[]), true),
            row("officer WB, sent", officer(WB), Screen, facts(Screening, Some(WB), &[WB], &[]), false),
            row("officer WB, closed", officer(WB), Screen, facts(Closed, Some(WB), &[], &[]), false),
            row("officer QC, on WB", officer(QC), Screen, facts(Screening, Some(WB), &[], &[]), false),
            row("applicant WB", applicant(WB), Screen, facts(Screening, Some(WB), &[], &[]), false),
            // ReadJoint: once every side sent its shortlist — the programme's officers and the
            // administrator; nobody before.
            row("officer QC, both sent", officer(QC), ReadJoint, facts(Screening, None, &[WB, QC], &[]), true),
            row("officer QC, only WB sent", officer(QC), ReadJoint, facts(Screening, None, &[WB], &[]), false),
            row("officer WB, only WB sent", officer(WB), ReadJoint, facts(Screening, None, &[WB], &[]), false),
            row("administrator, both sent", admin(), ReadJoint, facts(CohortSelected, None, &[WB, QC], &[]), true),
            row("member QC, both sent", member(QC), ReadJoint, facts(Screening, None, &[WB, QC], &[]), false),
            row("applicant QC, both sent", applicant(QC), ReadJoint, facts(Screening, None, &[WB, QC], &[]), false),
            row("coach, both sent", coach(), ReadJoint, facts(CohortSelected, None, &[WB, QC], &[]), false),
            row("officer elsewhere", officer(ELSEWHERE), ReadJoint, facts(Screening, None, &[WB, QC], &[]), false),
            // Propose: the programme's officers, once met, until the cohort stands.
            row("officer WB, met", officer(WB), Propose, facts(Screening, None, &[WB, QC], &[]), true),
            row("officer WB, not met", officer(WB), Propose, facts(Screening, None, &[WB], &[]), false),
            row("officer WB, cohort stands", officer(WB), Propose, facts(CohortSelected, None, &[WB, QC], &[WB, QC]), false),
            row("administrator, met", admin(), Propose, facts(Screening, None, &[WB, QC], &[]), false),
            // Approve: a side that has not approved the cohort as it is, once met.
            row("officer QC, WB approved", officer(QC), Approve, facts(Screening, None, &[WB, QC], &[WB]), true),
            row("officer WB, WB approved", officer(WB), Approve, facts(Screening, None, &[WB, QC], &[WB]), false),
            row("officer WB, not met", officer(WB), Approve, facts(Screening, None, &[QC], &[]), false),
            row("officer WB, stands", officer(WB), Approve, facts(CohortSelected, None, &[WB, QC], &[]), false),
            row("administrator", admin(), Approve, facts(Screening, None, &[WB, QC], &[]), false),
            row("officer elsewhere", officer(ELSEWHERE), Approve, facts(Screening, None, &[WB, QC], &[]), false),
        ]
    }

    #[test]
    fn grv_screening_policy_follows_the_issue_and_domain_rules_table() {
        check(table(), can);
    }
}

/// The programme (issue 14, item 4): "sessions ... with an online meeting link visible to the
/// cohort and coaches only ...; coaches assigned to participants; attendance recorded; the
/// coach's notes and milestones, visible to the participant; a participant page". The viewer
/// of every row is account 7; another participant is account 8.
pub mod programme {
    use passerelle::grv::model::EditionState::{
        self, Closed, CohortSelected, Completed, DemoDay, ProgrammeRunning, Screening,
    };
    use passerelle::grv::policy::programme::*;
    use passerelle::viewer::Viewer;

    use super::super::{
        ELSEWHERE, QC, Row, WB, admin, applicant, check, coach, evaluator, member, officer, row,
    };

    const ME: i64 = 7;
    const OTHER: i64 = 8;

    /// The cohort `cohort`, coached by `coaches`; about `participant` coached by `coach`.
    fn facts(
        state: EditionState,
        cohort: &[i64],
        coaches: &[i64],
        about: Option<(i64, Option<i64>)>,
    ) -> Facts {
        Facts {
            sides: vec![WB, QC],
            state,
            cohort: cohort.to_vec(),
            coaches: coaches.to_vec(),
            participant: about.map(|a| a.0),
            coach: about.and_then(|a| a.1),
        }
    }

    #[rustfmt::skip]
    pub fn table() -> Vec<Row<Perm, Facts, Viewer>> {
        use Perm::*;
        let running = |about| facts(ProgrammeRunning, &[ME, OTHER], &[ME], about);
        // The viewer neither in the cohort nor coaching it.
        let others = || facts(ProgrammeRunning, &[OTHER], &[OTHER], None);
        vec![
            // Read: once the cohort stands — the programme's officers, the administrator, the
            // cohort and its coaches; nobody before, nobody else.
            row("officer WB", officer(WB), Read, running(None), true),
            row("officer QC, cohort just selected", officer(QC), Read, facts(CohortSelected, &[OTHER], &[], None), true),
            row("officer WB, screening", officer(WB), Read, facts(Screening, &[], &[], None), false),
            row("administrator", admin(), Read, running(None), true),
            row("participant", applicant(WB), Read, facts(ProgrammeRunning, &[ME], &[], None), true),
            row("participant, completed", applicant(QC), Read, facts(Completed, &[ME], &[], None), true),
            row("candidate not in the cohort", applicant(WB), Read, facts(ProgrammeRunning, &[OTHER], &[], None), false),
            row("coach of the cohort", coach(), Read, running(None), true),
            row("coach of no one here", coach(), Read, facts(ProgrammeRunning, &[OTHER], &[OTHER], None), false),
            row("member WB", member(WB), Read, others(), false),
            row("evaluator QC", evaluator(QC), Read, others(), false),
            row("officer elsewhere", officer(ELSEWHERE), Read, others(), false),
            // Organise: the programme's officers, from the cohort to the demo day.
            row("officer WB, cohort selected", officer(WB), Organise, facts(CohortSelected, &[], &[], None), true),
            row("officer QC, demo day", officer(QC), Organise, facts(DemoDay, &[], &[], None), true),
            row("officer WB, completed", officer(WB), Organise, facts(Completed, &[], &[], None), false),
            row("officer WB, call closed", officer(WB), Organise, facts(Closed, &[], &[], None), false),
            row("administrator", admin(), Organise, running(None), false),
            row("coach of the cohort", coach(), Organise, running(None), false),
            row("participant", applicant(WB), Organise, running(None), false),
            row("officer elsewhere", officer(ELSEWHERE), Organise, running(None), false),
            // JoinMeeting: the cohort, its coaches, the officers — not the administrator.
            row("participant", applicant(QC), JoinMeeting, running(None), true),
            row("coach of the cohort", coach(), JoinMeeting, running(None), true),
            row("officer WB", officer(WB), JoinMeeting, running(None), true),
            row("administrator", admin(), JoinMeeting, others(), false),
            row("candidate not in the cohort", applicant(WB), JoinMeeting, facts(ProgrammeRunning, &[OTHER], &[], None), false),
            row("coach of no one here", coach(), JoinMeeting, facts(ProgrammeRunning, &[OTHER], &[OTHER], None), false),
            row("member QC", member(QC), JoinMeeting, others(), false),
            row("officer elsewhere", officer(ELSEWHERE), JoinMeeting, others(), false),
            // ReadParticipant: the participant, their own coach, the officers.
            row("participant, own page", applicant(WB), ReadParticipant, running(Some((ME, None))), true),
            row("participant, another's page", applicant(WB), ReadParticipant, running(Some((OTHER, None))), false),
            row("their coach", coach(), ReadParticipant, running(Some((OTHER, Some(ME)))), true),
            row("another's coach", coach(), ReadParticipant, running(Some((OTHER, Some(OTHER)))), false),
            row("officer QC", officer(QC), ReadParticipant, running(Some((OTHER, None))), true),
            row("administrator", admin(), ReadParticipant, running(Some((OTHER, None))), false),
            row("one who left the cohort", applicant(WB), ReadParticipant, facts(ProgrammeRunning, &[OTHER], &[], Some((ME, None))), false),
            row("officer WB, not in the cohort", officer(WB), ReadParticipant, facts(ProgrammeRunning, &[OTHER], &[], Some((ME, None))), false),
            row("officer elsewhere", officer(ELSEWHERE), ReadParticipant, running(Some((OTHER, None))), false),
            // Follow: their coach and the officers, while the programme runs.
            row("their coach", coach(), Follow, running(Some((OTHER, Some(ME)))), true),
            row("their coach, completed", coach(), Follow, facts(Completed, &[OTHER], &[ME], Some((OTHER, Some(ME)))), false),
            row("another's coach", coach(), Follow, running(Some((OTHER, Some(OTHER)))), false),
            row("officer WB", officer(WB), Follow, running(Some((OTHER, None))), true),
            row("the participant", applicant(WB), Follow, running(Some((ME, None))), false),
            row("administrator", admin(), Follow, running(Some((OTHER, None))), false),
            // Subscribe: the participant alone, while the programme runs.
            row("participant, own feed", applicant(QC), Subscribe, running(Some((ME, None))), true),
            row("participant, another's", applicant(QC), Subscribe, running(Some((OTHER, None))), false),
            row("participant, completed", applicant(QC), Subscribe, facts(Completed, &[ME], &[], Some((ME, None))), false),
            row("their coach", coach(), Subscribe, running(Some((OTHER, Some(ME)))), false),
            row("officer WB", officer(WB), Subscribe, running(Some((OTHER, None))), false),
        ]
    }

    #[test]
    fn grv_programme_policy_follows_the_issue_and_domain_rules_table() {
        check(table(), can);
    }

    #[test]
    fn a_calendar_feed_answers_only_while_its_participant_is_in_a_standing_cohort() {
        assert!(feed_answers(&facts(
            ProgrammeRunning,
            &[ME],
            &[],
            Some((ME, None))
        )));
        assert!(feed_answers(&facts(
            Completed,
            &[ME],
            &[],
            Some((ME, None))
        )));
        // Gave up their place: the feed stops.
        assert!(!feed_answers(&facts(
            ProgrammeRunning,
            &[OTHER],
            &[],
            Some((ME, None))
        )));
        assert!(!feed_answers(&facts(
            Screening,
            &[ME],
            &[],
            Some((ME, None))
        )));
    }
}
