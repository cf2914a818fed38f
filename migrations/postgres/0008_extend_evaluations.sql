-- Ranking instead of scoring, due dates and reminders, affiliations, the side's recommendation.
-- Kept in step with ../sqlite/0008_extend_evaluations.sql. All of it belongs to one side (rule 4).

-- A side scores criteria ('score') or its jury ranks the projects ('rank'); evaluations are
-- due at an instant (reminders are sent before it).
alter table grids add column method text not null default 'score'
    constraint grids_method_check check (method in ('score', 'rank'));
alter table grids add column due_at bigint;

-- In a 'rank' grid each evaluator gives each assigned half a place (1 = best); empty in a draft.
create table evaluation_ranks (
    assignment_id bigint primary key references assignments(id),
    rank bigint,
    comment text not null,
    constraint evaluation_ranks_rank_check check (rank >= 1)
);

-- Evaluators' organisations: an evaluator is never assigned to a project one of whose halves
-- is led by an organisation they belong to.
create table evaluator_affiliations (
    user_id bigint not null references users(id),
    organisation_id bigint not null references organisations(id),
    created_at bigint not null,
    primary key (user_id, organisation_id)
);

-- One row per reminder sent, so that every instance sends each reminder once.
create table evaluation_reminders (
    assignment_id bigint not null references assignments(id),
    kind text not null constraint evaluation_reminders_kind_check check (kind in ('due_soon', 'overdue')),
    sent_at bigint not null,
    primary key (assignment_id, kind)
);

-- The side's consolidated recommendation on its half, written by its officers.
create table recommendations (
    half_id bigint primary key references project_halves(id),
    verdict text not null constraint recommendations_verdict_check
        check (verdict in ('priority', 'recommended', 'reserved', 'not_recommended')),
    note text not null,
    written_by bigint not null references users(id),
    updated_at bigint not null
);
