-- The authorization server's state. Every secret is stored as its SHA-256 only; all of it lives in
-- the database, so any node can serve any step of a flow.

-- Consent a user gave, per client, organization and scope set: the list of applications with access
-- that the user (or an admin) can revoke. Only a remembered one skips the consent page next time.
create table oauth_consent (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    user_id          uuid not null references app_user (id) on delete cascade,
    client_id        varchar(100) not null,
    organization_id  uuid not null,
    scopes           varchar(1000) not null,
    remembered       boolean not null,
    created_at       timestamp with time zone not null,
    constraint uq_oauth_consent unique (user_id, client_id, organization_id, scopes)
);
create index ix_oauth_consent_tenant on oauth_consent (tenant_id, client_id);

-- Authorization codes: single use (redeemed_at is claimed atomically), short-lived, bound to the
-- client, redirect URI, user, organization, scopes and PKCE challenge. session_id is the grant the
-- code produced, revoked if the code is presented again.
create table oauth_code (
    code_hash        varchar(64) primary key,
    client_id        varchar(100) not null,
    redirect_uri     varchar(2048) not null,
    user_id          uuid not null,
    organization_id  uuid not null,
    scopes           varchar(1000) not null,
    code_challenge   varchar(128),
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    redeemed_at      timestamp with time zone,
    session_id       uuid
);
create index ix_oauth_code_challenge on oauth_code (code_challenge);
create index ix_oauth_code_expires on oauth_code (expires_at);

-- Refresh tokens, one row per token of a grant's rotation chain (the grant is a delegated session).
-- A used token keeps its successor: its hash, and the successor itself sealed with a key derived from
-- the used token, so that a caller presenting the used token again within the grace window gets the
-- same successor, and nobody without it (not even a reader of this table) can.
create table oauth_refresh_token (
    token_hash         varchar(64) primary key,
    session_id         uuid not null,
    client_id          varchar(100) not null,
    user_id            uuid not null,
    scopes             varchar(1000) not null,
    access_jti         varchar(64) not null,
    access_issued_at   timestamp with time zone not null,
    access_expires_at  timestamp with time zone not null,
    created_at         timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    used_at            timestamp with time zone,
    successor_hash     varchar(64),
    successor_sealed   varchar(200),
    -- Room for sender-constrained tokens (DPoP, RFC 9449): the thumbprint of the client's key.
    jkt                varchar(64)
);
create index ix_oauth_refresh_token_session on oauth_refresh_token (session_id);
create index ix_oauth_refresh_token_expires on oauth_refresh_token (expires_at);
