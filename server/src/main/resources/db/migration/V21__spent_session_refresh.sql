-- Refresh tokens of sign-in sessions that were already exchanged. One presented again was copied (or the
-- session raced itself): the whole session ends, as an app's refresh-token family does.
create table spent_session_refresh (
    refresh_token_hash  varchar(64) primary key,
    session_id          uuid not null references user_session (id) on delete cascade,
    expires_at          timestamp with time zone not null
);
create index ix_spent_session_refresh_session on spent_session_refresh (session_id);
