-- A new calendar moved by months may also move the planned missions of the projects it
-- concerns. Kept in step with ../sqlite/0013_calendar_missions.sql.
alter table resolutions add column move_missions bigint not null default 0;
