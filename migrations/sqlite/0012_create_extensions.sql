-- Individual extensions of one funded project, recorded as decisions both sides approve
-- (rule 9), and reminders about activity reports. Kept in step with
-- ../postgres/0012_create_extensions.sql.
create table extensions (
    id integer primary key,
    funded_id bigint not null references funded_projects(id),
    new_ends_on text not null,
    reason text not null,
    proposed_by bigint not null references users(id),
    proposed_at bigint not null,
    decided_at bigint
);

create table extension_approvals (
    extension_id bigint not null references extensions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    primary key (extension_id, side_id)
);

-- One row per reminder sent about a mission's activity report (sent once across instances).
create table mission_reminders (
    mission_id bigint not null references funded_missions(id),
    kind text not null constraint mission_reminders_kind_check check (kind in ('due_soon', 'overdue')),
    sent_at bigint not null,
    primary key (mission_id, kind)
);
