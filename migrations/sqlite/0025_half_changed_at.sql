-- Issue 13, lists at a glance: when a half last changed as its side's officers see it (filed,
-- filed again, admissibility decided, deadline extended, withdrawn). `updated_at` also moves
-- with every edit of a draft, which officers do not see: the list must not tell them a lead is
-- editing. Existing halves start from what is known: the filing for a reopened draft, else the
-- last write (a filed or withdrawn half is not edited).
alter table project_halves add column changed_at bigint;
update project_halves set changed_at = case when state = 'draft' then submitted_at else updated_at end;
