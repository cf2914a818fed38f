-- Issue 14, item 4: the programme a Grands Rendez-vous cohort follows. Kept in step with
-- ../postgres/0030_grv_programme.sql.

-- The programme's sessions (workshops, coaching, the pitch day, the demo day): an instant and
-- the zone it was set in (shown in every side's zone), a length, and the online meeting's link
-- that only the cohort, its coaches and the officers read. SEQUENCE grows each time a session
-- is cancelled, so calendars replace the event they hold.
create table grv_sessions (
    id integer primary key,
    edition_id bigint not null references grv_editions(id),
    kind text not null constraint grv_sessions_kind_check
        check (kind in ('workshop', 'coaching', 'pitch_day', 'demo_day')),
    title_fr text not null,
    title_en text not null,
    starts_at bigint not null,
    time_zone text not null,
    minutes bigint not null constraint grv_sessions_minutes_check check (minutes between 15 and 720),
    meeting_url text not null,
    sequence bigint not null default 0,
    cancelled_at bigint,
    created_by bigint not null references users(id),
    created_at bigint not null
);
create index grv_sessions_edition on grv_sessions (edition_id, starts_at);

-- The coach the officers assign to each participant (a selected candidacy).
create table grv_coaching (
    candidacy_id bigint primary key references grv_candidacies(id),
    coach_id bigint not null references users(id),
    assigned_by bigint not null references users(id),
    assigned_at bigint not null
);
create index grv_coaching_coach on grv_coaching (coach_id);

-- Who attended each session, as their coach or an officer recorded it (the latest record
-- stands).
create table grv_attendance (
    session_id bigint not null references grv_sessions(id),
    candidacy_id bigint not null references grv_candidacies(id),
    status text not null constraint grv_attendance_status_check
        check (status in ('present', 'absent', 'excused')),
    recorded_by bigint not null references users(id),
    recorded_at bigint not null,
    primary key (session_id, candidacy_id)
);

-- The coach's notes and milestones on a participant's progress, which the participant reads.
-- A milestone has a date it is due and, once reached, when it was.
create table grv_coach_notes (
    id integer primary key,
    candidacy_id bigint not null references grv_candidacies(id),
    author_id bigint not null references users(id),
    kind text not null constraint grv_coach_notes_kind_check check (kind in ('note', 'milestone')),
    body text not null,
    due_on text,
    reached_at bigint,
    created_at bigint not null,
    constraint grv_coach_notes_due_only_milestones check ((kind = 'milestone') = (due_on is not null))
);
create index grv_coach_notes_candidacy on grv_coach_notes (candidacy_id, created_at);

-- Each participant's calendar feed: a secret address a calendar application subscribes to.
-- Only its SHA-256 is kept; renewing replaces it, revoking deletes it, and the old address
-- then answers 404.
create table grv_feeds (
    candidacy_id bigint primary key references grv_candidacies(id),
    token_hash text not null unique,
    created_at bigint not null
);
