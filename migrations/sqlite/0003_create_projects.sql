-- Joint projects and their halves. Kept in step with ../postgres/0003_create_projects.sql.
-- One project, one half per side: each half is filed with its own administration, by its own
-- lead, before its own side's deadline. Shared fields live on the project; what one side files
-- (its lead organisation, partners, its submission) lives on its half.

create table projects (
    id integer primary key,
    call_id bigint not null references calls(id),
    title text not null,
    summary text not null,
    duration_months bigint,
    is_renewal bigint not null default 0,
    earlier_results text not null default '',
    multilateral_links text not null default '',
    context text not null default '',
    objectives text not null default '',
    plan text not null default '',
    created_by bigint not null references users(id),
    created_at bigint not null,
    updated_at bigint not null
);

create table project_themes (
    project_id bigint not null references projects(id),
    theme_id bigint not null references themes(id),
    primary key (project_id, theme_id)
);

create table project_halves (
    id integer primary key,
    project_id bigint not null references projects(id),
    side_id bigint not null references sides(id),
    organisation_id bigint not null references organisations(id),
    lead_user_id bigint not null references users(id),
    lead_role text not null default '',
    associated_partners text not null default '',
    state text not null constraint project_halves_state_check check (state in ('draft', 'submitted', 'withdrawn')),
    version bigint not null default 0,
    submitted_at bigint,
    -- Set by an officer of the half's side: filing accepted until this instant.
    extension_until bigint,
    admissibility text constraint project_halves_admissibility_check check (admissibility in ('admissible', 'inadmissible')),
    admissibility_reason text,
    created_at bigint not null,
    updated_at bigint not null,
    constraint project_halves_side_unique unique (project_id, side_id)
);

-- Missions planned between the sides: from the sending side to the host side.
create table missions (
    id integer primary key,
    project_id bigint not null references projects(id),
    from_side_id bigint not null references sides(id),
    to_side_id bigint not null references sides(id),
    travellers bigint not null,
    starts_on text not null,
    days bigint not null,
    purpose text not null,
    created_at bigint not null,
    constraint missions_travellers_check check (travellers >= 1),
    constraint missions_days_check check (days >= 1),
    constraint missions_sides_check check (from_side_id <> to_side_id)
);

-- Invitations of the counterpart: only the SHA-256 of the emailed token is kept.
create table project_invitations (
    id integer primary key,
    project_id bigint not null references projects(id),
    side_id bigint not null references sides(id),
    email text not null,
    token_hash text not null constraint project_invitations_hash_unique unique,
    invited_by bigint not null references users(id),
    created_at bigint not null,
    expires_at bigint not null,
    used_at bigint
);

-- Every filing, kept: the signed receipt and the exact content it covers.
create table receipts (
    id integer primary key,
    half_id bigint not null references project_halves(id),
    version bigint not null,
    submitted_at bigint not null,
    content text not null,
    content_sha256 text not null,
    payload text not null,
    signature text not null,
    constraint receipts_version_unique unique (half_id, version)
);

-- The server's signing key for receipts (Ed25519); the public half is published.
create table server_keys (
    purpose text primary key,
    secret text not null,
    public text not null,
    created_at bigint not null
);
