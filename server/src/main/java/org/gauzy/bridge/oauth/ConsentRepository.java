package org.gauzy.bridge.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembered consents. */
@Repository
class ConsentRepository {

    record Consent(
            UUID id,
            UUID tenantId,
            UUID userId,
            String clientId,
            UUID organizationId,
            String scopes,
            boolean remembered,
            OffsetDateTime createdAt) {}

    /** A consent as its lists show it: with its client's name and when the client last got tokens with it. */
    record Listed(
            Consent consent,
            @Nullable String clientName,
            @Nullable OffsetDateTime lastUsedAt) {}

    private static final String COLUMNS =
            "id, tenant_id, user_id, client_id, organization_id, scopes, remembered, created_at";

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a consent; recording it again only ever turns "remembered" on. */
    void record(Consent consent) {
        jdbc.sql("insert into oauth_consent (" + COLUMNS + ") values (:id, :tenant, :user, :client, :organization,"
                        + " :scopes, :remembered, :created) on conflict do nothing")
                .param("id", consent.id())
                .param("tenant", consent.tenantId())
                .param("user", consent.userId())
                .param("client", consent.clientId())
                .param("organization", consent.organizationId())
                .param("scopes", consent.scopes())
                .param("remembered", consent.remembered())
                .param("created", consent.createdAt())
                .update();
        if (consent.remembered()) {
            jdbc.sql("""
                    update oauth_consent set remembered = true
                    where user_id = :user and client_id = :client and organization_id = :organization
                        and scopes = :scopes and remembered = false""")
                    .param("user", consent.userId())
                    .param("client", consent.clientId())
                    .param("organization", consent.organizationId())
                    .param("scopes", consent.scopes())
                    .update();
        }
    }

    /** The user's remembered consents to a client for exactly this scope set. */
    List<Consent> findRemembered(UUID user, String clientId, String scopes) {
        return jdbc.sql("select " + COLUMNS + " from oauth_consent where user_id = :user and client_id = :client"
                        + " and scopes = :scopes and remembered = true order by created_at")
                .param("user", user)
                .param("client", clientId)
                .param("scopes", scopes)
                .query(ConsentRepository::map)
                .list();
    }

    /**
     * The tenant's consents: one user's, or everyone's when {@code user} is null. "Last used" is when
     * the client last got tokens for the user (the exchange or a refresh); access tokens are not
     * tracked one by one.
     */
    List<Listed> list(UUID tenant, @Nullable UUID user) {
        var sql = jdbc.sql(
                        "select c.id, c.tenant_id, c.user_id, c.client_id, c.organization_id, c.scopes, c.remembered,"
                                + " c.created_at, o.name as client_name, (select max(r.created_at) from oauth_refresh_token r"
                                + " where r.user_id = c.user_id and r.client_id = c.client_id) as last_used_at"
                                + " from oauth_consent c left join oauth_client o on o.client_id = c.client_id"
                                + " where c.tenant_id = :tenant" + (user == null ? "" : " and c.user_id = :user")
                                + " order by c.created_at, c.id")
                .param("tenant", tenant);
        return (user == null ? sql : sql.param("user", user))
                .query((rs, row) -> new Listed(
                        map(rs, row), rs.getString("client_name"), rs.getObject("last_used_at", OffsetDateTime.class)))
                .list();
    }

    Optional<Consent> get(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from oauth_consent where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(ConsentRepository::map)
                .optional();
    }

    /** Forgets every consent of the user to the client. */
    int forget(UUID user, String clientId) {
        return jdbc.sql("delete from oauth_consent where user_id = :user and client_id = :client")
                .param("user", user)
                .param("client", clientId)
                .update();
    }

    int forgetClient(String clientId) {
        return jdbc.sql("delete from oauth_consent where client_id = :client")
                .param("client", clientId)
                .update();
    }

    /**
     * Mapped by hand: Spring's record mapper probes camel-case column names first, and H2 answers each
     * miss with an exception it also writes, with its stack trace, to its trace file.
     */
    private static Consent map(ResultSet rs, int row) throws SQLException {
        return new Consent(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("client_id"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("scopes"),
                rs.getBoolean("remembered"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
