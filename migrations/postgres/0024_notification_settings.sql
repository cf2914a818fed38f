-- Issue 13, emails: notifications one may turn off (reminders, the partner's activity) are
-- sent unless the user turned their topic off here; emails a procedure requires are always sent.
create table notification_opt_outs (
    user_id bigint not null references users(id),
    topic text not null,
    created_at bigint not null,
    primary key (user_id, topic)
);
-- The settings page a notification links to, for its List-Unsubscribe header ('' for emails
-- one cannot turn off).
alter table email_outbox add column unsubscribe text not null default '';
