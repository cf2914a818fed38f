-- Issue 14, Grands Rendez-vous: editions set up as CMP editions are (drafted by one side's
-- officers, approved by every side on the same content), with their title and theme in both
-- languages, format and place, dates, places per side and host side, and their lifecycle from
-- draft to completed.
create table grv_editions (
    id integer primary key,
    programme_id bigint not null references programmes(id),
    number bigint not null constraint grv_editions_number_check check (number between 1 and 999),
    title_fr text not null,
    title_en text not null,
    theme_fr text not null,
    theme_en text not null,
    format text not null
        constraint grv_editions_format_check check (format in ('online', 'in_person', 'hybrid')),
    place text not null,
    -- Calendar days (YYYY-MM-DD): an edition runs from one day to another, in its host's zone.
    starts_on text not null,
    ends_on text not null,
    host_side_id bigint not null references sides(id),
    state text not null constraint grv_editions_state_check check (state in ('draft', 'approved',
        'call_open', 'closed', 'screening', 'cohort_selected', 'programme_running', 'demo_day',
        'completed')),
    created_at bigint not null,
    updated_at bigint not null,
    constraint grv_editions_number_unique unique (programme_id, number)
);
create table grv_edition_places (
    edition_id bigint not null references grv_editions(id),
    side_id bigint not null references sides(id),
    places bigint not null constraint grv_edition_places_check check (places between 0 and 200),
    primary key (edition_id, side_id)
);
create table grv_edition_approvals (
    edition_id bigint not null references grv_editions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (edition_id, side_id)
);
