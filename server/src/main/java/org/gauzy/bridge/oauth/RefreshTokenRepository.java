package org.gauzy.bridge.oauth;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens by hash. Using one is a conditional update, so of two racing refreshes exactly one rotates. */
@Repository
class RefreshTokenRepository {

    /**
     * @param accessJti the id of the access token issued together with this refresh token, so that a
     *        repeated refresh within the grace window answers an equal one
     */
    record RefreshToken(
            String tokenHash,
            UUID sessionId,
            String clientId,
            UUID userId,
            String scopes,
            String accessJti,
            OffsetDateTime accessIssuedAt,
            OffsetDateTime accessExpiresAt,
            OffsetDateTime expiresAt,
            @Nullable OffsetDateTime usedAt,
            @Nullable String successorHash,
            @Nullable String successorSealed) {}

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RefreshToken token, OffsetDateTime now) {
        jdbc.sql("""
                insert into oauth_refresh_token (token_hash, session_id, client_id, user_id, scopes, access_jti,
                    access_issued_at, access_expires_at, created_at, expires_at)
                values (:hash, :session, :client, :user, :scopes, :jti, :issued, :accessExpires, :now, :expires)""")
                .param("hash", token.tokenHash())
                .param("session", token.sessionId())
                .param("client", token.clientId())
                .param("user", token.userId())
                .param("scopes", token.scopes())
                .param("jti", token.accessJti())
                .param("issued", token.accessIssuedAt())
                .param("accessExpires", token.accessExpiresAt())
                .param("now", now)
                .param("expires", token.expiresAt())
                .update();
    }

    Optional<RefreshToken> find(String hash) {
        return jdbc.sql("""
                select token_hash, session_id, client_id, user_id, scopes, access_jti, access_issued_at,
                    access_expires_at, expires_at, used_at, successor_hash, successor_sealed
                from oauth_refresh_token where token_hash = :hash""")
                .param("hash", hash)
                .query((rs, n) -> new RefreshToken(
                        rs.getString("token_hash"),
                        rs.getObject("session_id", UUID.class),
                        rs.getString("client_id"),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("scopes"),
                        rs.getString("access_jti"),
                        rs.getObject("access_issued_at", OffsetDateTime.class),
                        rs.getObject("access_expires_at", OffsetDateTime.class),
                        rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getObject("used_at", OffsetDateTime.class),
                        rs.getString("successor_hash"),
                        rs.getString("successor_sealed")))
                .optional();
    }

    /** Marks the token used and records its successor; false when another refresh used it first. */
    boolean use(String hash, String successorHash, String successorSealed, OffsetDateTime now) {
        return jdbc.sql("""
                update oauth_refresh_token set used_at = :now, successor_hash = :successor, successor_sealed = :sealed
                where token_hash = :hash and used_at is null""")
                        .param("now", now)
                        .param("successor", successorHash)
                        .param("sealed", successorSealed)
                        .param("hash", hash)
                        .update()
                > 0;
    }

    int purge(OffsetDateTime before) {
        return jdbc.sql("delete from oauth_refresh_token where expires_at < :before")
                .param("before", before)
                .update();
    }
}
