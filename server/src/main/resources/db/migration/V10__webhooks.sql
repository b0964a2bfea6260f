-- Webhook subscriptions and their delivery. Events are written in the transaction of the change that
-- caused them (an outbox); a dispatcher fans them out into one delivery per matching subscription and
-- sends those, so a crash between commit and sending loses nothing.
create table webhook_subscription (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null,
    name             varchar(200) not null,
    target_url       varchar(2048) not null,
    events           varchar(2000) not null,
    filter           varchar(4000) not null,
    active           boolean not null,
    secret_sealed    varchar(200) not null,
    created_by       uuid,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    -- Since when every delivery has failed; a subscription failing for 3 days is disabled.
    failing_since    timestamp with time zone,
    disabled_reason  varchar(500),
    -- Held by the node sending this subscription's deliveries, so they leave in order.
    lease_until      timestamp with time zone
);
create index ix_webhook_subscription_tenant on webhook_subscription (tenant_id, organization_id);

create sequence webhook_event_seq;

create table webhook_event (
    id               uuid primary key,
    seq              bigint not null,
    tenant_id        uuid not null,
    organization_id  uuid not null,
    event            varchar(100) not null,
    payload          varchar(1048576) not null,
    occurred_at      timestamp with time zone not null,
    dispatched       boolean not null
);
create index ix_webhook_event_pending on webhook_event (dispatched, seq);

create table webhook_delivery (
    id               uuid primary key,
    subscription_id  uuid not null references webhook_subscription (id) on delete cascade,
    event_id         uuid not null,
    event            varchar(100) not null,
    -- Position in the subscription's stream: deliveries leave in this order.
    position         bigint not null,
    status           varchar(20) not null,
    attempts         integer not null,
    next_attempt_at  timestamp with time zone not null,
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    last_status      integer,
    last_latency_ms  integer,
    last_error       varchar(500)
);
create index ix_webhook_delivery_due on webhook_delivery (subscription_id, status, next_attempt_at, position);
create index ix_webhook_delivery_pending on webhook_delivery (status, next_attempt_at);
create index ix_webhook_delivery_event on webhook_delivery (event_id);

-- Failed attempts, one row each; a delivery's successful attempt is recorded on the delivery itself
-- (one write less per delivery, the common case).
create table webhook_attempt (
    id               uuid primary key,
    delivery_id      uuid not null references webhook_delivery (id) on delete cascade,
    attempted_at     timestamp with time zone not null,
    status_code      integer,
    latency_ms       integer not null,
    response_excerpt varchar(1000),
    error            varchar(500)
);
create index ix_webhook_attempt_delivery on webhook_attempt (delivery_id, attempted_at);
