-- Issue 14, item 5: the photo a participant gives for the public announcement of the cohort.
-- Kept in step with ../postgres/0031_grv_photos.sql.
--
-- One per candidacy, stored re-encoded (no EXIF, GPS or other metadata survives), with the
-- credit line the page prints under it. Withdrawing consent deletes it; its address (the
-- storage key, random) then answers 404, and so does any copy a cache revalidates.
create table grv_photos (
    candidacy_id bigint primary key references grv_candidacies(id),
    storage_key text not null unique,
    content_type text not null constraint grv_photos_type_check
        check (content_type in ('image/jpeg', 'image/png')),
    width bigint not null,
    height bigint not null,
    credit text not null,
    uploaded_at bigint not null
);
