-- Every "each side approves" act records the fingerprint of what the approving page showed
-- (issue 10, finding 3): an approval counts only for that content, and one posted from a page
-- showing other content is refused. '' for acts recorded before.
alter table call_approvals add column content_hash text not null default '';
alter table decision_approvals add column content_hash text not null default '';
alter table resolution_approvals add column content_hash text not null default '';
alter table extension_approvals add column content_hash text not null default '';
alter table final_report_approvals add column content_hash text not null default '';
alter table session_releases add column content_hash text not null default '';
alter table year2_releases add column content_hash text not null default '';
alter table session_openings add column content_hash text not null default '';
alter table minutes_signatures add column content_hash text not null default '';
