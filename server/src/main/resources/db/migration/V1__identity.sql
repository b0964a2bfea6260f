-- Identity and tenancy: tenants, organizations, roles with their permissions, users, memberships and
-- login sessions. Portable SQL: the same script runs on H2 (embedded default) and PostgreSQL.

create table tenant (
    id          uuid primary key,
    name        varchar(255) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

create table organization (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id) on delete cascade,
    name           varchar(255) not null,
    official_name  varchar(255),
    is_active      boolean not null default true,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create index ix_organization_tenant on organization (tenant_id);

create table role (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    name        varchar(64) not null,
    is_system   boolean not null default true,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint uq_role_tenant_name unique (tenant_id, name)
);

create table role_permission (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    role_id     uuid not null references role (id) on delete cascade,
    permission  varchar(64) not null,
    enabled     boolean not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint uq_role_permission unique (role_id, permission)
);
create index ix_role_permission_tenant on role_permission (tenant_id, role_id);

-- A user belongs to at most one tenant; one who registered and has not created a tenant yet has none.
-- The email is the sign-in name, so it is unique across the service (stored lower-cased).
create table app_user (
    id                    uuid primary key,
    tenant_id             uuid references tenant (id) on delete cascade,
    role_id               uuid references role (id),
    email                 varchar(320) not null,
    first_name            varchar(100),
    last_name             varchar(100),
    image_url             varchar(2048),
    preferred_language    varchar(10) not null default 'en',
    password_hash         varchar(255) not null,
    is_active             boolean not null default true,
    last_organization_id  uuid,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint uq_app_user_email unique (email)
);
create index ix_app_user_tenant on app_user (tenant_id);

create table user_organization (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    user_id          uuid not null references app_user (id) on delete cascade,
    organization_id  uuid not null references organization (id) on delete cascade,
    is_active        boolean not null default true,
    created_at       timestamp with time zone not null,
    constraint uq_user_organization unique (user_id, organization_id)
);
create index ix_user_organization_tenant on user_organization (tenant_id, organization_id);

-- One row per sign-in. Access tokens name their session (claim "sid"), so revoking the row kills
-- them at once; the refresh token is stored only as its SHA-256 hash.
create table user_session (
    id                  uuid primary key,
    user_id             uuid not null references app_user (id) on delete cascade,
    refresh_token_hash  varchar(64) not null,
    created_at          timestamp with time zone not null,
    last_used_at        timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    revoked_at          timestamp with time zone,
    constraint uq_user_session_refresh unique (refresh_token_hash)
);
create index ix_user_session_user on user_session (user_id);
