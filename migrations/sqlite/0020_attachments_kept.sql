-- A file a receipt names stays part of that filed version (issue 10, finding 1): removing it
-- from a reopened draft hides it from the draft, and a dropped draft brings it back.
alter table attachments add column removed_at bigint;
