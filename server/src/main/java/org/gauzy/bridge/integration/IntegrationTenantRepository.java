package org.gauzy.bridge.integration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installations and their setting rows; every query filters by tenant. */
@Repository
class IntegrationTenantRepository {

    record Row(
            UUID id,
            UUID tenantId,
            UUID organizationId,
            UUID integrationId,
            String provider,
            boolean isEnabled,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    record SettingRow(String name, String value, boolean isSecret) {}

    private static final String SELECT = """
            select it.id, it.tenant_id, it.organization_id, it.integration_id, i.provider, it.is_enabled,
                   it.created_at, it.updated_at
            from integration_tenant it join integration i on i.id = it.integration_id""";

    private final JdbcClient jdbc;

    IntegrationTenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> integrationId(String provider) {
        return jdbc.sql("select id from integration where provider = :provider and is_active = true")
                .param("provider", provider)
                .query(UUID.class)
                .optional();
    }

    /** Inserts the row unless the (tenant, organization, integration) triple already has one. */
    void insertIfAbsent(UUID id, UUID tenant, UUID organization, UUID integration, OffsetDateTime now) {
        jdbc.sql("""
                insert into integration_tenant (id, tenant_id, organization_id, integration_id, is_enabled,
                    created_at, updated_at)
                values (:id, :tenant, :org, :integration, true, :now, :now)
                on conflict do nothing""")
                .param("id", id)
                .param("tenant", tenant)
                .param("org", organization)
                .param("integration", integration)
                .param("now", now)
                .update();
    }

    /** The installation of the triple, locked for the rest of the transaction. */
    Optional<Row> lockByTriple(UUID tenant, UUID organization, UUID integration) {
        return jdbc.sql(SELECT + " where it.tenant_id = :tenant and it.organization_id = :org"
                        + " and it.integration_id = :integration for update")
                .param("tenant", tenant)
                .param("org", organization)
                .param("integration", integration)
                .query(IntegrationTenantRepository::map)
                .optional();
    }

    Optional<Row> find(UUID tenant, UUID id) {
        return jdbc.sql(SELECT + " where it.tenant_id = :tenant and it.id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(IntegrationTenantRepository::map)
                .optional();
    }

    /** An installation and the named settings it has, read together. */
    record RowWithSettings(Row row, List<SettingRow> settings) {}

    /**
     * The installation and those of {@code names} it has (every setting for null), in one statement: a request that
     * acts through an installation reads it and its credentials on every call, and on PostgreSQL each statement is a
     * round trip.
     */
    Optional<RowWithSettings> findWithSettings(UUID tenant, UUID id, @Nullable Set<String> names) {
        var settings = new ArrayList<SettingRow>();
        var query = jdbc.sql("""
                        select it.id, it.tenant_id, it.organization_id, it.integration_id, i.provider, it.is_enabled,
                               it.created_at, it.updated_at, s.setting_name, s.setting_value, s.is_secret
                        from integration_tenant it join integration i on i.id = it.integration_id
                        left join integration_setting s on s.tenant_id = it.tenant_id
                            and s.integration_tenant_id = it.id"""
                        + (names == null ? "" : " and s.setting_name in (:names)")
                        + " where it.tenant_id = :tenant and it.id = :id")
                .param("tenant", tenant)
                .param("id", id);
        if (names != null) {
            query = query.param("names", names);
        }
        List<Row> rows = query.query((rs, n) -> {
                    String name = rs.getString("setting_name");
                    if (name != null) {
                        settings.add(new SettingRow(name, rs.getString("setting_value"), rs.getBoolean("is_secret")));
                    }
                    return map(rs, n);
                })
                .list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new RowWithSettings(rows.get(0), settings));
    }

    List<Row> enabled(String provider) {
        return jdbc.sql(SELECT + " where i.provider = :provider and it.is_enabled = true order by it.created_at, it.id")
                .param("provider", provider)
                .query(IntegrationTenantRepository::map)
                .list();
    }

    Optional<Row> findByTriple(UUID tenant, UUID organization, String provider) {
        return jdbc.sql(SELECT
                        + " where it.tenant_id = :tenant and it.organization_id = :org and i.provider = :provider")
                .param("tenant", tenant)
                .param("org", organization)
                .param("provider", provider)
                .query(IntegrationTenantRepository::map)
                .optional();
    }

    List<SettingRow> settings(UUID tenant, UUID integrationTenant) {
        return jdbc.sql("""
                select setting_name, setting_value, is_secret from integration_setting
                where tenant_id = :tenant and integration_tenant_id = :it order by setting_name""")
                .param("tenant", tenant)
                .param("it", integrationTenant)
                .query((rs, n) -> new SettingRow(
                        rs.getString("setting_name"), rs.getString("setting_value"), rs.getBoolean("is_secret")))
                .list();
    }

    Optional<SettingRow> setting(UUID tenant, UUID integrationTenant, String name) {
        return jdbc.sql("""
                select setting_name, setting_value, is_secret from integration_setting
                where tenant_id = :tenant and integration_tenant_id = :it and setting_name = :name""")
                .param("tenant", tenant)
                .param("it", integrationTenant)
                .param("name", name)
                .query((rs, n) -> new SettingRow(
                        rs.getString("setting_name"), rs.getString("setting_value"), rs.getBoolean("is_secret")))
                .optional();
    }

    /** Sets a value, keeping the row (and its id) when the name already exists. Call with the installation locked. */
    void putSetting(
            UUID tenant, UUID integrationTenant, String name, String value, boolean secret, OffsetDateTime now) {
        int updated = jdbc.sql("""
                update integration_setting set setting_value = :value, is_secret = :secret, updated_at = :now
                where tenant_id = :tenant and integration_tenant_id = :it and setting_name = :name""")
                .param("value", value)
                .param("secret", secret)
                .param("now", now)
                .param("tenant", tenant)
                .param("it", integrationTenant)
                .param("name", name)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into integration_setting (id, tenant_id, integration_tenant_id, setting_name, setting_value, is_secret,
                        updated_at)
                    values (:id, :tenant, :it, :name, :value, :secret, :now)""")
                    .param("id", UUID.randomUUID())
                    .param("tenant", tenant)
                    .param("it", integrationTenant)
                    .param("name", name)
                    .param("value", value)
                    .param("secret", secret)
                    .param("now", now)
                    .update();
        }
    }

    void deleteSetting(UUID tenant, UUID integrationTenant, String name) {
        jdbc.sql(
                        "delete from integration_setting where tenant_id = :tenant and integration_tenant_id = :it and setting_name = :name")
                .param("tenant", tenant)
                .param("it", integrationTenant)
                .param("name", name)
                .update();
    }

    boolean setEnabled(UUID tenant, UUID id, boolean enabled, OffsetDateTime now) {
        return jdbc.sql(
                                "update integration_tenant set is_enabled = :enabled, updated_at = :now where tenant_id = :tenant and id = :id")
                        .param("enabled", enabled)
                        .param("now", now)
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                > 0;
    }

    void touch(UUID tenant, UUID id, OffsetDateTime now) {
        jdbc.sql("update integration_tenant set updated_at = :now where tenant_id = :tenant and id = :id")
                .param("now", now)
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    /** Deletes the installation; its settings go with it (ON DELETE CASCADE). */
    boolean delete(UUID tenant, UUID id) {
        return jdbc.sql("delete from integration_tenant where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                > 0;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getString("provider"),
                rs.getBoolean("is_enabled"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
