-- Decisions of a session that are not about one project, co-signed minutes, and the projects a
-- session selected. Kept in step with ../postgres/0009_create_resolutions.sql.

-- 'next_call': the priority themes of the next call and its opening date (rule 11).
-- 'calendar': a new calendar for the running projects of the session's CMP — end dates move by
-- a number of months or to a date (rule 9; applied by project follow-up).
-- One of each kind per session. Like project decisions, a resolution exists only once every side
-- has approved it (rule 5); once decided it is final.
create table resolutions (
    id integer primary key,
    session_id bigint not null references commission_sessions(id),
    kind text not null constraint resolutions_kind_check check (kind in ('next_call', 'calendar')),
    target_commission_id bigint references commissions(id),
    opens_on text,
    shift_months bigint,
    new_end_on text,
    note text not null default '',
    proposed_by bigint not null references users(id),
    proposed_at bigint not null,
    decided_at bigint,
    applied_at bigint,
    created_at bigint not null,
    constraint resolutions_session_kind_unique unique (session_id, kind),
    constraint resolutions_payload_check check (
        (kind = 'next_call' and target_commission_id is not null and opens_on is not null)
        or (kind = 'calendar' and ((shift_months is null) <> (new_end_on is null))))
);

create table resolution_themes (
    resolution_id bigint not null references resolutions(id),
    position bigint not null,
    name_fr text not null,
    name_en text not null,
    primary key (resolution_id, position)
);

create table resolution_approvals (
    resolution_id bigint not null references resolutions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    primary key (resolution_id, side_id)
);

-- Each side's co-chair signs the minutes of a closed session (signed by a member of that side).
create table minutes_signatures (
    session_id bigint not null references commission_sessions(id),
    side_id bigint not null references sides(id),
    signed_by bigint not null references users(id),
    signer_name text not null,
    signed_at bigint not null,
    primary key (session_id, side_id)
);

-- A project selected at a session, followed until it closes; keeps the link to its application
-- (projects) and to the decision. Dates are calendar dates (ISO), history is kept elsewhere.
create table funded_projects (
    id integer primary key,
    project_id bigint not null references projects(id),
    decision_id bigint not null references decisions(id),
    commission_id bigint not null references commissions(id),
    state text not null default 'active' constraint funded_projects_state_check
        check (state in ('active', 'midterm_reviewed', 'rescheduled', 'terminated', 'final_report_due', 'completed', 'closed')),
    starts_on text not null,
    ends_on text not null,
    created_at bigint not null,
    constraint funded_projects_project_unique unique (project_id)
);
