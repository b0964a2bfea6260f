-- One row per flow that has ever raised an alert: open while cleared_at is null. Raising and clearing are
-- single-row updates on the key, so that two nodes that see the same change publish it once.
create table automation_flow_alert (
    tenant_id        uuid not null references tenant (id) on delete cascade,
    integration_id   uuid not null,
    flow_id          varchar(64) not null,
    organization_id  uuid not null,
    project_id       varchar(64) not null,
    flow_name        varchar(255) not null,
    reason           varchar(20) not null,
    message          varchar(1000) not null,
    raised_at        timestamp with time zone not null,
    cleared_at       timestamp with time zone,
    constraint pk_automation_flow_alert primary key (tenant_id, integration_id, flow_id)
);
create index ix_automation_flow_alert_open on automation_flow_alert (tenant_id, organization_id, cleared_at);
