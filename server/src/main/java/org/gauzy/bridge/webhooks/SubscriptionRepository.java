package org.gauzy.bridge.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Subscriptions and their leases; every query is scoped to a tenant except delivery's, which works for all. */
@Repository
class SubscriptionRepository {

    private static final String COLUMNS = "id, tenant_id, organization_id, name, target_url, events, filter, active,"
            + " secret_sealed, created_by, created_at, updated_at, failing_since, disabled_reason";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> FILTER = new TypeReference<>() { };
    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** This node's name on the leases it takes, so that it renews and lets go only its own. */
    private final UUID node = UUID.randomUUID();

    SubscriptionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Subscription s) {
        jdbc.sql("insert into webhook_subscription (" + COLUMNS + ") values (:id, :tenant, :organization, :name, :url,"
                + " :events, :filter, :active, :secret, :createdBy, :created, :updated, null, null)")
                .param("id", s.id()).param("tenant", s.tenantId()).param("organization", s.organizationId())
                .param("name", s.name()).param("url", s.targetUrl())
                .param("events", json.writeValueAsString(s.events())).param("filter", json.writeValueAsString(s.filter()))
                .param("active", s.active()).param("secret", s.secretSealed()).param("createdBy", s.createdBy())
                .param("created", s.createdAt()).param("updated", s.updatedAt())
                .update();
    }

    void update(Subscription s) {
        jdbc.sql("""
                update webhook_subscription set name = :name, target_url = :url, events = :events, filter = :filter,
                    active = :active, updated_at = :updated, failing_since = :failingSince,
                    disabled_reason = :reason
                where id = :id and tenant_id = :tenant""")
                .param("name", s.name()).param("url", s.targetUrl())
                .param("events", json.writeValueAsString(s.events())).param("filter", json.writeValueAsString(s.filter()))
                .param("active", s.active()).param("updated", s.updatedAt()).param("failingSince", s.failingSince())
                .param("reason", s.disabledReason()).param("id", s.id()).param("tenant", s.tenantId())
                .update();
    }

    Optional<Subscription> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(this::map).optional();
    }

    /** The tenant's subscriptions, in the given organizations only when {@code organizations} is not null. */
    List<Subscription> list(UUID tenant, @Nullable Collection<UUID> organizations, int skip, int take) {
        var sql = jdbc.sql("select " + COLUMNS + " from webhook_subscription where tenant_id = :tenant"
                + (organizations == null ? "" : " and organization_id in (:organizations)")
                + " order by created_at, id offset :skip rows fetch next :take rows only")
                .param("tenant", tenant).param("skip", skip).param("take", take);
        return (organizations == null ? sql : sql.param("organizations", organizations)).query(this::map).list();
    }

    long count(UUID tenant, @Nullable Collection<UUID> organizations) {
        var sql = jdbc.sql("select count(*) from webhook_subscription where tenant_id = :tenant"
                + (organizations == null ? "" : " and organization_id in (:organizations)"))
                .param("tenant", tenant);
        return (organizations == null ? sql : sql.param("organizations", organizations)).query(Long.class).single();
    }

    boolean delete(UUID tenant, UUID id) {
        return jdbc.sql("delete from webhook_subscription where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update() > 0;
    }

    /** The active subscriptions of these tenants: what a fan-out matches events against. */
    List<Subscription> activeOf(Collection<UUID> tenants) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where tenant_id in (:tenants) and active = true")
                .param("tenants", tenants).query(this::map).list();
    }

    Optional<Subscription> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where id = :id")
                .param("id", id).query(this::map).optional();
    }

    /**
     * Holds a subscription for this node until {@code until}, if it is active and no node holds it: its
     * deliveries then leave from this node alone, in order. True when it did.
     */
    boolean lease(UUID id, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql("""
                update webhook_subscription set lease_until = :until, lease_owner = :node
                where id = :id and active = true and (lease_until is null or lease_until < :now)""")
                .param("until", until).param("node", node).param("id", id).param("now", now).update() > 0;
    }

    /**
     * Holds a subscription this node holds a while longer; false when it no longer holds it (its lease ran
     * out and another node took it, which now sends its deliveries).
     */
    boolean renew(UUID id, OffsetDateTime until) {
        return jdbc.sql("update webhook_subscription set lease_until = :until where id = :id and lease_owner = :node")
                .param("until", until).param("id", id).param("node", node).update() > 0;
    }

    /**
     * Lets go a subscription this node holds, unless a delivery of it is due (then false: the holder sends
     * it). Never one whose lease ran out and another node took.
     */
    boolean releaseIfNothingDue(UUID id, OffsetDateTime now) {
        return jdbc.sql("""
                update webhook_subscription set lease_until = null, lease_owner = null
                where id = :id and lease_owner = :node and not exists (select 1 from webhook_delivery d
                    where d.subscription_id = :id and d.status = 'PENDING' and d.next_attempt_at <= :now)""")
                .param("id", id).param("node", node).param("now", now).update() > 0;
    }

    /** Lets go a subscription this node holds, whatever is due; never one another node took. */
    void release(UUID id) {
        jdbc.sql("update webhook_subscription set lease_until = null, lease_owner = null"
                + " where id = :id and lease_owner = :node").param("id", id).param("node", node).update();
    }

    /**
     * Up to {@code limit} active subscriptions that no node holds and that have deliveries due: retries that
     * came due, replays, and what a node that stopped left.
     */
    List<UUID> unheldWithDeliveriesDue(OffsetDateTime now, int limit) {
        return jdbc.sql("""
                select s.id from webhook_subscription s
                where s.active = true and (s.lease_until is null or s.lease_until < :now)
                    and exists (select 1 from webhook_delivery d where d.subscription_id = s.id
                        and d.status = 'PENDING' and d.next_attempt_at <= :now)
                order by s.id fetch first :limit rows only""")
                .param("now", now).param("limit", limit).query(UUID.class).list();
    }

    /** Records the outcome of a subscription's latest sending: failing since when, and disabled why. */
    void health(UUID id, @Nullable OffsetDateTime failingSince, boolean active, @Nullable String reason,
            OffsetDateTime now) {
        jdbc.sql("""
                update webhook_subscription set failing_since = :failingSince, active = :active,
                    disabled_reason = :reason, updated_at = :now
                where id = :id""")
                .param("failingSince", failingSince).param("active", active).param("reason", reason)
                .param("now", now).param("id", id)
                .update();
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getString("name"), rs.getString("target_url"),
                json.readValue(rs.getString("events"), STRINGS), json.readValue(rs.getString("filter"), FILTER),
                rs.getBoolean("active"), rs.getString("secret_sealed"), rs.getObject("created_by", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("failing_since", OffsetDateTime.class), rs.getString("disabled_reason"));
    }
}
