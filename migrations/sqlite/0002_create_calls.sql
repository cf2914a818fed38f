-- Calls for projects. Kept in step with ../postgres/0002_create_calls.sql.
-- A call belongs to one CMP edition. Its state is stored as draft / published / archived;
-- "open" and "closed" are derived from the clock and the per-side deadlines, so that no job has
-- to flip a flag at 17:59 and every instance agrees.

create table calls (
    id integer primary key,
    commission_id bigint not null references commissions(id),
    title_fr text not null,
    title_en text not null,
    guidelines_fr text not null,
    guidelines_en text not null,
    state text not null constraint calls_state_check check (state in ('draft', 'published', 'archived')),
    opens_at bigint not null,
    min_duration_months bigint not null,
    max_duration_months bigint not null,
    min_partners_per_side bigint not null,
    -- Who pays international travel: the sending side (default) or the receiving side.
    travel_paid_by text not null constraint calls_travel_check check (travel_paid_by in ('sending', 'receiving')),
    created_by bigint references users(id),
    created_at bigint not null,
    updated_at bigint not null,
    constraint calls_duration_check check (min_duration_months >= 1 and max_duration_months >= min_duration_months),
    constraint calls_partners_check check (min_partners_per_side >= 1)
);

create table call_themes (
    call_id bigint not null references calls(id),
    theme_id bigint not null references themes(id),
    primary key (call_id, theme_id)
);

-- Organisation kinds allowed to apply; none listed means all.
create table call_organisation_kinds (
    call_id bigint not null references calls(id),
    kind text not null,
    primary key (call_id, kind)
);

-- One deadline per side: the instant (UTC ms, last accepted instant) and the zone it was set in.
-- Caps are in the side's currency, minor units.
create table call_sides (
    call_id bigint not null references calls(id),
    side_id bigint not null references sides(id),
    deadline_at bigint not null,
    time_zone text not null,
    cap_per_trip bigint not null,
    cap_per_stay bigint not null,
    cap_per_year bigint not null,
    primary key (call_id, side_id)
);

-- Publication needs every side's approval of the same content; editing clears approvals.
create table call_approvals (
    call_id bigint not null references calls(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    primary key (call_id, side_id)
);
