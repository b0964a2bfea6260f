package org.gauzy.bridge.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs each {@link ClusterJob} once per its interval across all the nodes on one database. Every node looks at
 * each tick; the one whose update moves the job's {@code next_run_at} past now runs it, the others see it moved
 * and skip. A node that dies mid-run costs one run, not a double one.
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final List<ClusterJob> jobs;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration tick;
    /** This process, in the job table: a fresh name each start, so a restart is told apart. */
    private final String node = UUID.randomUUID().toString();

    ClusterJobs(
            List<ClusterJob> jobs,
            JdbcClient jdbc,
            Clock clock,
            TaskScheduler scheduler,
            @Value("${gauzy.cluster-jobs.tick:1m}") Duration tick) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.scheduler = scheduler;
        this.tick = tick;
    }

    /** Starts looking once the service is up; a tick of 0 never looks (tests run the jobs themselves). */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!tick.isZero()) {
            lookAfterATick();
        }
    }

    /**
     * Each look comes after a tick drawn between half and one and a half of {@code tick}. At a fixed delay the
     * nodes keep the phase they started with, and the node whose look follows the due time most closely claims
     * every run: one node did all the cluster's jobs for a minute in a three-node test. Drawn anew each time, the
     * first look after the due time is any node's.
     */
    private void lookAfterATick() {
        long nanos = tick.toNanos();
        Duration next = Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos));
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            runDue();
                        } finally {
                            lookAfterATick();
                        }
                    },
                    clock.instant().plus(next));
        } catch (TaskRejectedException shuttingDown) {
            // The scheduler stops with the service; so do the looks.
        }
    }

    /** Runs, on this node, each job that is due and that this node claims first. */
    public void runDue() {
        for (ClusterJob job : jobs) {
            try {
                if (claim(job)) {
                    job.run();
                }
            } catch (RuntimeException failed) {
                log.warn(
                        "Cluster job {} failed; it runs again at its next interval: {}", job.name(), failed.toString());
            }
        }
    }

    private boolean claim(ClusterJob job) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("insert into cluster_job (name, next_run_at, runs) values (:name, :now, 0) on conflict do nothing")
                .param("name", job.name())
                .param("now", now)
                .update();
        return jdbc.sql("""
                update cluster_job set next_run_at = :next, last_run_at = :now, last_node = :node, runs = runs + 1
                where name = :name and next_run_at <= :now""")
                        .param("next", now.plus(job.every()))
                        .param("now", now)
                        .param("node", node)
                        .param("name", job.name())
                        .update()
                == 1;
    }
}
