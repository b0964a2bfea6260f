package org.gauzy.bridge.oauth;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Authorization codes, by hash. Redemption is one conditional update, so exactly one of two racing exchanges wins. */
@Repository
class CodeRepository {

    record Code(
            String codeHash,
            String clientId,
            String redirectUri,
            UUID userId,
            UUID organizationId,
            String scopes,
            @Nullable String codeChallenge,
            OffsetDateTime expiresAt,
            @Nullable OffsetDateTime redeemedAt,
            @Nullable UUID sessionId) {}

    private final JdbcClient jdbc;

    CodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Code code, OffsetDateTime now) {
        jdbc.sql("""
                insert into oauth_code (code_hash, client_id, redirect_uri, user_id, organization_id, scopes,
                    code_challenge, created_at, expires_at)
                values (:hash, :client, :redirect, :user, :organization, :scopes, :challenge, :now, :expires)""")
                .param("hash", code.codeHash())
                .param("client", code.clientId())
                .param("redirect", code.redirectUri())
                .param("user", code.userId())
                .param("organization", code.organizationId())
                .param("scopes", code.scopes())
                .param("challenge", code.codeChallenge())
                .param("now", now)
                .param("expires", code.expiresAt())
                .update();
    }

    Optional<Code> find(String hash) {
        return jdbc.sql("""
                select code_hash, client_id, redirect_uri, user_id, organization_id, scopes, code_challenge,
                    expires_at, redeemed_at, session_id
                from oauth_code where code_hash = :hash""")
                .param("hash", hash)
                .query((rs, n) -> new Code(
                        rs.getString("code_hash"),
                        rs.getString("client_id"),
                        rs.getString("redirect_uri"),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("scopes"),
                        rs.getString("code_challenge"),
                        rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getObject("redeemed_at", OffsetDateTime.class),
                        rs.getObject("session_id", UUID.class)))
                .optional();
    }

    /** Marks the code redeemed by this grant; false when another exchange already did. */
    boolean redeem(String hash, UUID session, OffsetDateTime now) {
        return jdbc.sql("""
                update oauth_code set redeemed_at = :now, session_id = :session
                where code_hash = :hash and redeemed_at is null""")
                        .param("now", now)
                        .param("session", session)
                        .param("hash", hash)
                        .update()
                > 0;
    }

    /** Whether a challenge was already sent with another code: a client that reuses one has no PKCE at all. */
    boolean challengeSeen(String challenge) {
        return jdbc.sql("select count(*) from oauth_code where code_challenge = :challenge")
                        .param("challenge", challenge)
                        .query(Long.class)
                        .single()
                > 0;
    }

    int purge(OffsetDateTime before) {
        return jdbc.sql("delete from oauth_code where expires_at < :before")
                .param("before", before)
                .update();
    }
}
