package org.gauzy.bridge.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.gauzy.bridge.platform.OutboundEvent;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each outbound event (a workspace change, an automation alert) into the outbox, inside the transaction of the change that caused it:
 * the event exists exactly when the change does. One insert, no lookup of subscriptions: publishing
 * stays cheap, and a fan-out matches subscriptions later, once the change has committed (which
 * also wakes it).
 */
@Component
class EventOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DeliveryEngine engine;

    EventOutbox(JdbcClient jdbc, JsonMapper json, DeliveryEngine engine) {
        this.jdbc = jdbc;
        this.json = json;
        this.engine = engine;
    }

    @EventListener
    void record(OutboundEvent event) {
        jdbc.sql("""
                insert into webhook_event (id, seq, tenant_id, organization_id, event, payload, occurred_at, dispatched)
                values (:id, nextval('webhook_event_seq'), :tenant, :organization, :event, :payload, :occurred, false)""")
                .param("id", TimeOrderedIds.next())
                .param("tenant", event.tenantId())
                .param("organization", event.organizationId())
                .param("event", event.type())
                .param("payload", json.writeValueAsString(event.entity()))
                .param("occurred", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .update();
        engine.eventsRecorded();
    }
}
