-- Issue 14, item 3: screening and the joint selection of a Grands Rendez-vous cohort. Kept in
-- step with ../postgres/0029_grv_selection.sql.
--
-- Each side screens its own filed candidacies: its verdict and note on each are the side's
-- recommendation on the submission (the `recommendations` table the CMP uses). A side sends
-- its shortlist to the joint meeting once, and from then its screening stands as sent; the
-- sides read each other's screening only once every side has sent it.
create table grv_shortlists (
    edition_id bigint not null references grv_editions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (edition_id, side_id)
);

-- The cohort the sides propose at the joint meeting: each candidacy selected, on its side's
-- waiting list at a rank, or not selected; once the cohort stands, a selected candidate who
-- withdraws is 'declined' and the first of their side's waiting list moves up.
create table grv_cohort (
    candidacy_id bigint primary key references grv_candidacies(id),
    edition_id bigint not null references grv_editions(id),
    outcome text not null constraint grv_cohort_outcome_check
        check (outcome in ('selected', 'waiting', 'not_selected', 'declined')),
    waiting_rank bigint constraint grv_cohort_rank_check check (waiting_rank between 1 and 10000),
    updated_at bigint not null,
    constraint grv_cohort_rank_only_waiting check ((outcome = 'waiting') = (waiting_rank is not null))
);
create index grv_cohort_edition on grv_cohort (edition_id);

-- Each side's approval of the cohort as its page showed it (a side's latest act replaces its
-- earlier one); the cohort stands once every side approved the same content.
create table grv_cohort_approvals (
    edition_id bigint not null references grv_editions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    content_hash text not null,
    primary key (edition_id, side_id)
);
