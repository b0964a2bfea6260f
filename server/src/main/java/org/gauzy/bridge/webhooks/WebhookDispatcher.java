package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.gauzy.bridge.platform.TimeOrderedIds;
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
 * {@code SKIP LOCKED}, so nodes share the work) and matches them against the subscriptions. A
 * subscription this node has a run for, or can lease at once with nothing older due, gets its new
 * deliveries handed straight to that run: they are written once, when sent (or, if their run ends first,
 * as pending), and their event stays claimed by this node until the last of them is written. The other
 * subscriptions' deliveries are written at once, for whoever holds them. A run that has sent all it has
 * keeps its subscription for a poll interval, without a sender, so a busy subscription is leased once
 * and kept while it stays busy, rather than leased once per fan-out. Where nodes meet (one fans out for a
 * subscription another holds), the holder lets it go at its next fan-out, and neither node's runs keep
 * their subscriptions for ten poll intervals: the deliveries the other node wrote leave first. Retries
 * that come due, replays, and work left by a node that stopped are found by a poll. The loop runs when
 * a change commits on this node, and at each poll.
 *
 * <p>Guarantees: at least once (a delivery is marked sent only after its 2xx; a node that dies while
 * sending leaves a lease, and claims, that expire: its pending deliveries are sent again, and its claimed
 * events are fanned out again to the subscriptions that have no delivery of them written). Per
 * subscription, deliveries leave in the order of their events, except that one waiting for a retry does
 * not hold back the rest: one node at a time sends a subscription's deliveries, and a run starts from its
 * oldest due delivery. A run whose subscription has deliveries waiting in the database (a retry that came
 * due, deliveries another node fanned out) ends at the next poll, so they wait behind it at most a poll
 * interval.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /**
     * What one fan-out claimed: each subscription's new deliveries, those whose deliveries it hands to
     * senders unwritten, the subscriptions it leased (whether with older deliveries due), how many
     * deliveries of each event it handed out, the runs it lets go (another node wanted their
     * subscriptions, or they changed), when another node last wanted each subscription, and the
     * subscriptions another node holds.
     */
    private record FanOut(int events, Map<UUID, List<DeliveryRepository.Fanned>> runs, Set<UUID> handed,
            Map<UUID, Boolean> leased, Map<UUID, Integer> handedPerEvent, Set<UUID> yielded,
            Map<UUID, OffsetDateTime> wanted, List<UUID> elsewhere) {

        static final FanOut NONE = new FanOut(0, Map.of(), Set.of(), Map.of(), Map.of(), Set.of(), Map.of(),
                List.of());
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
    /**
     * Subscriptions runs of this node hold, until each run is recorded and its lease let go; counted per
     * run, because a new run may lease a subscription between the old one's release and the word of it.
     */
    private final Counts held = new Counts();
    /** The runs of this node that new deliveries may still join. */
    private final Map<UUID, DeliveryRun> runs = new ConcurrentHashMap<>();
    /** Runs with deliveries to send that wait for a sender. */
    private final Queue<DeliveryRun> ready = new ConcurrentLinkedQueue<>();
    /**
     * Until when (nanoTime) runs do not idle: a fan-out found a subscription another node holds, so other
     * nodes are sending too, and a run that kept its subscription would hold back their deliveries.
     */
    private volatile long sharedUntil = System.nanoTime();
    private volatile boolean running;
    private @Nullable ScheduledExecutorService loop;
    private @Nullable ExecutorService senders;

    WebhookDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions, SubscriptionRun runner,
            DeliveryRecorder recorder, WebhookSettings settings, TransactionTemplate transactions, JsonMapper json,
            Clock clock, WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.runner = runner;
        this.recorder = recorder;
        this.settings = settings;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
        metrics.watch("gauzy.webhooks.senders.busy", "Senders of this node sending now, of "
                + settings.concurrency(), () -> settings.concurrency() - slots.availablePermits());
        metrics.watch("gauzy.webhooks.runs", "Subscriptions this node is sending for or holds idle", runs::size);
        metrics.watch("gauzy.webhooks.runs.ready", "Runs of this node with deliveries that wait for a free sender",
                ready::size);
    }

    @Override
    public synchronized void start() {
        var threads = new AtomicInteger();
        loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-dispatcher"));
        senders = Executors.newFixedThreadPool(settings.concurrency(),
                r -> daemon(r, "webhook-sender-" + threads.incrementAndGet()));
        running = true;
        recorder.start(this::written);
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
        // Nothing sends any more: the idle runs let their subscriptions go, for another node or a restart.
        runs.values().forEach(this::letGo);
        ready.clear();
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
            reviewRuns(poll);
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
     * Matches a batch of new events against the active subscriptions. A subscription this node holds a
     * run for, or can lease now with nothing older due, gets its deliveries handed to a sender unwritten:
     * they are written once, when sent, and their events stay claimed until then. The others' deliveries
     * are written now, for whoever holds them. Leases as many subscriptions as there are free senders.
     */
    private FanOut fanOut() {
        FanOut fanned = transactions.execute(tx -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            var events = deliveries.claimEvents(settings.batch(), now);
            if (events.isEmpty()) {
                return FanOut.NONE;
            }
            var tenants = new LinkedHashSet<UUID>();
            events.forEach(e -> tenants.add(e.tenantId()));
            Map<UUID, List<Subscription>> byOrganization = new HashMap<>();
            // Subscriptions this node runs that another node has wanted since, or that were changed since the
            // run began: they are let go, not joined.
            Set<UUID> yielded = new HashSet<>();
            Map<UUID, OffsetDateTime> wanted = new HashMap<>();
            for (var active : subscriptions.activeOf(tenants)) {
                Subscription s = active.subscription();
                byOrganization.computeIfAbsent(s.organizationId(), o -> new ArrayList<>()).add(s);
                if (active.wantedAt() != null) {
                    wanted.put(s.id(), active.wantedAt());
                }
                DeliveryRun run = this.runs.get(s.id());
                if (run != null && run.wantedChanged(active.wantedAt())) {
                    yielded.add(s.id());
                    nodesMet();
                } else if (run != null && !run.subscription.equals(s)) {
                    yielded.add(s.id());
                }
            }
            // A node claimed these before and stopped: what it wrote is not fanned out again.
            List<UUID> reclaimed = events.stream().filter(DeliveryRepository.PendingEvent::reclaimed)
                    .map(DeliveryRepository.PendingEvent::id).toList();
            Set<DeliveryRepository.Written> written = reclaimed.isEmpty() ? Set.of() : deliveries.written(reclaimed);
            Map<UUID, List<DeliveryRepository.Fanned>> runs = new LinkedHashMap<>();
            for (var event : events) {
                List<Subscription> candidates = byOrganization.getOrDefault(event.organizationId(), List.of());
                if (candidates.isEmpty()) {
                    continue;
                }
                Map<String, String> fields = fields(event);
                for (Subscription s : candidates) {
                    if (s.tenantId().equals(event.tenantId()) && s.matches(event.event(), fields)
                            && !written.contains(new DeliveryRepository.Written(event.id(), s.id()))) {
                        runs.computeIfAbsent(s.id(), id -> new ArrayList<>())
                                .add(new DeliveryRepository.Fanned(TimeOrderedIds.derived(event.id(), s.id()), s,
                                        event, now));
                    }
                }
            }
            Set<UUID> unheld = new HashSet<>(runs.keySet());
            unheld.removeAll(this.runs.keySet());
            // Taken before the lease is asked: this node may let some go meanwhile (only this thread takes).
            // Those it is still writing for count as its own too: the write may have them locked.
            Set<UUID> ours = new HashSet<>();
            for (UUID id : unheld) {
                if (held.contains(id) || recorder.writes(id)) {
                    ours.add(id);
                }
            }
            int free = slots.availablePermits();
            Map<UUID, Boolean> leased = unheld.isEmpty() ? Map.of() : subscriptions.leaseFresh(unheld,
                    events.get(0).seq(), now, now.plus(settings.lease()), free);
            // Not leased with senders free, and not held here: another node holds them.
            List<UUID> elsewhere = leased.size() >= free ? List.of()
                    : unheld.stream().filter(id -> !leased.containsKey(id) && !ours.contains(id)).toList();
            if (!elsewhere.isEmpty()) {
                nodesMet();
            }
            Set<UUID> handed = new HashSet<>();
            Map<UUID, Integer> handedPerEvent = new HashMap<>();
            List<DeliveryRepository.Fanned> writeNow = new ArrayList<>();
            runs.forEach((id, fresh) -> {
                if ((this.runs.containsKey(id) && !yielded.contains(id)) || Boolean.FALSE.equals(leased.get(id))) {
                    handed.add(id);
                    fresh.forEach(f -> handedPerEvent.merge(f.event().id(), 1, Integer::sum));
                } else {
                    writeNow.addAll(fresh);
                }
            });
            if (!writeNow.isEmpty()) {
                deliveries.insertPending(writeNow);
            }
            List<UUID> complete = events.stream().map(DeliveryRepository.PendingEvent::id)
                    .filter(id -> !handedPerEvent.containsKey(id)).toList();
            if (!complete.isEmpty()) {
                deliveries.markDispatched(complete);
            }
            if (!handedPerEvent.isEmpty()) {
                deliveries.claim(handedPerEvent.keySet(), now.plus(settings.lease()));
            }
            return new FanOut(events.size(), runs, handed, leased, handedPerEvent, yielded, wanted, elsewhere);
        });
        return fanned == null ? FanOut.NONE : fanned;
    }

    /**
     * Adds each subscription's new deliveries to this node's run for it, if any; else hands them to a
     * sender if the fan-out leased the subscription, unless it had older ones due, which must leave first:
     * then the sender reads them all. The others wait for their holder to finish; those handed out whose
     * run ended meanwhile are written, for the next run.
     */
    private void start(FanOut fanned) {
        recorder.handedOut(fanned.handedPerEvent());
        if (!fanned.elsewhere().isEmpty()) {
            // After the commit, in a statement of its own: waiting for the holder's row locks while holding
            // the fan-out's could deadlock with the holder's fan-out doing the same.
            subscriptions.want(fanned.elsewhere(), OffsetDateTime.now(clock));
        }
        for (UUID id : fanned.yielded()) {
            // Another node wrote deliveries for it, or it changed: the next run, on whichever node, reads them
            // all in order, with the subscription as it is now.
            DeliveryRun run = runs.get(id);
            if (run != null && run.end()) {
                letGo(run);
            }
            waiting.add(id);
        }
        fanned.runs().forEach((id, fresh) -> {
            boolean handed = fanned.handed().contains(id);
            List<DeliveryRepository.Due> due = fresh.stream().map(f -> f.due(!handed)).toList();
            DeliveryRun current = fanned.yielded().contains(id) ? null : runs.get(id);
            var joined = current == null ? DeliveryRun.Joined.ENDED : current.join(due);
            if (joined == DeliveryRun.Joined.WOKEN) {
                dispatch(current);
            }
            if (joined != DeliveryRun.Joined.ENDED) {
                return;
            }
            Subscription subscription = fresh.get(0).subscription();
            Boolean backlog = fanned.leased().get(id);
            if (backlog != null) {
                submit(subscription, backlog ? null : due).wantedChanged(fanned.wanted().get(id));
            } else if (handed) {
                recorder.unsent(subscription, fresh, DeliveryRecorder.Then.LOOK_AGAIN);
            } else {
                waiting.add(id);
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
            heldBefore.retainAll(held.ids());
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
                    // A run of this node holds it, and its deliveries are in the database: the run ends, and
                    // they are looked at again when it lets the subscription go, or now if it just did.
                    DeliveryRun run = runs.get(id);
                    if (run != null && run.end()) {
                        letGo(run);
                    }
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

    /** Sends for a leased subscription: {@code due}, or when null what the database has due first; the run. */
    private DeliveryRun submit(Subscription subscription, @Nullable List<DeliveryRepository.Due> due) {
        UUID id = subscription.id();
        held.add(id, 1);
        DeliveryRun run = new DeliveryRun(subscription, due == null, System.nanoTime());
        if (due != null) {
            // Joined before anything else can: later fan-outs join after these.
            run.join(due);
        }
        // Registered at once: deliveries fanned out while it reads what is due join it, after those.
        runs.put(id, run);
        dispatch(run);
        return run;
    }

    /** Gives a run that has deliveries to send a sender: a free one, else the next to finish its own. */
    private void dispatch(DeliveryRun run) {
        var pool = senders;
        if (pool == null) {
            letGo(run);
            return;
        }
        if (!slots.tryAcquire()) {
            ready.add(run);
            return;
        }
        try {
            pool.execute(() -> sendRuns(run));
        } catch (RejectedExecutionException shuttingDown) {
            slots.release();
            letGo(run);
        }
    }

    /** Sends for a run, then for the runs that became ready while every sender was busy. */
    private void sendRuns(DeliveryRun first) {
        try {
            for (DeliveryRun run = first; run != null; run = ready.poll()) {
                sendFor(run);
            }
        } finally {
            slots.release();
        }
        // One may have become ready after this sender last looked and before it freed its slot.
        DeliveryRun more = ready.poll();
        if (more != null) {
            dispatch(more);
        }
    }

    /**
     * Sends a run's deliveries batch after batch, recording each, until none are left: the run then
     * idles, still holding its subscription, and the next fan-out's deliveries join it without a lease
     * of their own. A run ends (and lets the subscription go) when a delivery in it failed or its
     * subscription was failing (the next run starts from what the database has due), when deliveries of
     * its subscription wait in the database ({@link #reviewRuns}), when it read a full batch from the
     * database (the next run reads on), or when the target did not answer: what is left is written as
     * pending, and the subscription looked at again once let go.
     */
    private void sendFor(DeliveryRun run) {
        Subscription subscription = run.subscription;
        UUID id = subscription.id();
        List<DeliveryRepository.Due> batch = List.of();
        try {
            if (run.readsDue()) {
                run.readFirst(deliveries.due(id, OffsetDateTime.now(clock), settings.batch()), settings.batch());
            }
            batch = run.next();
            while (batch != null && !batch.isEmpty()) {
                var sent = runner.send(subscription, batch, clock.instant().plus(settings.lease().dividedBy(2)),
                        () -> running);
                int attempted = sent.outcomes().size();
                long now = System.nanoTime();
                // After a failure, or a first success for a failing subscription, the next run starts from the
                // subscription's health as recorded.
                if (attempted < batch.size() || !sent.allDelivered() || subscription.failingSince() != null) {
                    run.end();
                }
                // Recorded before the run may idle: once it does, whoever lets it go records after this.
                recorder.record(sent, DeliveryRun.unwritten(batch.subList(attempted, batch.size())),
                        run.renewDue(now, settings.lease().toNanos() / 4) ? DeliveryRecorder.Then.RENEW
                                : DeliveryRecorder.Then.CONTINUE);
                batch = run.next();
                if (batch == null) {
                    runs.remove(id, run);
                    recorder.unsent(subscription, run.unsent(), DeliveryRecorder.Then.RELEASE_AND_LOOK_AGAIN);
                    return;
                }
            }
            if (batch != null) {
                // Idle. While other nodes send too, it lets the subscription go at once, as they may have
                // written deliveries for it that must leave before this node's next ones.
                if (sharedUntil - System.nanoTime() > 0 && run.end()) {
                    letGo(run);
                }
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Sending for webhook subscription {} failed: {}", id, e.toString());
            run.end();
        }
        // Ended before it sent anything, or failed while sending: what it holds unwritten is written.
        runs.remove(id, run);
        var unsent = DeliveryRun.unwritten(batch == null ? List.of() : batch);
        unsent.addAll(run.unsent());
        recorder.unsent(subscription, unsent, DeliveryRecorder.Then.RELEASE_AND_LOOK_AGAIN);
    }

    /** Ends a run no sender has and lets its subscription go, writing what it holds unwritten. */
    private void letGo(DeliveryRun run) {
        run.end();
        runs.remove(run.subscription.id(), run);
        recorder.unsent(run.subscription, run.unsent(), DeliveryRecorder.Then.RELEASE);
    }

    /**
     * Lets go the subscriptions of runs that have idled for {@link #linger()}. At a poll, the runs also
     * look, in one query for all, whether anything of their subscriptions waits in the database (a retry
     * that came due, deliveries another node wrote): those end, for the next run to send them in order,
     * so that they wait behind a run no longer than behind a poll; the others go on.
     */
    private void reviewRuns(boolean poll) {
        long now = System.nanoTime();
        for (DeliveryRun run : runs.values()) {
            if (run.endIfIdle(now - linger())) {
                letGo(run);
            }
        }
        if (!poll || runs.isEmpty()) {
            return;
        }
        for (UUID id : subscriptions.withDeliveriesDue(runs.keySet(), OffsetDateTime.now(clock))) {
            DeliveryRun run = runs.get(id);
            if (run != null && run.end()) {
                letGo(run);
            }
        }
    }

    /** How long an idle run keeps its subscription: a poll interval, and well within its lease. */
    private long linger() {
        return Math.min(settings.pollInterval().toNanos(), settings.lease().toNanos() / 4);
    }

    /** Another node sends for these subscriptions too: runs stop keeping idle subscriptions for a while. */
    private void nodesMet() {
        sharedUntil = System.nanoTime() + settings.pollInterval().toNanos() * 10;
    }

    /**
     * What the recorder wrote: subscriptions let go (their runs have ended, so senders are free), and
     * those with deliveries written for a later run. The waiting ones may go now.
     */
    private void written(List<UUID> released, List<UUID> lookAgain) {
        released.forEach(id -> held.subtract(id, 1));
        waiting.addAll(lookAgain);
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

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
