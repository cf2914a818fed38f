-- What a receipt signs is what everyone reads (issue 10, finding 1): the hash of the shared
-- part of the filed content (the project's fields, themes and missions), so a session takes a
-- project only when both sides filed the same shared content. '' for receipts from before.
alter table receipts add column shared_sha256 text not null default '';
