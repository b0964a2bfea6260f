package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the outbox's new events into deliveries, a batch at a time, in the caller's transaction: it waits
 * for any other node's fan-out to end (and keeps the others waiting until the transaction ends), takes the
 * oldest undispatched events, writes one pending delivery for each subscription an event matches, and
 * marks the events dispatched. Serial across the cluster, so that each subscription's deliveries are written
 * in the order of their events. A node that dies mid-way leaves nothing: its transaction rolls back.
 */
@Component
class FanOut {

    /** What one fan-out did: how many events it took, and the subscriptions that got new deliveries. */
    record Result(int events, Set<UUID> subscriptions) {}

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final JsonMapper json;
    private final Clock clock;

    FanOut(DeliveryRepository deliveries, SubscriptionRepository subscriptions, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Fans out up to {@code limit} events; fewer than {@code limit} means none are left for now. Runs in the
     * caller's transaction, and holds the cluster's fan-out lock until it ends.
     */
    Result next(int limit) {
        deliveries.lockFanOut();
        var events = deliveries.undispatched(limit);
        if (events.isEmpty()) {
            return new Result(0, Set.of());
        }
        var tenants = new LinkedHashSet<UUID>();
        events.forEach(e -> tenants.add(e.tenantId()));
        Map<UUID, List<Subscription>> byOrganization = new HashMap<>();
        for (Subscription s : subscriptions.activeOf(tenants)) {
            byOrganization
                    .computeIfAbsent(s.organizationId(), o -> new ArrayList<>())
                    .add(s);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<DeliveryRepository.Fanned> fanned = new ArrayList<>();
        Set<UUID> reached = new LinkedHashSet<>();
        for (var event : events) {
            List<Subscription> candidates = byOrganization.getOrDefault(event.organizationId(), List.of());
            if (candidates.isEmpty()) {
                continue;
            }
            Map<String, String> fields = fields(event);
            for (Subscription s : candidates) {
                if (s.tenantId().equals(event.tenantId()) && s.matches(event.event(), fields)) {
                    // Derived, not drawn: a delivery's webhook-id says which event went to which subscription.
                    fanned.add(new DeliveryRepository.Fanned(
                            TimeOrderedIds.derived(event.id(), s.id()), s.id(), event, now));
                    reached.add(s.id());
                }
            }
        }
        if (!fanned.isEmpty()) {
            deliveries.insertPending(fanned);
        }
        deliveries.markDispatched(
                events.stream().map(DeliveryRepository.PendingEvent::id).toList());
        return new Result(events.size(), reached);
    }

    /** The fields of an event's entity that a subscription's filter may name. */
    private Map<String, String> fields(DeliveryRepository.PendingEvent event) {
        Map<String, String> fields = new HashMap<>();
        JsonNode entity = json.readTree(event.payload());
        for (String key : Subscriptions.FILTER_KEYS) {
            JsonNode value = entity.get(key);
            if (value != null && value.isValueNode() && !value.isNull()) {
                fields.put(key, value.asString());
            }
        }
        fields.put("tenantId", event.tenantId().toString());
        fields.put("organizationId", event.organizationId().toString());
        return fields;
    }
}
