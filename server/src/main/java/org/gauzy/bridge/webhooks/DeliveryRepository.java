package org.gauzy.bridge.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox's events and the deliveries fanned out from them, with each attempt's record. */
@Repository
class DeliveryRepository {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";

    /** An event waiting to be matched against subscriptions, in the order of {@code seq}. */
    record PendingEvent(
            UUID id,
            long seq,
            UUID tenantId,
            UUID organizationId,
            String event,
            String payload,
            OffsetDateTime occurredAt) {}

    /** A delivery just fanned out, {@code at}: one event for one subscription, due at once. */
    record Fanned(UUID id, UUID subscriptionId, PendingEvent event, OffsetDateTime at) {}

    /** A delivery due now, with what its request carries. */
    record Due(
            UUID id,
            String event,
            int attempts,
            UUID tenantId,
            UUID organizationId,
            OffsetDateTime occurredAt,
            String payload) {}

    /** What one attempt came to: the delivery's new state and the attempt's record. */
    record Outcome(
            Due delivery,
            String status,
            int attempts,
            OffsetDateTime nextAttemptAt,
            @Nullable OffsetDateTime deliveredAt,
            @Nullable Integer statusCode,
            @Nullable String error,
            OffsetDateTime attemptedAt,
            int latencyMs,
            @Nullable String responseExcerpt) {

        UUID deliveryId() {
            return delivery.id();
        }
    }

    record Attempt(
            OffsetDateTime attemptedAt,
            @Nullable Integer statusCode,
            int latencyMs,
            @Nullable String response,
            @Nullable String error) {}

    record Delivery(
            UUID id,
            UUID subscriptionId,
            String event,
            String status,
            int attempts,
            OffsetDateTime createdAt,
            OffsetDateTime nextAttemptAt,
            @Nullable OffsetDateTime deliveredAt,
            @Nullable Integer lastStatus,
            @Nullable Integer lastLatencyMs,
            @Nullable String lastError) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DeliveryRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * The oldest undispatched events, in order, locked until the transaction ends. Only one node fans out at a
     * time ({@link #lockFanOut}), so no other node skips past them.
     */
    List<PendingEvent> undispatched(int limit) {
        return jdbc.sql("""
                select id, seq, tenant_id, organization_id, event, payload, occurred_at from webhook_event
                where dispatched = false order by seq fetch first :limit rows only for update""")
                .param("limit", limit)
                .query((rs, n) -> new PendingEvent(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /**
     * Waits until no other node fans out, and keeps them waiting until this transaction ends: events then
     * become deliveries in the order of their sequence, on whichever node, so a subscription's next
     * delivery is never written before an earlier one that another node is still writing.
     */
    void lockFanOut() {
        jdbc.sql("select id from webhook_fan_out_lock where id = 1 for update")
                .query(Integer.class)
                .single();
    }

    void markDispatched(Collection<UUID> events) {
        batch.batchUpdate(
                "update webhook_event set dispatched = true where id = ?",
                events.stream().map(id -> new Object[] {id}).toList());
    }

    /**
     * Writes deliveries as pending, due since they were fanned out. A delivery's id is derived from its event
     * and subscription, and a row already there stays: an event that a node of an earlier version left
     * undispatched with some of its deliveries written is fanned out again without failing on those.
     */
    void insertPending(List<Fanned> fanned) {
        batch.batchUpdate(
                """
                insert into webhook_delivery (id, subscription_id, event_id, event, position, status, attempts,
                    next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""",
                fanned.stream()
                        .map(f -> {
                            Timestamp at = Timestamp.from(f.at().toInstant());
                            return new Object[] {
                                f.id(),
                                f.subscriptionId(),
                                f.event().id(),
                                f.event().event(),
                                f.event().seq(),
                                PENDING,
                                0,
                                at,
                                at
                            };
                        })
                        .toList());
    }

    /** A subscription's first due deliveries (see {@link #due}). */
    static final String DUE = """
            select d.id, d.event, d.attempts, e.tenant_id, e.organization_id, e.occurred_at, e.payload
            from webhook_delivery d join webhook_event e on e.id = d.event_id
            where d.subscription_id = :subscription and d.status = 'PENDING' and d.position >= 0
                and d.next_attempt_at <= :now
            order by d.subscription_id, d.status, d.position fetch first :limit rows only""";

    /**
     * Each of these subscriptions' first {@code limit} due deliveries, in order of position: a query each, as
     * each walks its subscription's part of the due index and stops at {@code limit} (one query for all, with a
     * window function, made H2 scan the whole table). Written for H2's planner, which weighs indexes by
     * statistics that see {@code status} as unselective: ordered by {@code position} alone, the read took the
     * foreign key's index on {@code subscription_id} and visited the subscription's whole history (589 rows for
     * 14 due, 1 to 2 ms a read, and a dispatcher turn four times as long). Ordered by the index's columns, the
     * leading two fixed here, H2 sees that the index gives the order; {@code position >= 0}, always true, makes
     * the index's range explicit, so it wins whatever the statistics say. {@code DueReadPlanTests} keeps it so.
     */
    Map<UUID, List<Due>> due(Collection<UUID> subscriptions, OffsetDateTime now, int limit) {
        Map<UUID, List<Due>> due = new HashMap<>();
        for (UUID subscription : subscriptions) {
            List<Due> first = jdbc.sql(DUE)
                    .param("subscription", subscription)
                    .param("now", now)
                    .param("limit", limit)
                    .query((rs, n) -> new Due(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getObject(4, UUID.class),
                            rs.getObject(5, UUID.class),
                            rs.getObject(6, OffsetDateTime.class),
                            rs.getString(7)))
                    .list();
            if (!first.isEmpty()) {
                due.put(subscription, first);
            }
        }
        return due;
    }

    /** Records attempts: each delivery's new state, and a row of its own for each failed attempt. */
    void record(List<Outcome> outcomes) {
        batch.batchUpdate(
                """
                update webhook_delivery set status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ?,
                    last_status = ?, last_latency_ms = ?, last_error = ?
                where id = ?""",
                outcomes.stream()
                        .map(o -> new Object[] {
                            o.status(),
                            o.attempts(),
                            Timestamp.from(o.nextAttemptAt().toInstant()),
                            o.deliveredAt() == null
                                    ? null
                                    : Timestamp.from(o.deliveredAt().toInstant()),
                            o.statusCode(),
                            o.latencyMs(),
                            o.error(),
                            o.deliveryId()
                        })
                        .toList());
        var failed =
                outcomes.stream().filter(o -> !o.status().equals(DELIVERED)).toList();
        if (!failed.isEmpty()) {
            batch.batchUpdate(
                    """
                    insert into webhook_attempt (id, delivery_id, attempted_at, status_code, latency_ms,
                        response_excerpt, error)
                    values (?, ?, ?, ?, ?, ?, ?)""",
                    failed.stream()
                            .map(o -> new Object[] {
                                TimeOrderedIds.next(),
                                o.deliveryId(),
                                Timestamp.from(o.attemptedAt().toInstant()),
                                o.statusCode(),
                                o.latencyMs(),
                                o.responseExcerpt(),
                                o.error()
                            })
                            .toList());
        }
    }

    List<Delivery> page(UUID subscription, @Nullable String status, int skip, int take) {
        var sql = jdbc.sql("select id, subscription_id, event, status, attempts, created_at, next_attempt_at,"
                        + " delivered_at, last_status, last_latency_ms, last_error from webhook_delivery"
                        + " where subscription_id = :subscription" + (status == null ? "" : " and status = :status")
                        + " order by position desc, id offset :skip rows fetch next :take rows only")
                .param("subscription", subscription)
                .param("skip", skip)
                .param("take", take);
        return (status == null ? sql : sql.param("status", status))
                .query(DeliveryRepository::delivery)
                .list();
    }

    long count(UUID subscription, @Nullable String status) {
        var sql = jdbc.sql("select count(*) from webhook_delivery where subscription_id = :subscription"
                        + (status == null ? "" : " and status = :status"))
                .param("subscription", subscription);
        return (status == null ? sql : sql.param("status", status))
                .query(Long.class)
                .single();
    }

    /**
     * Every attempt of each delivery, in one query for the page: the failed ones' rows, then its success
     * as the delivery row records it.
     */
    Map<UUID, List<Attempt>> attempts(List<Delivery> page) {
        Map<UUID, List<Attempt>> out = new HashMap<>();
        if (page.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error from webhook_attempt
                where delivery_id in (:deliveries) order by attempted_at""")
                .param("deliveries", page.stream().map(Delivery::id).toList())
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject("delivery_id", UUID.class), id -> new ArrayList<>())
                            .add(new Attempt(
                                    rs.getObject("attempted_at", OffsetDateTime.class),
                                    (Integer) rs.getObject("status_code"),
                                    rs.getInt("latency_ms"),
                                    rs.getString("response_excerpt"),
                                    rs.getString("error")));
                });
        for (Delivery delivery : page) {
            var attempts = out.computeIfAbsent(delivery.id(), id -> new ArrayList<>());
            if (delivery.status().equals(DELIVERED) && delivery.deliveredAt() != null) {
                attempts.add(new Attempt(
                        delivery.deliveredAt(),
                        delivery.lastStatus(),
                        delivery.lastLatencyMs() == null ? 0 : delivery.lastLatencyMs(),
                        null,
                        null));
            }
        }
        return out;
    }

    Optional<Delivery> find(UUID subscription, UUID id) {
        return jdbc.sql("select id, subscription_id, event, status, attempts, created_at, next_attempt_at,"
                        + " delivered_at, last_status, last_latency_ms, last_error from webhook_delivery"
                        + " where subscription_id = :subscription and id = :id")
                .param("subscription", subscription)
                .param("id", id)
                .query(DeliveryRepository::delivery)
                .optional();
    }

    /** Sends a delivery again, now, with a fresh retry schedule; its attempts so far stay in the log. */
    void replay(UUID id, OffsetDateTime now) {
        jdbc.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now where id = :id")
                .param("now", now)
                .param("id", id)
                .update();
    }

    /** Forgets events and deliveries that are settled and older than {@code before}. */
    int purge(OffsetDateTime before) {
        int deliveries = jdbc.sql("delete from webhook_delivery where status <> 'PENDING' and created_at < :before")
                .param("before", before)
                .update();
        // A pending delivery still needs its event's payload; nothing else reads an event once it is fanned out.
        int events = jdbc.sql("""
                delete from webhook_event where dispatched = true and occurred_at < :before
                    and id not in (select event_id from webhook_delivery where status = 'PENDING')""").param("before", before).update();
        return deliveries + events;
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("event"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("delivered_at", OffsetDateTime.class),
                (Integer) rs.getObject("last_status"),
                (Integer) rs.getObject("last_latency_ms"),
                rs.getString("last_error"));
    }
}
