-- The authorized-apps list shows when each client last got tokens for its user.
create index ix_oauth_refresh_token_user_client on oauth_refresh_token (user_id, client_id, created_at);
