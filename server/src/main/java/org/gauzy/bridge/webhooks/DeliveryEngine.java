package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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

/**
 * Moves events from the outbox to their subscribers with two kinds of thread:
 * <ul>
 * <li>the <b>dispatcher</b> (one per node) does all the database work, in turns ({@link DeliveryTurn}): after a
 * change commits on this node, after batches finish sending, and at every poll interval. Its state is its own:
 * no other thread reads or changes it.</li>
 * <li>the <b>senders</b> ({@code concurrency} per node) each send one batch of one subscription
 * ({@link BatchSender}), hand what it came to back, and wake the dispatcher. They never touch the database.</li>
 * </ul>
 * A subscription this node holds has at most one batch sending; the dispatcher records it and reads the next in
 * the following turn, so a subscription's deliveries leave one after another, in order.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    /**
     * How long a subscription keeps its sender before it gives way to those waiting for one: long enough that a
     * busy subscription's batches grow, short enough that the others wait a fraction of a second.
     */
    private static final long FAIR_SHARE_NANOS = 100_000_000L;

    private final DeliveryTurn turns;
    private final BatchSender sender;
    private final WebhookSettings settings;
    private final Clock clock;
    /** From the senders: the batches sent. */
    private final Queue<BatchSender.Sent> finished = new ConcurrentLinkedQueue<>();
    /** From request threads: subscriptions with a delivery made due again (a replay). */
    private final Queue<UUID> replayed = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger waitingCount = new AtomicInteger();

    // The dispatcher's own state.
    /** Batches sent whose outcomes no turn has written yet. */
    private final List<BatchSender.Sent> unrecorded = new ArrayList<>();
    /** The subscriptions whose batch is sending now, and since when (nanoTime). */
    private final Map<UUID, Long> sending = new HashMap<>();
    /** Since when (nanoTime) this node holds each subscription it holds. */
    private final Map<UUID, Long> heldSince = new HashMap<>();
    /** Subscriptions with deliveries due that wait for a free sender, in order. */
    private final Set<UUID> waiting = new LinkedHashSet<>();

    private volatile boolean running;
    private @Nullable ScheduledExecutorService dispatcher;
    private @Nullable ExecutorService senders;

    DeliveryEngine(
            DeliveryTurn turns, BatchSender sender, WebhookSettings settings, Clock clock, WebhookMetrics metrics) {
        this.turns = turns;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        metrics.watch(
                "gauzy.webhooks.senders.busy",
                "Senders of this node sending now, of " + settings.concurrency(),
                busy::get);
        metrics.watch(
                "gauzy.webhooks.subscriptions.waiting",
                "Subscriptions with deliveries due that wait for a" + " sender of this node",
                waitingCount::get);
    }

    @Override
    public synchronized void start() {
        var threads = new AtomicInteger();
        dispatcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-dispatcher"));
        senders = Executors.newFixedThreadPool(
                settings.concurrency(), r -> daemon(r, "webhook-sender-" + threads.incrementAndGet()));
        running = true;
        dispatcher.scheduleWithFixedDelay(
                () -> turn(true), 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending; the last batches' outcomes are written, and every subscription this node holds let go. */
    @Override
    public synchronized void stop() {
        running = false;
        awaitTermination(senders);
        awaitTermination(dispatcher);
        drainFinished();
        try {
            turns.last(unrecorded, heldSince.keySet());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record the last webhook batches; they are sent again once their leases run out: {}",
                    e.toString());
        }
        unrecorded.clear();
        sending.clear();
        heldSince.clear();
        waiting.clear();
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
            replayed.add(subscription);
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
     * Asks the dispatcher for a turn shortly: every ask within {@code wakeDelay} of the first makes one, so a
     * burst of commits and finished batches costs one turn rather than one each.
     */
    private void wake() {
        var current = dispatcher;
        if (running && current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.schedule(
                        () -> {
                            wakeQueued.set(false);
                            turn(false);
                        },
                        settings.wakeDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                wakeQueued.set(false);
            }
        }
    }

    /**
     * The dispatcher's turn: hands the database what happened, and the senders what to send next. A turn that
     * fails leaves the dispatcher's state as it was: the batches sent are recorded by the next turn (should a
     * commit have gone unheard, they are written twice, and a failed attempt shows twice in the log). No
     * exception leaves here: one would end the poll's schedule for good.
     */
    private void turn(boolean poll) {
        try {
            takeTurn(poll);
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying at the next turn: {}", e.toString());
        }
    }

    private void takeTurn(boolean poll) {
        if (!running) {
            return;
        }
        drainFinished();
        for (UUID id; (id = replayed.poll()) != null; ) {
            waiting.add(id);
        }
        long now = System.nanoTime();
        Set<UUID> givingWay = new HashSet<>();
        if (!waiting.isEmpty()) {
            for (var batch : unrecorded) {
                UUID id = batch.subscription().id();
                if (now - heldSince.getOrDefault(id, now) > FAIR_SHARE_NANOS) {
                    givingWay.add(id);
                }
            }
        }
        // A batch stops sending at half the lease, and a request at its timeout: past both, its sender is stuck.
        long longest =
                settings.lease().dividedBy(2).plus(settings.requestTimeout()).toNanos();
        Set<UUID> overdue = new HashSet<>();
        sending.forEach((id, since) -> {
            if (now - since > longest) {
                overdue.add(id);
            }
        });
        var outcome = turns.take(new DeliveryTurn.Start(
                List.copyOf(unrecorded),
                givingWay,
                Set.copyOf(sending.keySet()),
                overdue,
                List.copyOf(waiting),
                poll,
                settings.concurrency()));
        for (var batch : unrecorded) {
            UUID id = batch.subscription().id();
            if (!outcome.next().containsKey(id)) {
                heldSince.remove(id); // let go: it has nothing due, gives way, or another node took it
            }
        }
        unrecorded.clear();
        waiting.clear();
        waiting.addAll(outcome.waiting());
        waiting.addAll(givingWay);
        waitingCount.set(waiting.size());
        outcome.next().forEach((id, batch) -> {
            heldSince.putIfAbsent(id, now);
            send(batch);
        });
        if (outcome.moreEvents()) {
            wake();
        }
    }

    /** Gives a batch to a sender; what it came to goes back to the dispatcher. */
    private void send(DeliveryTurn.Batch batch) {
        UUID id = batch.subscription().id();
        sending.put(id, System.nanoTime());
        busy.incrementAndGet();
        try {
            var pool = senders;
            if (pool == null) {
                throw new RejectedExecutionException("not started");
            }
            pool.execute(() -> {
                // Whatever happens, the dispatcher hears of it: a subscription whose batch never came back would
                // stay held by this node, and its deliveries with it.
                BatchSender.Sent sent = new BatchSender.Sent(batch.subscription(), List.of(), false, true);
                try {
                    sent = sender.send(
                            batch.subscription(),
                            batch.due(),
                            clock.instant().plus(settings.lease().dividedBy(2)),
                            () -> running);
                } catch (RuntimeException e) {
                    log.warn("Sending for webhook subscription {} failed: {}", id, e.toString());
                } finally {
                    finished.add(sent);
                    busy.decrementAndGet();
                    wake();
                }
            });
        } catch (RejectedExecutionException stopping) {
            finished.add(new BatchSender.Sent(batch.subscription(), List.of(), false, true));
            busy.decrementAndGet();
        }
    }

    /** Takes the batches the senders finished: their subscriptions are no longer sending. */
    private void drainFinished() {
        for (BatchSender.Sent sent; (sent = finished.poll()) != null; ) {
            sending.remove(sent.subscription().id());
            unrecorded.add(sent);
        }
    }

    private void awaitTermination(@Nullable ExecutorService pool) {
        if (pool == null) {
            return;
        }
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

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
