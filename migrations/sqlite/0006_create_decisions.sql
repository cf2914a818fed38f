-- Joint decisions at a commission session. Kept in step with ../postgres/0006_create_decisions.sql.
-- A session is scheduled, then opened (only then does each side see the other's ranking), then
-- closed. A decision about a project is recorded only once a representative of every side has
-- approved the same proposal (rule 5); a new proposal clears the approvals.
alter table commission_sessions add column state text not null default 'scheduled'
    constraint commission_sessions_state_check check (state in ('scheduled', 'open', 'closed'));

create table decisions (
    id integer primary key,
    session_id bigint not null references commission_sessions(id),
    project_id bigint not null references projects(id),
    outcome text not null constraint decisions_outcome_check check (outcome in ('selected', 'not_selected', 'deferred')),
    proposed_by bigint not null references users(id),
    proposed_at bigint not null,
    decided_at bigint,
    constraint decisions_unique unique (session_id, project_id)
);

-- Each side's amount for a selected project, in that side's currency (minor units).
create table decision_amounts (
    decision_id bigint not null references decisions(id),
    side_id bigint not null references sides(id),
    amount bigint not null,
    primary key (decision_id, side_id)
);

create table decision_approvals (
    decision_id bigint not null references decisions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    primary key (decision_id, side_id)
);
