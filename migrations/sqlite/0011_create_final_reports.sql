-- Final reports (rule 10): a lead files it, each side's officers approve it, and only then can
-- the project close. Kept in step with ../postgres/0011_create_final_reports.sql.
create table final_reports (
    funded_id bigint primary key references funded_projects(id),
    report text not null,
    submitted_by bigint not null references users(id),
    submitted_at bigint not null
);

create table final_report_approvals (
    funded_id bigint not null references final_reports(funded_id),
    side_id bigint not null references sides(id),
    approved_by bigint not null references users(id),
    approved_at bigint not null,
    primary key (funded_id, side_id)
);
