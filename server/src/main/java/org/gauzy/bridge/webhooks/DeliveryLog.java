package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A subscription's deliveries with every attempt, and replaying one (a dead letter, or any other). */
@Service
class DeliveryLog {

    private static final Set<String> STATUSES = Set.of(DeliveryRepository.PENDING, DeliveryRepository.DELIVERED,
            DeliveryRepository.DEAD);

    record DeliveryView(UUID id, String event, String status, int attempts, OffsetDateTime createdAt,
            @Nullable OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime deliveredAt, @Nullable Integer lastStatus,
            @Nullable String lastError, List<DeliveryRepository.Attempt> attemptLog) {
    }

    private final Subscriptions subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    DeliveryLog(Subscriptions subscriptions, DeliveryRepository deliveries, WebhookDispatcher dispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Page<DeliveryView> list(RequestContext context, UUID subscriptionId, @Nullable String status, Paging paging) {
        var subscription = subscriptions.existing(context, subscriptionId);
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new ApiException.BadRequest("status must be one of " + STATUSES.stream().sorted().toList());
        }
        var page = deliveries.page(subscription.id(), wanted, paging.skip(), paging.take());
        var attempts = deliveries.attempts(page);
        var items = page.stream()
                .map(d -> new DeliveryView(d.id(), d.event(), d.status(), d.attempts(), d.createdAt(),
                        d.status().equals(DeliveryRepository.PENDING) ? d.nextAttemptAt() : null, d.deliveredAt(),
                        d.lastStatus(), d.lastError(), attempts.get(d.id())))
                .toList();
        return new Page<>(items, deliveries.count(subscription.id(), wanted));
    }

    /** Queues the delivery again, now; the answer is the delivery as it stands. */
    @Transactional
    DeliveryView replay(RequestContext context, UUID subscriptionId, UUID deliveryId) {
        var subscription = subscriptions.existing(context, subscriptionId);
        var delivery = deliveries.find(subscription.id(), deliveryId)
                .orElseThrow(() -> new ApiException.NotFound("Webhook delivery", deliveryId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        deliveries.replay(delivery.id(), now);
        dispatcher.madeDue(subscription.id());
        return new DeliveryView(delivery.id(), delivery.event(), DeliveryRepository.PENDING, 0, delivery.createdAt(),
                now, delivery.deliveredAt(), delivery.lastStatus(), delivery.lastError(),
                deliveries.attempts(List.of(delivery)).get(delivery.id()));
    }
}
