-- Integrations: the catalogue, each tenant's (or organization's) installation of one, and its settings.

create table integration (
    id          uuid primary key,
    name        varchar(100) not null,
    provider    varchar(100) not null,
    is_active   boolean not null default true,
    created_at  timestamp with time zone not null,
    constraint uq_integration_provider unique (provider)
);

insert into integration (id, name, provider, is_active, created_at)
values ('5e8f2c1a-7a43-4a52-9d6e-0ac7e1a9b001', 'ActivePieces', 'ActivePieces', true, current_timestamp);

-- organization_id is the organization the installation serves, or the nil UUID for the tenant-wide
-- one: a real value (not NULL) so that the unique constraint holds on every database.
create table integration_tenant (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null,
    integration_id   uuid not null references integration (id),
    is_enabled       boolean not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_integration_tenant unique (tenant_id, organization_id, integration_id)
);

-- Secret values are AES-GCM ciphertext ("v1:" + base64), bound to their row and name.
create table integration_setting (
    id                     uuid primary key,
    tenant_id              uuid not null,
    integration_tenant_id  uuid not null references integration_tenant (id) on delete cascade,
    setting_name           varchar(100) not null,
    setting_value          varchar(8192) not null,
    is_secret              boolean not null,
    updated_at             timestamp with time zone not null,
    constraint uq_integration_setting unique (integration_tenant_id, setting_name)
);
create index ix_integration_setting_tenant on integration_setting (tenant_id);
