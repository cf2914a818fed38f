-- Issue 11, a real installation. Sides carry what set-up asks of them (acronym, the text of
-- their logo, their IATI reporting-organisation reference); a programme carries the funding
-- rules and caps its calls inherit; a CMP edition is drafted by one side and approved by the
-- other (as calls are), with a host side and co-chairs who are accounts; a session has its
-- participants, and a SEQUENCE that grows each time it is moved or cancelled (its .ics keeps
-- one UID).
alter table sides add column acronym text not null default '';
alter table sides add column logo_text text not null default '';
alter table sides add column iati_ref text not null default '';

alter table programmes add column min_duration_months bigint not null default 12;
alter table programmes add column max_duration_months bigint not null default 24;
alter table programmes add column min_partners_per_side bigint not null default 1;
alter table programmes add column travel_paid_by text not null default 'sending'
    constraint programmes_travel_check check (travel_paid_by in ('sending', 'receiving'));
alter table programme_sides add column cap_per_trip bigint not null default 0
    constraint programme_sides_trip_check check (cap_per_trip between 0 and 100000000000);
alter table programme_sides add column cap_per_stay bigint not null default 0
    constraint programme_sides_stay_check check (cap_per_stay between 0 and 100000000000);
alter table programme_sides add column cap_per_year bigint not null default 0
    constraint programme_sides_year_check check (cap_per_year between 0 and 100000000000);

alter table commissions add column host_side_id bigint references sides(id);
alter table commissions add column state text not null default 'approved'
    constraint commissions_state_check check (state in ('draft', 'approved'));
alter table commissions add column updated_at bigint not null default 0;
create table commission_approvals (
    commission_id bigint not null references commissions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (commission_id, side_id)
);
alter table commission_co_chairs add column user_id bigint references users(id);

alter table commission_sessions add column sequence bigint not null default 0;
alter table commission_sessions add column cancelled_at bigint;
create table session_participants (
    session_id bigint not null references commission_sessions(id),
    user_id bigint not null references users(id),
    primary key (session_id, user_id)
);

-- What a session adopted for an edition's next call (a decided "next call" resolution): its
-- opening date and themes prefill the officers' new call.
alter table commissions add column next_call_opens_on text;
alter table themes add column adopted bigint not null default 0;

-- Ending a project early (after an unfavourable joint mid-term opinion): one side's officer
-- proposes it with a reason, every side approves that same proposal.
create table terminations (
    funded_id bigint primary key references funded_projects(id),
    reason text not null,
    proposed_by bigint not null references users(id),
    proposed_at bigint not null
);
create table termination_approvals (
    funded_id bigint not null references funded_projects(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (funded_id, side_id)
);

-- A mission of a funded project added, moved or cancelled after selection: proposed by a lead
-- or an officer, applied once every side approved the same change.
create table mission_changes (
    id integer primary key,
    funded_id bigint not null references funded_projects(id),
    kind text not null constraint mission_changes_kind_check check (kind in ('add', 'move', 'cancel')),
    mission_id bigint references funded_missions(id),
    from_side_id bigint not null references sides(id),
    to_side_id bigint not null references sides(id),
    travellers bigint not null,
    starts_on text not null,
    days bigint not null,
    purpose text not null,
    proposed_by bigint not null references users(id),
    proposed_at bigint not null,
    decided_at bigint
);
create table mission_change_approvals (
    change_id bigint not null references mission_changes(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (change_id, side_id)
);
