package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/**
 * What makes several nodes on one database one cluster, checked inside one node: purges run once per interval
 * for the whole cluster (three {@link ClusterJobs} on the database stand for three nodes; the clock is moved, not
 * waited for), and they purge; a node with another key than the others refuses to start. The multi-node tests
 * run the same with real processes.
 */
@Import(MovableClock.Config.class)
abstract class ClusterTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    TaskScheduler scheduler;

    @Autowired
    ClusterJobs jobs;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void threeNodesRunAJobOncePerIntervalBetweenThem() {
        var runs = new AtomicInteger();
        String name = "counted-" + System.nanoTime();
        ClusterJob counted = new ClusterJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration every() {
                return Duration.ofMinutes(10);
            }

            @Override
            public void run() {
                runs.incrementAndGet();
            }
        };
        var nodes = List.of(node(counted), node(counted), node(counted));
        clock.hold();
        for (int minute = 0; minute < 60; minute++) {
            nodes.forEach(ClusterJobs::runDue); // each node looks every minute
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(runs.get())
                .as("once per 10 minutes in an hour, not once per node per look")
                .isEqualTo(6);
        assertThat(jdbc.sql("select runs from cluster_job where name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isEqualTo(6L);
    }

    @Test
    void aFailingJobDoesNotStopTheOthers() {
        var ran = new AtomicInteger();
        ClusterJob failing = job("failing-" + System.nanoTime(), () -> {
            throw new IllegalStateException("broken");
        });
        ClusterJob working = job("working-" + System.nanoTime(), ran::incrementAndGet);
        new ClusterJobs(List.of(failing, working), jdbc, clock, scheduler, Duration.ZERO).runDue();
        assertThat(ran.get()).isEqualTo(1);
    }

    @Test
    void thePurgesForgetWhatExpiredAndKeepWhatDidNot() {
        var stale = accounts.onboard("purge-stale");
        api.post("/api/auth/login")
                .json(Map.of("email", stale.email(), "password", "Wrong-Guess-1"))
                .send();
        long sessions = count("user_session where user_id = '" + stale.userId() + "'");
        assertThat(sessions).isGreaterThan(0);
        assertThat(count("attempt_failure")).isGreaterThan(0);

        // Past every lifetime and the day the purges keep: the session, the failure counts.
        clock.advance(Duration.ofDays(9));
        var fresh = accounts.onboard("purge-fresh");
        jobs.runDue();
        assertThat(count("user_session where user_id = '" + stale.userId() + "'"))
                .isZero();
        assertThat(count("user_session where user_id = '" + fresh.userId() + "'"))
                .isPositive();
        assertThat(jdbc.sql("select count(*) from attempt_failure where last_failure_at < :before")
                        .param("before", java.time.OffsetDateTime.now(clock).minusDays(1))
                        .query(Long.class)
                        .single())
                .as("the stale sign-in failure; the fresh registration's count stays")
                .isZero();
        assertThat(count("attempt_failure")).isPositive();
        assertThat(count(
                        "cluster_job where name in ('session-purge', 'grant-purge', 'webhook-purge', 'attempt-purge')"))
                .isEqualTo(4);
    }

    @Test
    void aNodeWithAnotherKeyRefusesToStartAndSaysWhichSetting() {
        var agreement = new KeyAgreement(jdbc, false, clock);
        // The keys this node started with are recorded; the same ones agree.
        String recorded = jdbc.sql("select fingerprint from key_fingerprint where name = 'jwt-signing-key'")
                .query(String.class)
                .single();
        agreement.require("jwt-signing-key", "JWT_SIGNING_KEY", recorded);

        assertThatThrownBy(() -> agreement.require("jwt-signing-key", "JWT_SIGNING_KEY", "another-thumbprint"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_SIGNING_KEY: this node's key")
                .hasMessageContaining("Give every node the same JWT_SIGNING_KEY")
                .hasMessageContaining("GAUZY_REPLACE_KEYS=true");
        assertThat(jdbc.sql("select count(*) from key_fingerprint where name = 'secrets-key'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        // Replacing on purpose records the new key; the old one is then the odd one out.
        new KeyAgreement(jdbc, true, clock).require("jwt-signing-key", "JWT_SIGNING_KEY", "another-thumbprint");
        assertThatThrownBy(() -> agreement.require("jwt-signing-key", "JWT_SIGNING_KEY", recorded))
                .hasMessageContaining("not the one the other nodes");
        new KeyAgreement(jdbc, true, clock).require("jwt-signing-key", "JWT_SIGNING_KEY", recorded);
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private ClusterJobs node(ClusterJob job) {
        return new ClusterJobs(List.of(job), jdbc, clock, scheduler, Duration.ZERO);
    }

    private static ClusterJob job(String name, Runnable work) {
        return new ClusterJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration every() {
                return Duration.ofHours(1);
            }

            @Override
            public void run() {
                work.run();
            }
        };
    }
}
