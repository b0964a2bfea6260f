package org.gauzy.bridge.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> FILTER = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;
    /**
     * Events and filters parsed, by their text: every fan-out reads its tenants' subscriptions, and parsing
     * their JSON again each time was a good part of its work. A few distinct texts serve most subscriptions.
     */
    private final Cache<String, List<String>> parsedEvents =
            Caffeine.newBuilder().maximumSize(10_000).build();

    private final Cache<String, Map<String, String>> parsedFilters =
            Caffeine.newBuilder().maximumSize(10_000).build();
    /** This node's name on the leases it takes, so that it renews and lets go only its own. */
    private final UUID node = UUID.randomUUID();

    SubscriptionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Subscription s) {
        jdbc.sql("insert into webhook_subscription (" + COLUMNS + ") values (:id, :tenant, :organization, :name, :url,"
                        + " :events, :filter, :active, :secret, :createdBy, :created, :updated, null, null)")
                .param("id", s.id())
                .param("tenant", s.tenantId())
                .param("organization", s.organizationId())
                .param("name", s.name())
                .param("url", s.targetUrl())
                .param("events", json.writeValueAsString(s.events()))
                .param("filter", json.writeValueAsString(s.filter()))
                .param("active", s.active())
                .param("secret", s.secretSealed())
                .param("createdBy", s.createdBy())
                .param("created", s.createdAt())
                .param("updated", s.updatedAt())
                .update();
    }

    void update(Subscription s) {
        jdbc.sql("""
                update webhook_subscription set name = :name, target_url = :url, events = :events, filter = :filter,
                    active = :active, updated_at = :updated, failing_since = :failingSince,
                    disabled_reason = :reason
                where id = :id and tenant_id = :tenant""")
                .param("name", s.name())
                .param("url", s.targetUrl())
                .param("events", json.writeValueAsString(s.events()))
                .param("filter", json.writeValueAsString(s.filter()))
                .param("active", s.active())
                .param("updated", s.updatedAt())
                .param("failingSince", s.failingSince())
                .param("reason", s.disabledReason())
                .param("id", s.id())
                .param("tenant", s.tenantId())
                .update();
    }

    Optional<Subscription> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The tenant's subscriptions, in the given organizations only when {@code organizations} is not null. */
    List<Subscription> list(UUID tenant, @Nullable Collection<UUID> organizations, int skip, int take) {
        var sql = jdbc.sql("select " + COLUMNS + " from webhook_subscription where tenant_id = :tenant"
                        + (organizations == null ? "" : " and organization_id in (:organizations)")
                        + " order by created_at, id offset :skip rows fetch next :take rows only")
                .param("tenant", tenant)
                .param("skip", skip)
                .param("take", take);
        return (organizations == null ? sql : sql.param("organizations", organizations))
                .query(this::map)
                .list();
    }

    long count(UUID tenant, @Nullable Collection<UUID> organizations) {
        var sql = jdbc.sql("select count(*) from webhook_subscription where tenant_id = :tenant"
                        + (organizations == null ? "" : " and organization_id in (:organizations)"))
                .param("tenant", tenant);
        return (organizations == null ? sql : sql.param("organizations", organizations))
                .query(Long.class)
                .single();
    }

    boolean delete(UUID tenant, UUID id) {
        return jdbc.sql("delete from webhook_subscription where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                > 0;
    }

    /** The active subscriptions of these tenants: what a fan-out matches events against. */
    List<Subscription> activeOf(Collection<UUID> tenants) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription"
                        + " where tenant_id in (:tenants) and active = true")
                .param("tenants", tenants)
                .query(this::map)
                .list();
    }

    /** These subscriptions as they are now, those still active. */
    Map<UUID, Subscription> activeByIds(Collection<UUID> ids) {
        Map<UUID, Subscription> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select " + COLUMNS + " from webhook_subscription where id in (:ids) and active = true")
                    .param("ids", ids)
                    .query(this::map)
                    .list()
                    .forEach(s -> found.put(s.id(), s));
        }
        return found;
    }

    /**
     * Those of these subscriptions that are active and that no node holds, in the order given, locked until the
     * transaction ends; rows another transaction has locked are skipped, as held.
     */
    List<UUID> leasable(List<UUID> candidates, OffsetDateTime now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<UUID> free = new HashSet<>(jdbc.sql("""
                select id from webhook_subscription
                where id in (:candidates) and active = true and (lease_until is null or lease_until < :now)
                for update skip locked""")
                .param("candidates", candidates)
                .param("now", now)
                .query(UUID.class)
                .list());
        return candidates.stream().filter(free::contains).toList();
    }

    /** Holds these subscriptions for this node until {@code until}: their deliveries leave from it alone, in order. */
    void lease(Collection<UUID> ids, OffsetDateTime until) {
        if (!ids.isEmpty()) {
            jdbc.sql("update webhook_subscription set lease_until = :until, lease_owner = :node where id in (:ids)")
                    .param("until", until)
                    .param("node", node)
                    .param("ids", ids)
                    .update();
        }
    }

    /**
     * Holds these subscriptions a while longer, those this node still holds; answers those. One it no longer
     * holds had its lease run out, and another node may send its deliveries now.
     */
    Set<UUID> renew(Collection<UUID> ids, OffsetDateTime until) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        jdbc.sql("update webhook_subscription set lease_until = :until where id in (:ids) and lease_owner = :node")
                .param("until", until)
                .param("ids", ids)
                .param("node", node)
                .update();
        return new HashSet<>(jdbc.sql("select id from webhook_subscription where id in (:ids) and lease_owner = :node")
                .param("ids", ids)
                .param("node", node)
                .query(UUID.class)
                .list());
    }

    /** Lets go those of these subscriptions this node holds; never one whose lease ran out and another node took. */
    void release(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update webhook_subscription set lease_until = null, lease_owner = null"
                            + " where id in (:ids) and lease_owner = :node")
                    .param("ids", ids)
                    .param("node", node)
                    .update();
        }
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
                .param("now", now)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Records the outcome of a subscription's latest sending: failing since when, and disabled why. */
    void health(
            UUID id,
            @Nullable OffsetDateTime failingSince,
            boolean active,
            @Nullable String reason,
            OffsetDateTime now) {
        jdbc.sql("""
                update webhook_subscription set failing_since = :failingSince, active = :active,
                    disabled_reason = :reason, updated_at = :now
                where id = :id""")
                .param("failingSince", failingSince)
                .param("active", active)
                .param("reason", reason)
                .param("now", now)
                .param("id", id)
                .update();
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("target_url"),
                parsedEvents.get(rs.getString("events"), text -> json.readValue(text, STRINGS)),
                parsedFilters.get(rs.getString("filter"), text -> json.readValue(text, FILTER)),
                rs.getBoolean("active"),
                rs.getString("secret_sealed"),
                rs.getObject("created_by", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("failing_since", OffsetDateTime.class),
                rs.getString("disabled_reason"));
    }
}
