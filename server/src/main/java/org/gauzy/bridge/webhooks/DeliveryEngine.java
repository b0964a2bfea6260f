package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Moves events from the outbox to their subscribers, with two kinds of thread and one queue between them:
 * <ul>
 * <li>the <b>dispatcher</b> (one per node) runs when a change commits on this node and at every poll
 * interval. It fans out new events ({@link FanOut}) and puts each subscription that got deliveries on the
 * queue, or nudges this node's run of it if one is going. At a poll it also queues the subscriptions no
 * node holds that have deliveries due: retries that came due, replays, and what a stopped node left.</li>
 * <li>the <b>senders</b> ({@code concurrency} per node) take subscriptions from the queue, one at a time,
 * and run them ({@link DeliveryRun}): lease, send in order, record, let go.</li>
 * </ul>
 * Work moves one way: commit, fan-out, queue, run. Nothing a sender does calls back into the dispatcher.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final FanOut fanOut;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRecorder recorder;
    private final BatchSender sender;
    private final WebhookSettings settings;
    private final Clock clock;
    /** Subscriptions waiting for a sender of this node, each at most once. */
    private final BlockingQueue<UUID> queue = new LinkedBlockingQueue<>();
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /** This node's runs, by subscription. */
    private final Map<UUID, DeliveryRun> runs = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private @Nullable ScheduledExecutorService dispatcher;
    private @Nullable ExecutorService senders;

    DeliveryEngine(FanOut fanOut, SubscriptionRepository subscriptions, DeliveryRecorder recorder, BatchSender sender,
            WebhookSettings settings, Clock clock, WebhookMetrics metrics) {
        this.fanOut = fanOut;
        this.subscriptions = subscriptions;
        this.recorder = recorder;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        metrics.watch("gauzy.webhooks.senders.busy", "Senders of this node sending now, of "
                + settings.concurrency(), busy::get);
        metrics.watch("gauzy.webhooks.subscriptions.waiting", "Subscriptions with deliveries due that wait for a"
                + " sender of this node", queue::size);
    }

    @Override
    public synchronized void start() {
        var threads = new AtomicInteger();
        dispatcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-dispatcher"));
        senders = Executors.newFixedThreadPool(settings.concurrency(),
                r -> daemon(r, "webhook-sender-" + threads.incrementAndGet()));
        running = true;
        for (int i = 0; i < settings.concurrency(); i++) {
            senders.execute(this::sendUntilStopped);
        }
        dispatcher.scheduleWithFixedDelay(() -> dispatch(true), 0, settings.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops taking work; each run records what it sent and lets its subscription go. */
    @Override
    public synchronized void stop() {
        running = false;
        for (ExecutorService pool : new ExecutorService[] {dispatcher, senders}) {
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
        queue.clear();
        queued.clear();
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
        afterCommit(() -> offer(subscription));
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
     * Asks the dispatcher for a fan-out shortly: every ask within {@code wakeDelay} of the first makes one, so a
     * burst of commits costs one fan-out rather than one each.
     */
    private void wake() {
        var current = dispatcher;
        if (running && current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.schedule(() -> {
                    wakeQueued.set(false);
                    dispatch(false);
                }, settings.wakeDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                wakeQueued.set(false);
            }
        }
    }

    /** The dispatcher's work: fans out what is new; at a poll, also finds work no node has taken. */
    private void dispatch(boolean poll) {
        try {
            FanOut.Result fanned;
            do {
                fanned = fanOut.next(settings.batch());
                fanned.subscriptions().forEach(this::offer);
            } while (running && fanned.events() == settings.batch());
            if (poll && running) {
                subscriptions.unheldWithDeliveriesDue(OffsetDateTime.now(clock), settings.batch())
                        .forEach(this::offer);
            }
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying at the next poll: {}", e.toString());
        }
    }

    /** Hands a subscription with deliveries due to this node's run of it, or queues it for a sender. */
    private void offer(UUID subscription) {
        DeliveryRun run = runs.get(subscription);
        if (running && (run == null || !run.nudge()) && queued.add(subscription)) {
            queue.add(subscription);
        }
    }

    /** A sender thread's life: run the queued subscriptions, one after another, until the node stops. */
    private void sendUntilStopped() {
        while (running) {
            UUID subscription;
            try {
                subscription = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (subscription != null) {
                queued.remove(subscription);
                sendFor(subscription);
            }
        }
    }

    private void sendFor(UUID subscription) {
        var run = new DeliveryRun(subscription, subscriptions, recorder, sender, settings, clock, () -> running,
                () -> !queue.isEmpty());
        DeliveryRun current = runs.compute(subscription, (id, old) -> old == null || old.closed() ? run : old);
        if (current != run) {
            // Another sender of this node runs it: that run reads again before it lets go.
            if (!current.nudge()) {
                offer(subscription);
            }
            return;
        }
        busy.incrementAndGet();
        DeliveryRun.Ending ending = DeliveryRun.Ending.DONE;
        try {
            ending = run.run();
        } catch (RuntimeException e) {
            log.warn("Sending for webhook subscription {} failed; its lease runs out and another run sends what is"
                    + " left: {}", subscription, e.toString());
        } finally {
            run.close();
            runs.remove(subscription, run);
            busy.decrementAndGet();
        }
        if (ending == DeliveryRun.Ending.GAVE_WAY) {
            offer(subscription);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
