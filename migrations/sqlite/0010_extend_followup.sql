-- Following funded projects: objectives, missions and their spending and reports, the mid-term
-- review, year-2 funding, and the history of their end dates. Kept in step with
-- ../postgres/0010_extend_followup.sql.

create table funded_objectives (
    id integer primary key,
    funded_id bigint not null references funded_projects(id),
    position bigint not null,
    text text not null,
    status text not null default 'planned' constraint funded_objectives_status_check
        check (status in ('planned', 'in_progress', 'achieved', 'dropped')),
    updated_at bigint not null
);

-- Missions as carried out: copied from the application, then done, cancelled or held online.
create table funded_missions (
    id integer primary key,
    funded_id bigint not null references funded_projects(id),
    from_side_id bigint not null references sides(id),
    to_side_id bigint not null references sides(id),
    travellers bigint not null,
    starts_on text not null,
    days bigint not null,
    purpose text not null,
    status text not null default 'planned' constraint funded_missions_status_check
        check (status in ('planned', 'done', 'cancelled', 'online')),
    report text,
    report_submitted_at bigint,
    created_at bigint not null,
    constraint funded_missions_travellers_check check (travellers >= 1),
    constraint funded_missions_days_check check (days >= 1)
);

-- What each side actually spent on a mission, in its own currency (minor units).
create table mission_spending (
    mission_id bigint not null references funded_missions(id),
    side_id bigint not null references sides(id),
    amount bigint not null,
    recorded_by bigint not null references users(id),
    recorded_at bigint not null,
    primary key (mission_id, side_id),
    constraint mission_spending_amount_check check (amount >= 0)
);

-- One mid-term review campaign per CMP; its results are read at the mid-term session.
create table midterm_campaigns (
    id integer primary key,
    commission_id bigint not null references commissions(id),
    session_id bigint references commission_sessions(id),
    due_on text not null,
    opened_by bigint not null references users(id),
    opened_at bigint not null,
    constraint midterm_campaigns_commission_unique unique (commission_id)
);

-- A funded project's progress report: progress per objective, funds used per side, year-2
-- forecast per side.
create table progress_reports (
    id integer primary key,
    campaign_id bigint not null references midterm_campaigns(id),
    funded_id bigint not null references funded_projects(id),
    progress text not null,
    submitted_by bigint not null references users(id),
    submitted_at bigint not null,
    constraint progress_reports_unique unique (campaign_id, funded_id)
);

create table progress_objectives (
    report_id bigint not null references progress_reports(id),
    objective_id bigint not null references funded_objectives(id),
    status text not null,
    primary key (report_id, objective_id)
);

create table progress_funds (
    report_id bigint not null references progress_reports(id),
    side_id bigint not null references sides(id),
    used bigint not null,
    forecast bigint not null,
    primary key (report_id, side_id)
);

-- Each side's opinion on a project at mid-term (rule 8): year 2 waits for favourable ones.
create table midterm_opinions (
    campaign_id bigint not null references midterm_campaigns(id),
    funded_id bigint not null references funded_projects(id),
    side_id bigint not null references sides(id),
    favourable bigint not null,
    comment text not null,
    given_by bigint not null references users(id),
    given_at bigint not null,
    primary key (campaign_id, funded_id, side_id)
);

-- Each side releases its own year-2 funding, only after a favourable joint opinion.
create table year2_releases (
    funded_id bigint not null references funded_projects(id),
    side_id bigint not null references sides(id),
    released_by bigint not null references users(id),
    released_at bigint not null,
    primary key (funded_id, side_id)
);

-- Every change of a funded project's end date (rule 9): by a new calendar (a resolution) or an
-- individual extension; the original dates stay here.
create table term_changes (
    id integer primary key,
    funded_id bigint not null references funded_projects(id),
    old_ends_on text not null,
    new_ends_on text not null,
    resolution_id bigint references resolutions(id),
    reason text not null,
    applied_by bigint not null references users(id),
    applied_at bigint not null
);

-- A new calendar may concern a chosen subset of running projects; none listed means all.
create table resolution_projects (
    resolution_id bigint not null references resolutions(id),
    funded_id bigint not null references funded_projects(id),
    primary key (resolution_id, funded_id)
);
