package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves events from the outbox to their subscribers. One loop per node fans new events out into
 * deliveries (claimed with {@code SKIP LOCKED}, so nodes share the work), then leases subscriptions
 * that have deliveries due and sends each subscription's deliveries in order on a pool of senders.
 * It runs when a change commits on this node, and polls for work other nodes created.
 *
 * <p>Guarantees: at least once (a delivery is marked sent only after its 2xx; a node that dies while
 * sending leaves a lease that expires, and the delivery is sent again). Per subscription, deliveries
 * leave in the order of their events, except that one waiting for a retry does not hold back the rest.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final Subscriptions secrets;
    private final TargetGuard targets;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Semaphore slots;
    private volatile boolean running;
    private @Nullable ScheduledExecutorService loop;
    private @Nullable ExecutorService senders;

    WebhookDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions, Subscriptions secrets,
            TargetGuard targets, WebhookSender sender, RetryPolicy retries, WebhookSettings settings,
            TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.targets = targets;
        this.sender = sender;
        this.retries = retries;
        this.settings = settings;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
    }

    @Override
    public synchronized void start() {
        var threads = new AtomicInteger();
        loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-dispatcher"));
        senders = Executors.newFixedThreadPool(settings.concurrency(),
                r -> daemon(r, "webhook-sender-" + threads.incrementAndGet()));
        running = true;
        loop.scheduleWithFixedDelay(this::cycle, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (ExecutorService pool : new ExecutorService[] {loop, senders}) {
            if (pool != null) {
                pool.shutdown();
                try {
                    if (!pool.awaitTermination(settings.requestTimeout().toSeconds() + 2, TimeUnit.SECONDS)) {
                        pool.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Asks for a cycle shortly: every ask within {@code wakeDelay} of the first makes one cycle, so a
     * burst of commits costs one claim of their events rather than one each.
     */
    void wake() {
        var current = loop;
        if (running && current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.schedule(() -> {
                    wakeQueued.set(false);
                    cycle();
                }, settings.wakeDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                wakeQueued.set(false);
            }
        }
    }

    private void cycle() {
        if (!running) {
            return;
        }
        try {
            while (running && fanOut() == settings.batch()) {
                // a full batch: more events are waiting
            }
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying on the next cycle: {}", e.toString());
        }
    }

    /** Matches a batch of new events against the active subscriptions and writes their deliveries. */
    int fanOut() {
        Integer claimed = transactions.execute(tx -> {
            var events = deliveries.claimEvents(settings.batch());
            if (events.isEmpty()) {
                return 0;
            }
            var tenants = new LinkedHashSet<UUID>();
            events.forEach(e -> tenants.add(e.tenantId()));
            Map<UUID, List<Subscription>> byOrganization = new HashMap<>();
            for (Subscription s : subscriptions.activeOf(tenants)) {
                byOrganization.computeIfAbsent(s.organizationId(), o -> new ArrayList<>()).add(s);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Object[]> rows = new ArrayList<>();
            for (var event : events) {
                List<Subscription> candidates = byOrganization.getOrDefault(event.organizationId(), List.of());
                if (candidates.isEmpty()) {
                    continue;
                }
                Map<String, String> fields = fields(event);
                for (Subscription s : candidates) {
                    if (s.tenantId().equals(event.tenantId()) && s.matches(event.event(), fields)) {
                        rows.add(DeliveryRepository.newDelivery(s.id(), event, now));
                    }
                }
            }
            if (!rows.isEmpty()) {
                deliveries.insertDeliveries(rows);
            }
            deliveries.markDispatched(events.stream().map(DeliveryRepository.PendingEvent::id).toList());
            return events.size();
        });
        return claimed == null ? 0 : claimed;
    }

    /** Leases as many subscriptions with due deliveries as there are free senders, and sends for each. */
    private void sendDue() {
        int free = slots.availablePermits();
        if (free == 0 || senders == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UUID> leased = transactions.execute(tx -> subscriptions.lease(now, now.plus(settings.lease()), free));
        for (UUID id : leased == null ? List.<UUID>of() : leased) {
            slots.acquireUninterruptibly();
            try {
                senders.execute(() -> {
                    try {
                        sendFor(id);
                    } catch (RuntimeException e) {
                        log.warn("Sending for webhook subscription {} failed: {}", id, e.toString());
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException rejected) {
                slots.release();
            }
        }
    }

    /** Sends a leased subscription's due deliveries in order, records every attempt, and lets the lease go. */
    private void sendFor(UUID id) {
        Optional<Subscription> found = subscriptions.byId(id);
        if (found.isEmpty() || !found.get().active()) {
            found.ifPresent(s -> subscriptions.release(s.id()));
            return;
        }
        Subscription subscription = found.get();
        List<DeliveryRepository.Due> due = deliveries.due(id, OffsetDateTime.now(clock), settings.batch());
        String secret = secrets.secretOf(subscription);
        Optional<String> refusal = targets.refusal(subscription.targetUrl());
        List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
        boolean gone = false;
        for (var delivery : due) {
            if (!running) {
                break;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            WebhookSender.Result result = refusal.isPresent()
                    ? new WebhookSender.Result(null, null, null, "target refused: " + refusal.get(), 0)
                    : sender.send(subscription.targetUrl(), secret, delivery.id(),
                            WebhookSender.body(delivery.id(), delivery), now.toInstant());
            outcomes.add(retries.after(delivery, result, now));
            gone = RetryPolicy.isGone(result);
            // A target that does not answer (or asks to slow down) gets no more of this batch.
            if (gone || (!result.delivered() && (result.status() == null || result.status() == 429
                    || result.status() == 503))) {
                break;
            }
        }
        boolean anyDelivered = outcomes.stream().anyMatch(o -> o.status().equals(DeliveryRepository.DELIVERED));
        boolean disableForGone = gone;
        transactions.executeWithoutResult(tx -> {
            if (!outcomes.isEmpty()) {
                deliveries.record(outcomes);
                recordHealth(subscription, anyDelivered, disableForGone, outcomes.get(outcomes.size() - 1));
            }
            subscriptions.release(id);
        });
        if (!outcomes.isEmpty()) {
            // Events may have been fanned out to this subscription while it was held: look again now,
            // rather than at the next poll.
            wake();
        }
    }

    /** Failing since when; disabled on 410 Gone, or once every delivery has failed for {@code disableAfter}. */
    private void recordHealth(Subscription s, boolean anyDelivered, boolean gone, DeliveryRepository.Outcome last) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (anyDelivered && !gone) {
            if (s.failingSince() != null) {
                subscriptions.health(s.id(), null, true, null, now);
            }
            return;
        }
        OffsetDateTime since = s.failingSince() != null ? s.failingSince() : now;
        if (gone) {
            subscriptions.health(s.id(), since, false, "The target answered 410 Gone at " + now
                    + ": it no longer wants these events", now);
        } else if (!since.plus(settings.disableAfter()).isAfter(now)) {
            subscriptions.health(s.id(), since, false, "Every delivery failed since " + since + " (last: "
                    + last.error() + ")", now);
        } else if (s.failingSince() == null) {
            subscriptions.health(s.id(), since, true, null, now);
        }
    }

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

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
