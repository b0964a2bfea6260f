package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher reads a subscription's due deliveries by walking the due index in the order they leave, and
 * stops at the batch's size. H2 (the embedded default) weighs indexes by statistics, which show {@code status} as
 * unselective: with the read ordered by {@code position} alone, it took the foreign key's index on
 * {@code subscription_id} and visited the subscription's whole history row by row, which made each dispatcher turn
 * four times as long. This test fails on that form of the query. PostgreSQL plans a table this small unlike a
 * large one, so its plan here would prove nothing: this runs on H2.
 */
@OnH2
class DueReadPlanTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate batch;

    @Test
    void theDueReadWalksTheDueIndexOfSubscriptionsWithAHistory() {
        var owner = accounts.onboard("due-plan");
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> subscriptions = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> deliveries = new ArrayList<>();
        // Forty subscriptions with a history of 250 deliveries each, the last 10 of them pending.
        for (int s = 0; s < 40; s++) {
            UUID subscription = UUID.randomUUID();
            subscriptions.add(new Object[] {subscription, owner.tenantId(), owner.organizationId(), now, now});
            for (int i = 0; i < 250; i++) {
                UUID event = TimeOrderedIds.next();
                long position = s * 250L + i;
                events.add(new Object[] {event, position, owner.tenantId(), owner.organizationId(), now});
                deliveries.add(new Object[] {
                    TimeOrderedIds.derived(event, subscription),
                    subscription,
                    event,
                    position,
                    i < 240 ? "DELIVERED" : "PENDING",
                    now,
                    now
                });
            }
        }
        // Inactive: the running dispatcher leaves them alone.
        batch.batchUpdate("""
                insert into webhook_subscription (id, tenant_id, organization_id, name, target_url, events, filter,
                    active, secret_sealed, created_at, updated_at)
                values (?, ?, ?, 'plan', 'https://receiver.example/hook', '["task.created"]', '{}', false, 'sealed', ?, ?)""", subscriptions);
        batch.batchUpdate("""
                insert into webhook_event (id, seq, tenant_id, organization_id, event, payload, occurred_at, dispatched)
                values (?, ?, ?, ?, 'task.created', '{}', ?, true)""", events);
        batch.batchUpdate("""
                insert into webhook_delivery (id, subscription_id, event_id, event, position, status, attempts,
                    next_attempt_at, created_at)
                values (?, ?, ?, 'task.created', ?, ?, 0, ?, ?)""", deliveries);
        batch.execute("analyze");

        UUID subscription = (UUID) subscriptions.get(7)[0];
        String plan = jdbc.sql("explain " + DeliveryRepository.DUE)
                .param("subscription", subscription)
                .param("now", Timestamp.from(Instant.now()))
                .param("limit", 100)
                .query(String.class)
                .single();

        assertThat(plan).contains("ix_webhook_delivery_due").contains("index sorted");
        assertThat(jdbc.sql(DeliveryRepository.DUE)
                        .param("subscription", subscription)
                        .param("now", Timestamp.from(Instant.now()))
                        .param("limit", 100)
                        .query((rs, n) -> rs.getObject(1, UUID.class))
                        .list())
                .hasSize(10);
    }
}
