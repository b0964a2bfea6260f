package org.gauzy.bridge.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

/** Subscriptions; every query is scoped to a tenant except the dispatcher's, which works for all. */
@Repository
class SubscriptionRepository {

    private static final String COLUMNS = "id, tenant_id, organization_id, name, target_url, events, filter, active,"
            + " secret_sealed, created_by, created_at, updated_at, failing_since, disabled_reason";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> FILTER = new TypeReference<>() { };
    /**
     * How many ids one statement of the dispatcher's takes at most: it asks about every subscription its
     * node holds or waits for, which may be more than the 65,535 parameters PostgreSQL binds in one.
     */
    private static final int IDS_PER_STATEMENT = 1_000;

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

    /** An active subscription, and when another node last wanted it while a node held it ({@link #want}). */
    record Active(Subscription subscription, @Nullable OffsetDateTime wantedAt) {
    }

    /** The active subscriptions of these tenants: what the dispatcher matches a batch of events against. */
    List<Active> activeOf(Collection<UUID> tenants) {
        return jdbc.sql("select " + COLUMNS + ", wanted_at from webhook_subscription"
                + " where tenant_id in (:tenants) and active = true")
                .param("tenants", tenants)
                .query((rs, row) -> new Active(map(rs, row), rs.getObject("wanted_at", OffsetDateTime.class))).list();
    }

    /**
     * Says that this node fanned out deliveries for subscriptions another node holds: their holder lets them
     * go at its next fan-out, so that those deliveries leave before its later ones.
     */
    void want(Collection<UUID> ids, OffsetDateTime now) {
        for (List<UUID> some : chunks(ids)) {
            jdbc.sql("update webhook_subscription set wanted_at = :now where id in (:ids)")
                    .param("now", now).param("ids", some).update();
        }
    }

    Optional<Subscription> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where id = :id")
                .param("id", id).query(this::map).optional();
    }

    /**
     * Takes up to {@code limit} active subscriptions that have deliveries due and that no node holds
     * (among {@code candidates} when given), and holds them until {@code leaseUntil}: their deliveries
     * then leave from this node, in order.
     */
    List<UUID> lease(OffsetDateTime now, OffsetDateTime leaseUntil, int limit, @Nullable Collection<UUID> candidates) {
        List<UUID> due = new ArrayList<>();
        if (candidates == null) {
            due.addAll(unheldWithDeliveriesDue(now, limit, null));
        } else {
            for (List<UUID> some : chunks(candidates)) {
                if (due.size() >= limit) {
                    break;
                }
                due.addAll(unheldWithDeliveriesDue(now, limit - due.size(), some));
            }
        }
        hold(due, leaseUntil);
        return due;
    }

    /** Locks up to {@code limit} active subscriptions no node holds that have deliveries due (among these). */
    private List<UUID> unheldWithDeliveriesDue(OffsetDateTime now, int limit, @Nullable List<UUID> among) {
        if (limit <= 0) {
            return List.of();
        }
        var query = jdbc.sql("select s.id from webhook_subscription s"
                + " where s.active = true and (s.lease_until is null or s.lease_until < :now)"
                + (among == null ? "" : " and s.id in (:candidates)")
                + " and " + dueExists("")
                + " order by s.id fetch first :limit rows only for update skip locked")
                .param("now", now).param("limit", limit);
        return (among == null ? query : query.param("candidates", among)).query(UUID.class).list();
    }

    /**
     * Takes, among subscriptions that just got deliveries, up to {@code limit} that no node holds, as
     * {@link #lease} does; and says of each whether it has older deliveries due (below {@code position}),
     * which must leave before the new ones.
     */
    Map<UUID, Boolean> leaseFresh(Collection<UUID> candidates, long position, OffsetDateTime now,
            OffsetDateTime leaseUntil, int limit) {
        Map<UUID, Boolean> leased = new LinkedHashMap<>();
        for (List<UUID> some : chunks(candidates)) {
            if (leased.size() >= limit) {
                break;
            }
            jdbc.sql("select s.id, " + dueExists(" and d.position < :position") + " from webhook_subscription s"
                    + " where s.id in (:candidates) and s.active = true"
                    + " and (s.lease_until is null or s.lease_until < :now)"
                    + " order by s.id fetch first :limit rows only for update skip locked")
                    .param("now", now).param("position", position).param("candidates", some)
                    .param("limit", limit - leased.size())
                    .query((ResultSet rs) -> {
                        leased.put(rs.getObject(1, UUID.class), rs.getBoolean(2));
                    });
        }
        hold(leased.keySet(), leaseUntil);
        return leased;
    }

    /** Those of these subscriptions that have deliveries due at {@code now}. */
    Set<UUID> withDeliveriesDue(Collection<UUID> ids, OffsetDateTime now) {
        Set<UUID> due = new HashSet<>();
        for (List<UUID> some : chunks(ids)) {
            due.addAll(jdbc.sql("select s.id from webhook_subscription s where s.id in (:ids) and " + dueExists(""))
                    .param("ids", some).param("now", now).query(UUID.class).list());
        }
        return due;
    }

    /** Whether subscription {@code s} has a delivery due at {@code :now} (and meeting {@code andAlso}). */
    private static String dueExists(String andAlso) {
        return "exists (select 1 from webhook_delivery d where d.subscription_id = s.id and d.status = 'PENDING'"
                + " and d.next_attempt_at <= :now" + andAlso + ")";
    }

    private void hold(Collection<UUID> ids, OffsetDateTime leaseUntil) {
        for (List<UUID> some : chunks(ids)) {
            jdbc.sql("update webhook_subscription set lease_until = :until, lease_owner = :node where id in (:ids)")
                    .param("until", leaseUntil).param("node", node).param("ids", some).update();
        }
    }

    /**
     * Holds subscriptions a run of this node is still sending for a while longer: only while this node
     * holds them, never one it let go or whose lease ran out and another node took.
     */
    void renew(Collection<UUID> ids, OffsetDateTime leaseUntil) {
        for (List<UUID> some : chunks(ids)) {
            jdbc.sql("update webhook_subscription set lease_until = :until where id in (:ids) and lease_owner = :node")
                    .param("until", leaseUntil).param("ids", some).param("node", node).update();
        }
    }

    /** Lets subscriptions go, those this node holds: never one whose lease ran out and another node took. */
    void release(Collection<UUID> ids) {
        for (List<UUID> some : chunks(ids)) {
            jdbc.sql("update webhook_subscription set lease_until = null, lease_owner = null"
                    + " where id in (:ids) and lease_owner = :node").param("ids", some).param("node", node).update();
        }
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

    /** The ids in lists of at most {@link #IDS_PER_STATEMENT}; none for none. */
    private static List<List<UUID>> chunks(Collection<UUID> ids) {
        List<UUID> all = List.copyOf(ids);
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT)));
        }
        return chunks;
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
