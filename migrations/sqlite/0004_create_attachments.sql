-- Attachments of a half. Kept in step with ../postgres/0004_create_attachments.sql.
-- The file itself lives in the storage (local disk by default) under a generated key; the
-- name the user gave is kept only for display and for the download's filename.
create table attachments (
    id integer primary key,
    half_id bigint not null references project_halves(id),
    storage_key text not null constraint attachments_key_unique unique,
    filename text not null,
    content_type text not null,
    size bigint not null,
    sha256 text not null,
    uploaded_by bigint not null references users(id),
    created_at bigint not null
);
create index attachments_half on attachments (half_id);
