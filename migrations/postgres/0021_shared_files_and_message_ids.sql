-- Issue 11, several instances: uploaded files can live in the database, where every instance
-- reads what any instance wrote (PASSERELLE_FILES=database); each email gets its Message-ID when
-- it is queued, so a delivery repeated after a crash writes the same file and carries the same
-- Message-ID.
create table stored_files (
    key text primary key,
    bytes bytea not null,
    created_at bigint not null
);
alter table email_outbox add column message_id text not null default '';
