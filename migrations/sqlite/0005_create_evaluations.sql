-- Separate evaluation per side. Kept in step with ../postgres/0005_create_evaluations.sql.
-- Every row here belongs to one side (through its grid or its half); the actions only ever
-- read a side's rows for that side's officers and evaluators (rule 4).

-- One grid per call and side: criteria scored on 0..scale_max, weighted.
create table grids (
    id integer primary key,
    call_id bigint not null references calls(id),
    side_id bigint not null references sides(id),
    scale_max bigint not null,
    created_at bigint not null,
    updated_at bigint not null,
    constraint grids_call_side_unique unique (call_id, side_id),
    constraint grids_scale_check check (scale_max between 1 and 100)
);

create table grid_criteria (
    id integer primary key,
    grid_id bigint not null references grids(id),
    label_fr text not null,
    label_en text not null,
    weight bigint not null,
    position bigint not null,
    constraint grid_criteria_weight_check check (weight between 1 and 100)
);

-- Conflicts declared by evaluators: they block assignment to that project.
create table conflicts (
    id integer primary key,
    evaluator_id bigint not null references users(id),
    project_id bigint not null references projects(id),
    reason text not null,
    created_at bigint not null,
    constraint conflicts_unique unique (evaluator_id, project_id)
);

create table assignments (
    id integer primary key,
    half_id bigint not null references project_halves(id),
    evaluator_id bigint not null references users(id),
    assigned_by bigint not null references users(id),
    state text not null constraint assignments_state_check check (state in ('assigned', 'submitted')),
    created_at bigint not null,
    submitted_at bigint,
    constraint assignments_unique unique (half_id, evaluator_id)
);

create table scores (
    assignment_id bigint not null references assignments(id),
    criterion_id bigint not null references grid_criteria(id),
    score bigint not null,
    comment text not null,
    primary key (assignment_id, criterion_id)
);
