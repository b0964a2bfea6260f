-- Jobs that must run once per interval for the whole cluster, not once per node (purges): a node runs one
-- only after moving next_run_at forward in one update, which one node wins.
create table cluster_job (
    name         varchar(100) primary key,
    next_run_at  timestamp with time zone not null,
    last_run_at  timestamp with time zone,
    last_node    varchar(100),
    runs         bigint not null
);

-- A fingerprint of each key every node must share (never the key): the first node records it, and a node
-- started with another key refuses to start instead of signing tokens or sealing secrets the others reject.
create table key_fingerprint (
    name         varchar(50) primary key,
    fingerprint  varchar(100) not null,
    recorded_at  timestamp with time zone not null
);
