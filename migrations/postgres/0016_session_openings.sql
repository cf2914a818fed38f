-- A commission session opens when every side has asked to open it (issue 10, finding 10):
-- opening reveals each side's ranking to the other, so one side cannot do it alone.
create table session_openings (
    session_id bigint not null references commission_sessions(id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    constraint session_openings_unique unique (session_id, side_id)
);
