-- Issue 14, item 2: the Grands Rendez-vous' call for candidates. Kept in step with
-- ../postgres/0028_grv_candidacies.sql.

-- Each side's deadline for candidacies, with the zone it was set in, as a CMP call's sides
-- have (the shared deadline model, src/submissions/deadline.rs). Part of what both sides
-- approve of an edition; empty on editions drafted before the call for candidates existed.
alter table grv_edition_places add column deadline_at bigint;
alter table grv_edition_places add column time_zone text not null default '';

-- A candidacy is a submission (its id is its submission's): filed with its side's
-- administration before that side's deadline, with a signed receipt per version filed.
create table grv_candidacies (
    id integer primary key references submissions(id),
    edition_id bigint not null references grv_editions(id),
    side_id bigint not null references sides(id),
    user_id bigint not null references users(id),
    -- Empty until the candidate chooses (a draft keeps whatever was typed).
    kind text not null constraint grv_candidacies_kind_check check (kind in ('', 'individual', 'team')),
    -- The other members of a team, one per line.
    team text not null default '',
    organisation text not null default '',
    idea_title text not null default '',
    idea_summary text not null default '',
    theme text not null default '',
    motivation text not null default '',
    availability text not null default '',
    state text not null constraint grv_candidacies_state_check
        check (state in ('draft', 'submitted', 'withdrawn')),
    version bigint not null default 0,
    submitted_at bigint,
    created_at bigint not null,
    updated_at bigint not null,
    constraint grv_candidacies_one_per_person unique (edition_id, user_id)
);

-- Consent to a public announcement, apart from the candidacy: optional, given and withdrawn
-- at will. Every change is a row, with the wording shown, its language and its time; the
-- latest row says whether consent stands.
create table grv_consents (
    id integer primary key,
    candidacy_id bigint not null references grv_candidacies(id),
    given bigint not null constraint grv_consents_given_check check (given in (0, 1)),
    wording text not null,
    language text not null,
    at bigint not null
);
create index grv_consents_candidacy on grv_consents (candidacy_id, id);
