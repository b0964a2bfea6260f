-- OAuth clients of the authorization server (Gauzy's oauth_clients). A client without a tenant is
-- global: usable by users of every tenant, created only by operators or configuration.
create table oauth_client (
    id                   uuid primary key,
    tenant_id            uuid references tenant (id) on delete cascade,
    client_id            varchar(100) not null,
    client_secret_hash   varchar(64),
    name                 varchar(100) not null,
    description          varchar(500),
    client_type          varchar(20) not null,
    redirect_uris        varchar(8192) not null,
    allowed_scopes       varchar(2048) not null,
    allowed_grant_types  varchar(200) not null,
    pkce_required        boolean not null,
    access_token_ttl     integer not null,
    refresh_token_ttl    integer not null,
    is_active            boolean not null,
    -- Tokens issued before this instant are dead: rotating the secret moves it forward.
    tokens_valid_after   timestamp with time zone not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint uq_oauth_client_client_id unique (client_id)
);
create index ix_oauth_client_tenant on oauth_client (tenant_id);
