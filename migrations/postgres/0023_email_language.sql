-- Issue 13, emails: the recipient's language travels with the queued message, for its
-- Content-Language header (rows queued before it have none and go out without the header).
alter table email_outbox add column lang text not null default '';
