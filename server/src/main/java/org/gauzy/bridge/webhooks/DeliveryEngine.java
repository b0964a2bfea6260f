package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gauzy.bridge.platform.AfterCommit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves events from the outbox to their subscribers with two kinds of thread:
 * <ul>
 * <li>the <b>dispatcher</b> (one per node) does all the database work, in turns ({@link DeliveryTurn}): after a
 * change commits on this node, after batches finish sending, and at every poll interval. Its state
 * ({@link DispatcherState}) is its own: no other thread reads or changes it.</li>
 * <li>the <b>senders</b> ({@code concurrency} per node) each send one batch of one subscription
 * ({@link BatchSender}), hand what it came to back, and wake the dispatcher. They never touch the database.</li>
 * </ul>
 * A subscription this node holds has at most one batch sending; the dispatcher records it and reads the next in
 * the following turn, so a subscription's deliveries leave one after another, in order.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

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

    private final DispatcherState state;

    private volatile boolean running;
    private @Nullable ScheduledExecutorService dispatcher;
    private @Nullable ExecutorService senders;

    DeliveryEngine(
            DeliveryTurn turns, BatchSender sender, WebhookSettings settings, Clock clock, WebhookMetrics metrics) {
        this.turns = turns;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        // A batch stops sending at half the lease, and a request at its timeout: past both, its sender is stuck.
        this.state = new DispatcherState(
                settings.concurrency(), settings.lease().dividedBy(2).plus(settings.requestTimeout()));
        metrics.watch(
                "gauzy.webhooks.senders.busy",
                "Senders of this node sending now, of " + settings.concurrency(),
                busy::get);
        metrics.watch(
                "gauzy.webhooks.subscriptions.waiting",
                "Subscriptions with deliveries due that wait for a sender of this node",
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
            turns.last(state.unrecorded(), state.held());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record the last webhook batches; they are sent again once their leases run out: {}",
                    e.toString());
        }
        state.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** New events are in the outbox: fan them out once the current transaction, if any, commits. */
    void eventsRecorded() {
        AfterCommit.run(this::wake);
    }

    /** A delivery of this subscription was made due (a replay): send it once the transaction commits. */
    void madeDue(UUID subscription) {
        AfterCommit.run(() -> {
            replayed.add(subscription);
            wake();
        });
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
            state.replayed(id);
        }
        long now = System.nanoTime();
        var start = state.start(poll, now);
        var outcome = turns.take(start);
        state.after(start, outcome, now).forEach(this::send);
        waitingCount.set(state.waiting());
        if (outcome.moreEvents()) {
            wake();
        }
    }

    /** Gives a batch to a sender; what it came to goes back to the dispatcher. */
    private void send(DeliveryTurn.Batch batch) {
        UUID id = batch.subscription().id();
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
            state.finished(sent);
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
