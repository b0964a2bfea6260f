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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Clients; list columns hold JSON arrays. Tenant queries see the tenant's clients, and global ones only when asked. */
@Repository
class OAuthClientRepository {

    /** A stored client, with its secret's hash: never leaves the module. */
    record Client(
            UUID id,
            @Nullable UUID tenantId,
            String clientId,
            @Nullable String secretHash,
            String name,
            @Nullable String description,
            String clientType,
            List<String> redirectUris,
            List<String> allowedScopes,
            List<String> allowedGrantTypes,
            boolean pkceRequired,
            int accessTokenTtl,
            int refreshTokenTtl,
            boolean isActive,
            OffsetDateTime tokensValidAfter,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    private static final String COLUMNS =
            "id, tenant_id, client_id, client_secret_hash, name, description, client_type,"
                    + " redirect_uris, allowed_scopes, allowed_grant_types, pkce_required, access_token_ttl, refresh_token_ttl,"
                    + " is_active, tokens_valid_after, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OAuthClientRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Client c) {
        jdbc.sql("insert into oauth_client (" + COLUMNS + ") values (:id, :tenant, :clientId, :hash, :name,"
                        + " :description, :type, :uris, :scopes, :grants, :pkce, :accessTtl, :refreshTtl, :active, :validAfter,"
                        + " :created, :updated)")
                .param("id", c.id())
                .param("tenant", c.tenantId())
                .param("clientId", c.clientId())
                .param("hash", c.secretHash())
                .param("name", c.name())
                .param("description", c.description())
                .param("type", c.clientType())
                .param("uris", json.writeValueAsString(c.redirectUris()))
                .param("scopes", json.writeValueAsString(c.allowedScopes()))
                .param("grants", json.writeValueAsString(c.allowedGrantTypes()))
                .param("pkce", c.pkceRequired())
                .param("accessTtl", c.accessTokenTtl())
                .param("refreshTtl", c.refreshTokenTtl())
                .param("active", c.isActive())
                .param("validAfter", c.tokensValidAfter())
                .param("created", c.createdAt())
                .param("updated", c.updatedAt())
                .update();
    }

    /** Writes every mutable field back; the client id, owner and creation time never change. */
    void update(Client c) {
        jdbc.sql("""
                update oauth_client set client_secret_hash = :hash, name = :name, description = :description,
                    redirect_uris = :uris, allowed_scopes = :scopes, allowed_grant_types = :grants,
                    pkce_required = :pkce, access_token_ttl = :accessTtl, refresh_token_ttl = :refreshTtl,
                    is_active = :active, tokens_valid_after = :validAfter, updated_at = :updated
                where id = :id""")
                .param("hash", c.secretHash())
                .param("name", c.name())
                .param("description", c.description())
                .param("uris", json.writeValueAsString(c.redirectUris()))
                .param("scopes", json.writeValueAsString(c.allowedScopes()))
                .param("grants", json.writeValueAsString(c.allowedGrantTypes()))
                .param("pkce", c.pkceRequired())
                .param("accessTtl", c.accessTokenTtl())
                .param("refreshTtl", c.refreshTokenTtl())
                .param("active", c.isActive())
                .param("validAfter", c.tokensValidAfter())
                .param("updated", c.updatedAt())
                .param("id", c.id())
                .update();
    }

    /** A client of the tenant, or a global one when {@code includeGlobal}. */
    Optional<Client> find(UUID tenant, UUID id, boolean includeGlobal) {
        return jdbc.sql("select " + COLUMNS + " from oauth_client where id = :id and (tenant_id = :tenant"
                        + (includeGlobal ? " or tenant_id is null)" : ")"))
                .param("id", id)
                .param("tenant", tenant)
                .query(this::map)
                .optional();
    }

    /** By the public client id, whatever its tenant: the protocol endpoints check the user's tenant themselves. */
    Optional<Client> findByClientId(String clientId) {
        return jdbc.sql("select " + COLUMNS + " from oauth_client where client_id = :clientId")
                .param("clientId", clientId)
                .query(this::map)
                .optional();
    }

    List<Client> list(UUID tenant, boolean includeGlobal, int skip, int take) {
        return jdbc.sql("select " + COLUMNS + " from oauth_client where tenant_id = :tenant"
                        + (includeGlobal ? " or tenant_id is null" : "")
                        + " order by created_at, id offset :skip rows fetch next :take rows only")
                .param("tenant", tenant)
                .param("skip", skip)
                .param("take", take)
                .query(this::map)
                .list();
    }

    long count(UUID tenant, boolean includeGlobal) {
        return jdbc.sql("select count(*) from oauth_client where tenant_id = :tenant"
                        + (includeGlobal ? " or tenant_id is null" : ""))
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from oauth_client where id = :id")
                        .param("id", id)
                        .update()
                > 0;
    }

    private Client map(ResultSet rs, int row) throws SQLException {
        return new Client(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("client_id"),
                rs.getString("client_secret_hash"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("client_type"),
                json.readValue(rs.getString("redirect_uris"), STRINGS),
                json.readValue(rs.getString("allowed_scopes"), STRINGS),
                json.readValue(rs.getString("allowed_grant_types"), STRINGS),
                rs.getBoolean("pkce_required"),
                rs.getInt("access_token_ttl"),
                rs.getInt("refresh_token_ttl"),
                rs.getBoolean("is_active"),
                rs.getObject("tokens_valid_after", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
