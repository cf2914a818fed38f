-- The announcement hold. Kept in step with ../sqlite/0007_create_releases.sql.
-- Applicants learn a session's outcome only after it is closed and their own side's officers
-- release it; each side releases (and writes to its applicants) on its own.
create table session_releases (
    session_id bigint not null references commission_sessions(id),
    side_id bigint not null references sides(id),
    released_by bigint not null references users(id),
    released_at bigint not null,
    primary key (session_id, side_id)
);
