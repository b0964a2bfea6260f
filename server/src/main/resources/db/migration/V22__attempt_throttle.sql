-- Failed attempts at a password or a client secret, counted here rather than in each node's memory so that
-- a cluster throttles as one. Keys are SHA-256 digests of what they count (an account and an address, an
-- address, an account), never the email or address itself.
create table attempt_failure (
    throttle_key      varchar(64) primary key,
    failures          integer not null,
    first_failure_at  timestamp with time zone not null,
    last_failure_at   timestamp with time zone not null
);
create index ix_attempt_failure_last on attempt_failure (last_failure_at);

-- Addresses from which an account or a client proved its secret: they keep getting in at full speed while
-- the account is slowed down for everyone else.
create table attempt_known_address (
    known_key  varchar(64) primary key,
    seen_at    timestamp with time zone not null
);
create index ix_attempt_known_address_seen on attempt_known_address (seen_at);
