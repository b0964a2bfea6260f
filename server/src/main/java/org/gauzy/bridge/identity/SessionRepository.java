package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sign-in sessions. A session is keyed by the user, not the tenant: it is looked up by the id a
 * signed token names, or by the hash of a refresh token, both unguessable.
 */
@Repository
class SessionRepository {

    record Session(UUID id, UUID userId, OffsetDateTime expiresAt) {}

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID user, String refreshHash, OffsetDateTime now, OffsetDateTime expires) {
        jdbc.sql("""
                insert into user_session (id, user_id, refresh_token_hash, created_at, last_used_at, expires_at)
                values (:id, :user, :hash, :now, :now, :expires)""")
                .param("id", id)
                .param("user", user)
                .param("hash", refreshHash)
                .param("now", now)
                .param("expires", expires)
                .update();
    }

    Optional<Session> findLiveByRefreshHash(String hash, OffsetDateTime now) {
        return jdbc.sql("""
                select id, user_id, expires_at from user_session
                where refresh_token_hash = :hash and revoked_at is null and expires_at > :now""")
                .param("hash", hash)
                .param("now", now)
                .query((rs, n) -> new Session(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("expires_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * Replaces the refresh token only if it is still the one presented, so two refreshes racing with
     * one token cannot both succeed.
     */
    boolean rotate(UUID id, String oldHash, String newHash, OffsetDateTime now, OffsetDateTime expires) {
        boolean rotated = jdbc.sql("""
                update user_session set refresh_token_hash = :newHash, last_used_at = :now, expires_at = :expires
                where id = :id and refresh_token_hash = :oldHash and revoked_at is null""")
                        .param("newHash", newHash)
                        .param("now", now)
                        .param("expires", expires)
                        .param("id", id)
                        .param("oldHash", oldHash)
                        .update()
                > 0;
        if (rotated) {
            jdbc.sql("""
                    insert into spent_session_refresh (refresh_token_hash, session_id, expires_at)
                    values (:hash, :id, :expires)""")
                    .param("hash", oldHash)
                    .param("id", id)
                    .param("expires", expires)
                    .update();
        }
        return rotated;
    }

    /** The session a refresh token belonged to before it was exchanged, if it was. */
    Optional<UUID> sessionOfSpentRefresh(String hash) {
        return jdbc.sql("select session_id from spent_session_refresh where refresh_token_hash = :hash")
                .param("hash", hash)
                .query(UUID.class)
                .optional();
    }

    void revoke(UUID id, OffsetDateTime now) {
        jdbc.sql("update user_session set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", now)
                .param("id", id)
                .update();
    }

    void insertDelegated(
            UUID id,
            UUID user,
            String clientId,
            String scopes,
            UUID organization,
            OffsetDateTime now,
            OffsetDateTime expires) {
        jdbc.sql("""
                insert into user_session (id, user_id, client_id, scopes, organization_id, created_at, last_used_at,
                    expires_at)
                values (:id, :user, :client, :scopes, :organization, :now, :now, :expires)""")
                .param("id", id)
                .param("user", user)
                .param("client", clientId)
                .param("scopes", scopes)
                .param("organization", organization)
                .param("now", now)
                .param("expires", expires)
                .update();
    }

    boolean isLive(UUID id, OffsetDateTime now) {
        return jdbc.sql("select count(*) from user_session where id = :id and revoked_at is null and expires_at > :now")
                        .param("id", id)
                        .param("now", now)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Moves a live session's expiry; false when it was revoked or has expired. */
    boolean extend(UUID id, OffsetDateTime now, OffsetDateTime expires) {
        return jdbc.sql("""
                update user_session set last_used_at = :now, expires_at = :expires
                where id = :id and revoked_at is null and expires_at > :now""")
                        .param("now", now)
                        .param("expires", expires)
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Revokes the sessions delegated to a client: all of them, or one user's. */
    int revokeDelegated(String clientId, @Nullable UUID user, OffsetDateTime now) {
        var statement = jdbc.sql("update user_session set revoked_at = :now where client_id = :client"
                        + (user == null ? "" : " and user_id = :user") + " and revoked_at is null")
                .param("now", now)
                .param("client", clientId);
        return (user == null ? statement : statement.param("user", user)).update();
    }

    void revokeAccessToken(String tokenId, OffsetDateTime expires) {
        jdbc.sql("""
                insert into revoked_access_token (jti, expires_at) values (:jti, :expires)
                on conflict do nothing""").param("jti", tokenId).param("expires", expires).update();
    }

    /** Forgets what can no longer matter: sessions and revoked tokens past their expiry. */
    int purgeExpired(OffsetDateTime before) {
        return jdbc.sql("delete from revoked_access_token where expires_at < :before")
                        .param("before", before)
                        .update()
                + jdbc.sql("delete from spent_session_refresh where expires_at < :before")
                        .param("before", before)
                        .update()
                + jdbc.sql("delete from user_session where expires_at < :before")
                        .param("before", before)
                        .update();
    }
}
