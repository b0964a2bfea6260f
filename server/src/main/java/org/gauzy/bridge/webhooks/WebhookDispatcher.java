package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves events from the outbox to their subscribers. One loop per node claims new events (with
 * {@code SKIP LOCKED}, so nodes share the work), writes one delivery per matching subscription, and in
 * the same transaction leases the subscriptions it can send to at once: those runs go straight to a
 * pool of senders without reading the deliveries back. A subscription another run holds gets its
 * deliveries when that run lets it go; retries that come due, replays, and work left by a node that
 * stopped are found by a poll. The loop runs when a change commits on this node, and at each poll.
 *
 * <p>Guarantees: at least once (a delivery is marked sent only after its 2xx; a node that dies while
 * sending leaves a lease that expires, and the delivery is sent again). Per subscription, deliveries
 * leave in the order of their events, except that one waiting for a retry does not hold back the rest:
 * one node at a time sends a subscription's deliveries, and a run starts from its oldest due delivery.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** What one fan-out wrote, and the runs it can start at once. */
    private record FanOut(int events, Map<UUID, List<DeliveryRepository.Fanned>> runs, Map<UUID, Boolean> leased) {

        static final FanOut NONE = new FanOut(0, Map.of(), Map.of());
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionRun runner;
    private final DeliveryRecorder recorder;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Semaphore slots;
    /** Subscriptions this node knows to have due deliveries that no run of its own has taken yet. */
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    /** Subscriptions a run of this node holds, until the run is recorded and the lease let go. */
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    /** The runs of this node that new deliveries may still join. */
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private volatile boolean running;
    private @Nullable ScheduledExecutorService loop;
    private @Nullable ExecutorService senders;

    WebhookDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions, SubscriptionRun runner,
            DeliveryRecorder recorder, WebhookSettings settings, TransactionTemplate transactions, JsonMapper json,
            Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.runner = runner;
        this.recorder = recorder;
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
        recorder.start(this::released);
        loop.scheduleWithFixedDelay(() -> cycle(true), 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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
        recorder.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** New events are in the outbox: fan them out once the current transaction, if any, commits. */
    void eventsRecorded() {
        afterCommit(this::wake);
    }

    /** A delivery of this subscription was made due (a replay): send it once the transaction commits. */
    void madeDue(UUID subscription) {
        afterCommit(() -> {
            waiting.add(subscription);
            wake();
        });
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /**
     * Asks for a cycle shortly: every ask within {@code wakeDelay} of the first makes one cycle, so a
     * burst of commits costs one claim of their events rather than one each.
     */
    private void wake() {
        var current = loop;
        if (running && current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.schedule(() -> {
                    wakeQueued.set(false);
                    cycle(false);
                }, settings.wakeDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                wakeQueued.set(false);
            }
        }
    }

    /** Fans out what is new, then sends for the waiting subscriptions, or at a poll for any that have work due. */
    private void cycle(boolean poll) {
        if (!running) {
            return;
        }
        try {
            FanOut fanned;
            do {
                fanned = fanOut();
                start(fanned);
            } while (running && fanned.events() == settings.batch());
            if (poll || !waiting.isEmpty()) {
                sendDue(poll);
            }
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying on the next cycle: {}", e.toString());
        }
    }

    /**
     * Matches a batch of new events against the active subscriptions and writes their deliveries; leases
     * the subscriptions that got some, as many as there are free senders, and learns which had older
     * deliveries due.
     */
    private FanOut fanOut() {
        FanOut fanned = transactions.execute(tx -> {
            var events = deliveries.claimEvents(settings.batch());
            if (events.isEmpty()) {
                return FanOut.NONE;
            }
            var tenants = new LinkedHashSet<UUID>();
            events.forEach(e -> tenants.add(e.tenantId()));
            Map<UUID, List<Subscription>> byOrganization = new HashMap<>();
            for (Subscription s : subscriptions.activeOf(tenants)) {
                byOrganization.computeIfAbsent(s.organizationId(), o -> new ArrayList<>()).add(s);
            }
            List<DeliveryRepository.Fanned> rows = new ArrayList<>();
            Map<UUID, List<DeliveryRepository.Fanned>> runs = new LinkedHashMap<>();
            for (var event : events) {
                List<Subscription> candidates = byOrganization.getOrDefault(event.organizationId(), List.of());
                if (candidates.isEmpty()) {
                    continue;
                }
                Map<String, String> fields = fields(event);
                for (Subscription s : candidates) {
                    if (s.tenantId().equals(event.tenantId()) && s.matches(event.event(), fields)) {
                        var delivery = new DeliveryRepository.Fanned(UUID.randomUUID(), s, event);
                        rows.add(delivery);
                        runs.computeIfAbsent(s.id(), id -> new ArrayList<>()).add(delivery);
                    }
                }
            }
            deliveries.markDispatched(events.stream().map(DeliveryRepository.PendingEvent::id).toList());
            if (rows.isEmpty()) {
                return new FanOut(events.size(), Map.of(), Map.of());
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            deliveries.insertDeliveries(rows, now);
            return new FanOut(events.size(), runs, subscriptions.leaseFresh(runs.keySet(), events.get(0).seq(), now,
                    now.plus(settings.lease()), slots.availablePermits()));
        });
        return fanned == null ? FanOut.NONE : fanned;
    }

    /**
     * Adds each subscription's new deliveries to this node's run in progress for it, if any; else hands
     * them to a sender if the fan-out leased the subscription, unless it had older ones due, which must
     * leave first: then the sender reads them all. The others wait for their holder to finish.
     */
    private void start(FanOut fanned) {
        fanned.runs().forEach((id, fresh) -> {
            List<DeliveryRepository.Due> due = fresh.stream().map(DeliveryRepository.Fanned::due).toList();
            Run current = runs.get(id);
            if (current != null && current.join(due)) {
                return;
            }
            Boolean backlog = fanned.leased().get(id);
            if (backlog == null) {
                waiting.add(id);
            } else {
                submit(fresh.get(0).subscription(), backlog ? null : due);
            }
        });
    }

    /**
     * Leases subscriptions with due deliveries, as many as there are free senders, and sends for each:
     * among the waiting ones, or at a poll among all.
     */
    private void sendDue(boolean poll) {
        List<UUID> candidates = null;
        Set<UUID> heldBefore = Set.of();
        if (!poll) {
            candidates = new ArrayList<>(waiting);
            waiting.removeAll(candidates);
            heldBefore = new HashSet<>(candidates);
            heldBefore.retainAll(held);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int limit = slots.availablePermits();
        List<UUID> among = candidates;
        List<UUID> leased = transactions.execute(tx -> subscriptions.lease(now, now.plus(settings.lease()), limit,
                among));
        leased = leased == null ? List.of() : leased;
        if (candidates != null) {
            boolean full = leased.size() >= limit;
            for (UUID id : candidates) {
                if (leased.contains(id)) {
                    continue;
                }
                if (full) {
                    // looked at again when a sender is free
                    waiting.add(id);
                } else if (heldBefore.contains(id)) {
                    // looked at again when this node's run lets it go, or now if it just did
                    waiting.add(id);
                    if (!held.contains(id)) {
                        wake();
                    }
                }
                // otherwise nothing is due, or another node holds it: the poll finds what is left
            }
        }
        for (UUID id : leased) {
            Optional<Subscription> found = subscriptions.byId(id);
            if (found.isPresent() && found.get().active()) {
                submit(found.get(), null);
            } else {
                subscriptions.release(List.of(id));
            }
        }
    }

    /** Sends for a leased subscription on a free sender: {@code due}, or when null what the database has due. */
    private void submit(Subscription subscription, @Nullable List<DeliveryRepository.Due> due) {
        UUID id = subscription.id();
        held.add(id);
        var pool = senders;
        if (pool == null || !slots.tryAcquire()) {
            waiting.add(id);
            recorder.record(new SubscriptionRun.Sent(subscription, List.of(), false), true);
            return;
        }
        Run run = new Run(settings.batch());
        if (due != null) {
            // Joined before anything else can: later fan-outs join after these.
            run.join(due);
            runs.put(id, run);
        }
        try {
            pool.execute(() -> {
                try {
                    sendFor(subscription, run, due);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            runs.remove(id, run);
            slots.release();
        }
    }

    /**
     * Sends a run's deliveries batch after batch, as long as new ones join it, recording each batch; then
     * lets the subscription go. A run cut short by a target that did not answer, or that reached its
     * size, leaves the rest pending for another run, at once.
     */
    private void sendFor(Subscription subscription, Run run, @Nullable List<DeliveryRepository.Due> given) {
        UUID id = subscription.id();
        boolean last = false;
        try {
            if (given == null) {
                // Older deliveries first: the run takes new ones only once it has read what is due.
                run.join(deliveries.due(id, OffsetDateTime.now(clock), settings.batch()));
                runs.put(id, run);
            }
            List<DeliveryRepository.Due> batch = run.next();
            do {
                var sent = batch == null ? new SubscriptionRun.Sent(subscription, List.of(), false)
                        : runner.send(subscription, batch, clock.instant().plus(settings.lease().dividedBy(2)),
                                () -> running);
                boolean cut = batch != null && sent.outcomes().size() < batch.size();
                List<DeliveryRepository.Due> next = batch == null || cut ? null : run.next();
                last = next == null;
                if (last) {
                    runs.remove(id, run);
                    boolean left = run.leftOver();
                    if (cut || left) {
                        waiting.add(id);
                    }
                }
                recorder.record(sent, last);
                batch = next;
            } while (!last);
        } catch (RuntimeException e) {
            log.warn("Sending for webhook subscription {} failed: {}", id, e.toString());
            if (!last) {
                runs.remove(id, run);
                run.leftOver();
                waiting.add(id);
                recorder.record(new SubscriptionRun.Sent(subscription, List.of(), false), true);
            }
        }
    }

    /** Subscriptions were let go (their runs have ended, so senders are free): the waiting ones may go now. */
    private void released(List<UUID> subscriptions) {
        held.removeAll(subscriptions);
        if (!waiting.isEmpty()) {
            wake();
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

    /**
     * One subscription's deliveries being sent by this node. Deliveries fanned out while it runs join it
     * (in event order, after those it has) instead of waiting for it to end; it takes at most
     * {@code size} in all, so that it ends, and a delivery that joins twice is sent once.
     */
    private static final class Run {

        private final int size;
        private final ArrayDeque<DeliveryRepository.Due> queue = new ArrayDeque<>();
        private final Set<UUID> taken = new HashSet<>();
        private boolean closed;

        Run(int size) {
            this.size = size;
        }

        /** Adds deliveries to the run; false once it has ended, when they must wait for another. */
        synchronized boolean join(List<DeliveryRepository.Due> due) {
            if (closed) {
                return false;
            }
            for (var delivery : due) {
                if (taken.size() < size && taken.add(delivery.id())) {
                    queue.add(delivery);
                }
            }
            return true;
        }

        /** The deliveries to send next; null, and the run ended, when none are left. */
        synchronized @Nullable List<DeliveryRepository.Due> next() {
            if (queue.isEmpty() || closed) {
                closed = true;
                return null;
            }
            List<DeliveryRepository.Due> batch = new ArrayList<>(queue);
            queue.clear();
            return batch;
        }

        /** Ends the run; whether deliveries were left in it, or it was full (more may be pending). */
        synchronized boolean leftOver() {
            closed = true;
            boolean left = !queue.isEmpty() || taken.size() >= size;
            queue.clear();
            return left;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
