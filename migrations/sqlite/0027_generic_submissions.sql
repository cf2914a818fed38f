-- no-transaction
-- Issue 14, item 2: what is filed, receipted, assigned and evaluated is a *submission*, of
-- which a CMP project's half is one kind and a Grands Rendez-vous candidacy another. A half's id
-- is its submission's id (one identity, two kinds); receipts, assignments, conflicts and
-- recommendations are keyed by the submission, so the CMP and the GRV share them.
-- Kept in step with ../postgres/0027_generic_submissions.sql.
--
-- SQLite cannot change a column's foreign key in place: the four tables are rebuilt by the
-- documented twelve steps, which need foreign keys off, hence no transaction around the file
-- and an explicit one inside it.
pragma foreign_keys = off;
begin;

create table submissions (
    id integer primary key,
    kind text not null constraint submissions_kind_check check (kind in ('cmp_half', 'grv_candidacy')),
    side_id bigint not null references sides(id),
    created_at bigint not null
);
insert into submissions (id, kind, side_id, created_at)
    select id, 'cmp_half', side_id, created_at from project_halves;

create table receipts_new (
    id integer primary key,
    submission_id bigint not null constraint receipts_submission_id_fkey references submissions(id),
    version bigint not null,
    submitted_at bigint not null,
    content text not null,
    content_sha256 text not null,
    payload text not null,
    signature text not null,
    shared_sha256 text not null default '',
    constraint receipts_version_unique unique (submission_id, version)
);
insert into receipts_new (id, submission_id, version, submitted_at, content, content_sha256,
        payload, signature, shared_sha256)
    select id, half_id, version, submitted_at, content, content_sha256, payload, signature,
        shared_sha256 from receipts;
drop table receipts;
alter table receipts_new rename to receipts;

create table assignments_new (
    id integer primary key,
    submission_id bigint not null constraint assignments_submission_id_fkey references submissions(id),
    evaluator_id bigint not null references users(id),
    assigned_by bigint not null references users(id),
    state text not null constraint assignments_state_check check (state in ('assigned', 'submitted')),
    created_at bigint not null,
    submitted_at bigint,
    constraint assignments_unique unique (submission_id, evaluator_id)
);
insert into assignments_new (id, submission_id, evaluator_id, assigned_by, state, created_at,
        submitted_at)
    select id, half_id, evaluator_id, assigned_by, state, created_at, submitted_at
    from assignments;
drop table assignments;
alter table assignments_new rename to assignments;

-- A conflict declared on a joint project holds for each of its halves.
create table conflicts_new (
    id integer primary key,
    evaluator_id bigint not null references users(id),
    submission_id bigint not null constraint conflicts_submission_id_fkey references submissions(id),
    reason text not null,
    created_at bigint not null,
    constraint conflicts_unique unique (evaluator_id, submission_id)
);
insert into conflicts_new (evaluator_id, submission_id, reason, created_at)
    select c.evaluator_id, h.id, c.reason, c.created_at
    from conflicts c join project_halves h on h.project_id = c.project_id
    order by c.id, h.id;
drop table conflicts;
alter table conflicts_new rename to conflicts;

create table recommendations_new (
    submission_id bigint primary key
        constraint recommendations_submission_id_fkey references submissions(id),
    verdict text not null constraint recommendations_verdict_check
        check (verdict in ('priority', 'recommended', 'reserved', 'not_recommended')),
    note text not null,
    written_by bigint not null references users(id),
    updated_at bigint not null
);
insert into recommendations_new (submission_id, verdict, note, written_by, updated_at)
    select half_id, verdict, note, written_by, updated_at from recommendations;
drop table recommendations;
alter table recommendations_new rename to recommendations;

commit;
pragma foreign_keys = on;
