package org.gauzy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.Cluster;
import org.gauzy.bridge.support.Cluster.Node;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stopped for ten seconds under load, then started again, with two nodes behind the proxy: readiness
 * goes DOWN and back UP without a restart; every request answers at once, a 503 with {@code Retry-After} while the
 * database is away, never a hang, a 500 or a 401; no committed change loses its event; delivery resumes by itself
 * (a send whose outcome could not be recorded goes again when its lease runs out: five seconds here).
 */
class DatabaseOutageIT {

    /** One request of the load: what it answered, how long it took, and the task it made. */
    record Call(long startedAt, long millis, int status, String retryAfter, String taskId) {}

    @Test
    void tenSecondsWithoutTheDatabaseAreSurvivedWithoutARestart() throws Exception {
        var json = JsonMapper.builder().build();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            delivered.add(json.readTree(new String(body, StandardCharsets.UTF_8))
                    .path("data")
                    .path("id")
                    .asString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (var cluster = Cluster.start(
                2,
                "--gauzy.webhooks.allow-private-targets=true",
                "--gauzy.webhooks.retry-delays=200ms,500ms,1s,2s,4s,8s,8s,8s,8s,8s",
                "--gauzy.webhooks.poll-interval=200ms",
                // A send whose outcome the database could not record goes again once its lease runs out.
                "--gauzy.webhooks.lease=5s")) {
            var api = new Api(cluster.proxy().baseUrl());
            Account owner = new Accounts(api).onboard("outage");
            var subscribed = api.post("/api/integration/activepieces/webhooks")
                    .token(owner.token())
                    .json(Map.of(
                            "name",
                            "outage",
                            "targetUrl",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "events",
                            List.of("task.created")))
                    .send();
            assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);

            List<Call> calls = new CopyOnWriteArrayList<>();
            var running = new AtomicBoolean(true);
            var load = new Thread(
                    () -> {
                        for (int i = 0; running.get(); i++) {
                            long start = System.nanoTime();
                            var answer = api.post("/api/tasks")
                                    .token(owner.token())
                                    .json(Map.of("title", "Load " + i))
                                    .send();
                            calls.add(new Call(
                                    start,
                                    (System.nanoTime() - start) / 1_000_000,
                                    answer.status(),
                                    answer.header("Retry-After"),
                                    answer.status() == 201
                                            ? answer.body().path("id").asString()
                                            : null));
                        }
                    },
                    "outage-load");
            load.start();
            Eventually.await(
                    () -> calls.stream().filter(c -> c.status() == 201).count() >= 20 ? true : null,
                    "load before the outage",
                    Duration.ofSeconds(30));

            long stoppedAt = System.nanoTime();
            cluster.stopDatabase();
            for (Node node : cluster.nodes()) {
                Eventually.await(
                        () -> readiness(node) == 503 ? true : null,
                        "node " + node.index() + " not ready",
                        Duration.ofSeconds(20));
                assertThat(new Api(node.baseUrl())
                                .get("/actuator/health/liveness")
                                .send()
                                .status())
                        .as("still live: nothing to restart")
                        .isEqualTo(200);
            }
            // The outage lasts ten seconds: the fault's length, under load, not a wait for an outcome.
            Thread.sleep(Math.max(0, Duration.ofSeconds(10).toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
            cluster.startDatabase();
            long restartedAt = System.nanoTime();
            for (Node node : cluster.nodes()) {
                Eventually.await(
                        () -> readiness(node) == 200 ? true : null,
                        "node " + node.index() + " ready again",
                        Duration.ofSeconds(60));
            }
            Eventually.await(
                    () -> calls.stream()
                                            .filter(c -> c.startedAt() > restartedAt && c.status() == 201)
                                            .count()
                                    >= 20
                            ? true
                            : null,
                    "load served again",
                    Duration.ofSeconds(60));
            running.set(false);
            load.join();

            // While the database was away: a quick 503 that says when to retry, never a hang, a 500 or a 401.
            List<Call> during = calls.stream()
                    .filter(c -> c.startedAt() > stoppedAt && c.startedAt() < restartedAt)
                    .toList();
            assertThat(during).as("requests during the outage").isNotEmpty();
            assertThat(during.stream().map(Call::status).distinct())
                    .as("answers during the outage")
                    .allMatch(status -> status == 201 || status == 503);
            assertThat(during.stream().filter(c -> c.status() == 503))
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.retryAfter()).isNotBlank());
            assertThat(during.stream().mapToLong(Call::millis).max().orElseThrow())
                    .as("the slowest answer, ms")
                    .isLessThan(5_000);

            // Every committed change has its event, delivered once the database was back.
            var database = cluster.database();
            List<String> committed = database.sql("select cast(id as varchar) from task where tenant_id = :tenant")
                    .param("tenant", owner.tenantId())
                    .query(String.class)
                    .list();
            assertThat(committed)
                    .containsAll(calls.stream()
                            .filter(c -> c.status() == 201)
                            .map(Call::taskId)
                            .toList());
            Eventually.await(
                    () -> delivered.containsAll(committed) ? true : null,
                    "every committed change delivered",
                    Duration.ofSeconds(90));
            for (Node node : cluster.nodes()) {
                assertThat(node.process().isAlive())
                        .as("node " + node.index() + " was not restarted")
                        .isTrue();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static int readiness(Node node) {
        try {
            return new Api(node.baseUrl())
                    .get("/actuator/health/readiness")
                    .send()
                    .status();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }
}
