-- A session may be delegated to an OAuth client: limited to the scopes and the one organization the
-- user consented to. Its refresh tokens live in the oauth module's tables, so the login refresh
-- token column becomes optional.
alter table user_session alter column refresh_token_hash drop not null;
alter table user_session add column client_id varchar(100);
alter table user_session add column scopes varchar(1000);
alter table user_session add column organization_id uuid;
create index ix_user_session_client on user_session (client_id, user_id);

-- Access tokens revoked one by one (RFC 7009), until they would have expired anyway. Every request
-- checks its token's id here, in the same query that checks its session.
create table revoked_access_token (
    jti         varchar(64) primary key,
    expires_at  timestamp with time zone not null
);
create index ix_revoked_access_token_expires on revoked_access_token (expires_at);
