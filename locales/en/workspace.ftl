workspace-title = My workspace
workspace-hello = Hello { $name }. Here is what awaits you.
layout-nav-workspace = My workspace
workspace-untitled = (untitled project)
workspace-projects = My projects
workspace-no-projects = You have no project yet. Start one in an open call below.
workspace-col-project = Project
workspace-col-mine = My half
workspace-col-other = Other side’s half
workspace-col-next = Next step
workspace-deadline = Deadline:
workspace-deadlines = Filing deadline on each side:
workspace-open-calls = Open calls
workspace-no-open-call = No call is open at the moment.
workspace-apply = Apply
workspace-step-file = Complete and file your half
workspace-step-missed = Deadline passed: your half was not filed
workspace-step-invite = Invite the partner on the other side
workspace-step-partner-filing = The partner on the other side has to file their half
workspace-step-partner-withdrew = The partner on the other side withdrew their half
workspace-step-await-decision = Evaluation by each side, then the joint decision in session
workspace-step-selected = Selected
workspace-step-not-selected = Not selected
workspace-step-deferred = Deferred to a later session
workspace-step-follow-up = Funded: missions and reports follow-up
workspace-step-withdrawn = Half withdrawn
workspace-officer = My administration
workspace-dashboard = Programme dashboard
workspace-admissibility = Admissibility to decide
workspace-halves-count = { $count ->
    [one] 1 filed half
   *[other] { $count } filed halves
}
workspace-evaluation = Evaluations under way
workspace-evaluation-progress = { $submitted } of { $assigned } evaluations submitted; { $unassigned ->
        [0] no half without an evaluator
        [one] { $unassigned } half without an evaluator
       *[other] { $unassigned } halves without an evaluator
    }
workspace-evaluation-no-grid = evaluation grid to set up
workspace-approvals = Approvals awaited from my side
workspace-await-call = call to approve
workspace-await-edition = edition to approve
workspace-await-extension = extension to approve
workspace-await-final-report = final report to approve
workspace-await-termination = early termination to approve
workspace-await-mission-change = mission change to approve
workspace-overdue = Overdue activity reports
workspace-overdue-detail = { $count ->
    [one] 1 report due since { $since }
   *[other] { $count } reports, the first due since { $since }
}
workspace-nothing = Nothing waiting.
workspace-none-yet = None yet.
workspace-commission = Joint Commission
workspace-editions = Editions and sessions
workspace-upcoming = Upcoming sessions
workspace-no-upcoming = No session convened.
workspace-participant = you take part
workspace-proposals = Proposals awaiting my side’s approval
workspace-proposals-count = { $count ->
    [one] 1 proposal
   *[other] { $count } proposals
}
workspace-session-to-open = session to open
workspace-releases = Decisions to release
workspace-session-to-release = decisions to release to applicants
workspace-minutes = Minutes to sign
workspace-minutes-to-sign = minutes to sign
workspace-evaluator = My evaluations
workspace-assignments-todo = To evaluate
workspace-assignments-done = Submitted
workspace-due = due by { $when }
workspace-admin = Administration
workspace-people = { $count ->
    [one] 1 person — search, invite
   *[other] { $count } people — search, invite
}
workspace-invitations = Pending invitations
workspace-invitation-expires = expires on { $when }
workspace-sides = The programme’s sides
workspace-no-sides = The programme is not set up yet.
workspace-coach = Coaching
workspace-coach-note = The Grands Rendez-vous participants the programme officers entrust to you will appear here; none yet.
workspace-to-open = Sessions to open
workspace-recent = Latest sessions
workspace-recent-minutes = decisions and minutes
workspace-assignments-closed = No longer to evaluate (half withdrawn or inadmissible, conflict of interest declared)
workspace-coach-participants = The people you coach
workspace-grv-participant = Grands Rendez-vous
workspace-grv-programmes = Your idea-acceleration programme
