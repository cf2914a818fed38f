-- Throttles counted by one atomic upsert per attempt (issue 10, finding 2): a fixed window per
-- key ('login:account:<email>', 'login:address:<ip>', 'login:device:<hash>', 'mail:<email>'…)
-- and the hits in it. Parallel attempts each get their own count; none slips through.
drop table login_failures;
create table throttles (
    key text primary key,
    window_start bigint not null,
    hits bigint not null check (hits >= 0)
);

-- Devices a person signed in from (OWASP "device cookies"): the hash of the cookie's token and
-- whose it is. A known device is counted apart from the attackers of the same account.
create table known_devices (
    token_hash text primary key,
    user_id bigint not null references users(id) on delete cascade,
    created_at bigint not null
);
create index known_devices_user on known_devices (user_id);
