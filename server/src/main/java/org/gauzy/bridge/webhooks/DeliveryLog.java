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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** A subscription's deliveries with every attempt, and replaying one (a dead letter, or any other). */
@Service
class DeliveryLog {

    private static final Set<String> STATUSES =
            Set.of(DeliveryRepository.PENDING, DeliveryRepository.DELIVERED, DeliveryRepository.DEAD);

    /**
     * A delivery with its attempts; {@code flowId}, the flow its target starts, and {@code run}, the run that
     * followed it, where Activepieces tells (matched by time: Activepieces does not name the run to the sender).
     */
    record DeliveryView(
            UUID id,
            String event,
            String status,
            int attempts,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime nextAttemptAt,
            @Nullable OffsetDateTime deliveredAt,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            List<DeliveryRepository.Attempt> attemptLog,
            @Nullable String flowId,
            @Nullable Run run) {

        DeliveryView withOutcome(@Nullable String flow, DeliveryOutcomes.@Nullable Outcome outcome) {
            return new DeliveryView(
                    id,
                    event,
                    status,
                    attempts,
                    createdAt,
                    nextAttemptAt,
                    deliveredAt,
                    lastStatus,
                    lastError,
                    attemptLog,
                    flow,
                    outcome == null || outcome.runId() == null
                            ? null
                            : new Run(outcome.runId(), outcome.runStatus(), outcome.runUrl()));
        }
    }

    /** The run of the flow that followed a delivery. */
    record Run(String id, @Nullable String status, @Nullable String url) {}

    private final Subscriptions subscriptions;
    private final DeliveryRepository deliveries;
    private final DeliveryEngine engine;
    private final Clock clock;
    private final ObjectProvider<DeliveryOutcomes> outcomes;
    private final TransactionTemplate reads;

    DeliveryLog(
            Subscriptions subscriptions,
            DeliveryRepository deliveries,
            DeliveryEngine engine,
            Clock clock,
            ObjectProvider<DeliveryOutcomes> outcomes,
            PlatformTransactionManager transactions) {
        this.outcomes = outcomes;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.engine = engine;
        this.clock = clock;
    }

    /** A page of the log, read in one transaction; then, outside it, what Activepieces did with each delivery. */
    Page<DeliveryView> list(RequestContext context, UUID subscriptionId, @Nullable String status, Paging paging) {
        String wanted =
                status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new ApiException.BadRequest(
                    "status must be one of " + STATUSES.stream().sorted().toList());
        }
        record Read(Subscription subscription, Page<DeliveryView> page) {}
        Read read = reads.execute(tx -> {
            var subscription = subscriptions.existing(context, subscriptionId);
            var page = deliveries.page(subscription.id(), wanted, paging.skip(), paging.take());
            var attempts = deliveries.attempts(page);
            var items = page.stream()
                    .map(d -> new DeliveryView(
                            d.id(),
                            d.event(),
                            d.status(),
                            d.attempts(),
                            d.createdAt(),
                            d.status().equals(DeliveryRepository.PENDING) ? d.nextAttemptAt() : null,
                            d.deliveredAt(),
                            d.lastStatus(),
                            d.lastError(),
                            attempts.getOrDefault(d.id(), List.of()),
                            null,
                            null))
                    .toList();
            return new Read(subscription, new Page<>(items, deliveries.count(subscription.id(), wanted)));
        });
        return withOutcomes(java.util.Objects.requireNonNull(read).subscription(), read.page());
    }

    private Page<DeliveryView> withOutcomes(Subscription subscription, Page<DeliveryView> page) {
        DeliveryOutcomes known = outcomes.getIfAvailable();
        String flow = known == null ? null : known.flowOf(subscription.targetUrl());
        if (known == null || flow == null) {
            return page;
        }
        var delivered = page.items().stream()
                .filter(d -> d.deliveredAt() != null)
                .map(d -> new DeliveryOutcomes.Delivered(d.id(), d.deliveredAt()))
                .toList();
        var found = delivered.isEmpty()
                ? java.util.Map.<UUID, DeliveryOutcomes.Outcome>of()
                : known.of(subscription.tenantId(), subscription.organizationId(), subscription.targetUrl(), delivered);
        return new Page<>(
                page.items().stream()
                        .map(d -> d.withOutcome(flow, found.get(d.id())))
                        .toList(),
                page.total());
    }

    /** Queues the delivery again, now; the answer is the delivery as it stands. */
    @Transactional
    DeliveryView replay(RequestContext context, UUID subscriptionId, UUID deliveryId) {
        var subscription = subscriptions.existingForChange(context, subscriptionId);
        var delivery = deliveries
                .find(subscription.id(), deliveryId)
                .orElseThrow(() -> new ApiException.NotFound("Webhook delivery", deliveryId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        deliveries.replay(delivery.id(), now);
        engine.madeDue(subscription.id());
        return new DeliveryView(
                delivery.id(),
                delivery.event(),
                DeliveryRepository.PENDING,
                0,
                delivery.createdAt(),
                now,
                delivery.deliveredAt(),
                delivery.lastStatus(),
                delivery.lastError(),
                deliveries.attempts(List.of(delivery)).getOrDefault(delivery.id(), List.of()),
                null,
                null);
    }
}
