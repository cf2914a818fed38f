-- Every amount column is bounded (issue 10, finding 8): minor units from 0 to 100 000 000 000
-- (a billion in the side's currency, `money::MAX_MINOR`), so no sum a programme makes can
-- overflow. SQLite cannot add a CHECK to a table: each table is rebuilt with the same rows,
-- the same way on both databases.
create table call_sides_new (
    call_id bigint not null references calls(id),
    side_id bigint not null references sides(id),
    deadline_at bigint not null,
    time_zone text not null,
    cap_per_trip bigint not null,
    cap_per_stay bigint not null,
    cap_per_year bigint not null,
    primary key (call_id, side_id),
    constraint call_sides_caps_check check (
        cap_per_trip between 0 and 100000000000
        and cap_per_stay between 0 and 100000000000
        and cap_per_year between 0 and 100000000000)
);
insert into call_sides_new select call_id, side_id, deadline_at, time_zone, cap_per_trip,
    cap_per_stay, cap_per_year from call_sides;
drop table call_sides;
alter table call_sides_new rename to call_sides;

create table decision_amounts_new (
    decision_id bigint not null references decisions(id),
    side_id bigint not null references sides(id),
    amount bigint not null,
    primary key (decision_id, side_id),
    constraint decision_amounts_amount_check check (amount between 0 and 100000000000)
);
insert into decision_amounts_new select decision_id, side_id, amount from decision_amounts;
drop table decision_amounts;
alter table decision_amounts_new rename to decision_amounts;

create table mission_spending_new (
    mission_id bigint not null references funded_missions(id),
    side_id bigint not null references sides(id),
    amount bigint not null,
    recorded_by bigint not null references users(id),
    recorded_at bigint not null,
    primary key (mission_id, side_id),
    constraint mission_spending_bounded_check check (amount between 0 and 100000000000)
);
insert into mission_spending_new select mission_id, side_id, amount, recorded_by, recorded_at
    from mission_spending;
drop table mission_spending;
alter table mission_spending_new rename to mission_spending;

create table progress_funds_new (
    report_id bigint not null references progress_reports(id),
    side_id bigint not null references sides(id),
    used bigint not null,
    forecast bigint not null,
    primary key (report_id, side_id),
    constraint progress_funds_amounts_check check (
        used between 0 and 100000000000 and forecast between 0 and 100000000000)
);
insert into progress_funds_new select report_id, side_id, used, forecast from progress_funds;
drop table progress_funds;
alter table progress_funds_new rename to progress_funds;
