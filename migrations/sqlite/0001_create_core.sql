-- Core schema, SQLite dialect. Kept in step with ../postgres/0001_create_core.sql
-- (same file names, same tables, same constraint names; a test compares the trees).
-- Instants are BIGINT unix milliseconds in UTC so that deadline comparisons are exact and
-- identical on both databases; the IANA zone is stored next to any instant that was issued
-- in a zone. Booleans are avoided: a nullable instant says both "whether" and "when".

create table sides (
    id integer primary key,
    code text not null constraint sides_code_unique unique,
    name_fr text not null,
    name_en text not null,
    administration_fr text not null,
    administration_en text not null,
    time_zone text not null,
    currency text not null,
    locale text not null
);

create table programmes (
    id integer primary key,
    code text not null constraint programmes_code_unique unique,
    name_fr text not null,
    name_en text not null,
    created_at bigint not null
);

-- A programme has N >= 2 sides; the actions refuse to create one with fewer.
create table programme_sides (
    programme_id bigint not null references programmes(id),
    side_id bigint not null references sides(id),
    primary key (programme_id, side_id)
);

-- A Commission mixte permanente edition (XIe = 2019-2021).
create table commissions (
    id integer primary key,
    programme_id bigint not null references programmes(id),
    number bigint not null,
    start_year bigint not null,
    end_year bigint not null,
    created_at bigint not null,
    constraint commissions_number_unique unique (programme_id, number),
    constraint commissions_period_check check (end_year >= start_year)
);

-- One co-chair per side.
create table commission_co_chairs (
    commission_id bigint not null references commissions(id),
    side_id bigint not null references sides(id),
    name text not null,
    title_fr text not null,
    title_en text not null,
    primary key (commission_id, side_id)
);

create table commission_sessions (
    id integer primary key,
    commission_id bigint not null references commissions(id),
    kind text not null constraint commission_sessions_kind_check
        check (kind in ('plenary', 'midterm', 'themes')),
    starts_at bigint not null,
    time_zone text not null,
    mode text not null constraint commission_sessions_mode_check
        check ((mode = 'in_person' and place is not null)
            or (mode = 'online' and meeting_url is not null)),
    place text,
    meeting_url text,
    created_at bigint not null
);

create table themes (
    id integer primary key,
    commission_id bigint not null references commissions(id),
    code text not null,
    name_fr text not null,
    name_en text not null,
    position bigint not null,
    constraint themes_code_unique unique (commission_id, code)
);

create table organisations (
    id integer primary key,
    side_id bigint not null references sides(id),
    kind text not null constraint organisations_kind_check
        check (kind in ('university', 'research_centre', 'ngo', 'cultural', 'company', 'public_body')),
    name text not null,
    street text not null,
    postal_code text not null,
    city text not null,
    country text not null,
    created_at bigint not null,
    constraint organisations_name_unique unique (side_id, name)
);

-- Emails are stored lowercased by the model, so the unique constraint is case-insensitive.
create table users (
    id integer primary key,
    email text not null constraint users_email_unique unique,
    name text not null,
    password_hash text,
    locale text not null,
    time_zone text not null,
    side_id bigint references sides(id),
    email_verified_at bigint,
    disabled_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);

-- A role is granted on a side (applicant, officer, evaluator, commission member) or globally
-- (coach, administrator); programme_id is null for grants valid in every programme.
create table role_grants (
    id integer primary key,
    user_id bigint not null references users(id),
    role text not null constraint role_grants_role_check
        check (role in ('applicant', 'officer', 'evaluator', 'commission_member', 'coach', 'administrator')),
    side_id bigint references sides(id),
    programme_id bigint references programmes(id),
    granted_by bigint references users(id),
    created_at bigint not null
);
create unique index role_grants_unique
    on role_grants (user_id, role, coalesce(side_id, 0), coalesce(programme_id, 0));

-- Sessions live here, not in process memory, so that every instance behind a load balancer
-- accepts a session opened on another. Only a SHA-256 of the cookie value is stored.
create table sessions (
    id_hash text primary key,
    user_id bigint not null references users(id),
    csrf_token text not null,
    created_at bigint not null,
    expires_at bigint not null
);
create index sessions_user on sessions (user_id);

-- Single-use tokens sent by email (verify address, reset password, accept invitation).
create table auth_tokens (
    id integer primary key,
    token_hash text not null constraint auth_tokens_hash_unique unique,
    user_id bigint not null references users(id),
    purpose text not null constraint auth_tokens_purpose_check
        check (purpose in ('verify_email', 'reset_password', 'invitation')),
    created_at bigint not null,
    expires_at bigint not null,
    used_at bigint
);

-- Failed logins, keyed by 'account:<email>' and 'address:<ip>'; counted over a window.
create table login_failures (
    id integer primary key,
    key text not null,
    at bigint not null
);
create index login_failures_key_at on login_failures (key, at);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | fields). `passerelle audit verify`
-- recomputes the chain and reports the first row that does not match.
create table audit_log (
    id integer primary key,
    at bigint not null,
    actor_id bigint,
    actor_label text not null,
    action text not null,
    object_type text not null,
    object_id text not null,
    summary text not null,
    prev_hash text not null,
    hash text not null
);

-- Every email goes through here first: a failed send is retried, nothing is lost.
create table email_outbox (
    id integer primary key,
    to_address text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    created_at bigint not null,
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    locked_until bigint,
    sent_at bigint,
    last_error text
);
create index email_outbox_due on email_outbox (sent_at, next_attempt_at);
