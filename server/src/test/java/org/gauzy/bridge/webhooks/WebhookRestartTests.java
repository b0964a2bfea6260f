package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.gauzy.bridge.BridgeApplication;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery through a restart: changes are made, the application is stopped while it is still
 * delivering (asserted: the restart has work to do), and started again on the same database, with a receiver
 * that fails every third request. Every event arrives, nothing is left pending, and at most the one request in
 * flight at the stop goes twice. Two nodes on one database deliver every event to every subscription once, in
 * order; so does one node whose subscriptions outnumber its senders.
 */
abstract class WebhookRestartTests {

    static final int EVENTS = 60;

    abstract ApplicationContextInitializer<ConfigurableApplicationContext> database();

    /** Properties that make both runs use the same database. */
    abstract Map<String, Object> sameDatabase();

    @Test
    void everyEventArrivesAtLeastOnceThroughARestart() throws Exception {
        var json = JsonMapper.builder().build();
        Set<String> taskIds = ConcurrentHashMap.newKeySet();
        var requests = new AtomicInteger();
        var accepted = new AtomicInteger();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            pause(); // a slow receiver, so that deliveries are still going out when the application stops
            int status = requests.incrementAndGet() % 3 == 0 ? 500 : 200;
            if (status == 200) {
                accepted.incrementAndGet();
                taskIds.add(json.readTree(new String(body, StandardCharsets.UTF_8))
                        .path("data")
                        .path("id")
                        .asString());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        String data = Files.createTempDirectory("bridge-restart").toString();
        try {
            Set<String> created = ConcurrentHashMap.newKeySet();
            String subscription;
            String ownerEmail;
            try (var first = start(data)) {
                var api = new Api(port(first));
                var owner = new Accounts(api).onboard("restart");
                var subscribed = api.post(WebhookTests.WEBHOOKS)
                        .token(owner.token())
                        .json(Map.of(
                                "name",
                                "restart",
                                "targetUrl",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                "events",
                                List.of("task.created")))
                        .send();
                assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
                subscription = subscribed.body().path("id").asString();
                ownerEmail = owner.email();
                for (int i = 0; i < EVENTS; i++) {
                    var task = api.post("/api/tasks")
                            .token(owner.token())
                            .json(Map.of("title", "Task " + i))
                            .send();
                    assertThat(task.status()).as(task.text()).isEqualTo(201);
                    created.add(task.body().path("id").asString());
                }
                // Stopped while deliveries are still going out.
            }
            int beforeRestart = taskIds.size();
            assertThat(beforeRestart)
                    .as("deliveries were still to go when the application stopped: the restart is"
                            + " what delivers them")
                    .isLessThan(created.size());
            try (var second = start(data)) {
                Eventually.await(
                        () -> taskIds.containsAll(created) ? true : null,
                        "every event delivered after the restart",
                        Duration.ofSeconds(60));
                var jdbc = second.getBean(JdbcClient.class);
                Eventually.await(
                        () -> jdbc.sql("select count(*) from webhook_delivery where status <> 'DELIVERED'")
                                                .query(Long.class)
                                                .single()
                                        == 0
                                ? true
                                : null,
                        "nothing left pending");
            }
            // One subscription is sent one request at a time: only the one in flight at the stop may go twice.
            int duplicates = accepted.get() - taskIds.size();
            assertThat(duplicates).as("events accepted twice").isBetween(0, 1);
            assertThat(requests.get() - accepted.get())
                    .as("requests the receiver failed on purpose")
                    .isEqualTo(requests.get() / 3);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Two nodes on one database: changes made on both in turn, then by four clients at once (two on each node).
     * Each node fans out its own changes, for subscriptions either may hold; every subscription gets every event
     * once, the changes made in turn in exactly that order, and each client's in the order it made them.
     */
    @Test
    void twoNodesOnOneDatabaseDeliverEveryEventToEverySubscriptionInOrder() throws Exception {
        var json = JsonMapper.builder().build();
        int flows = 4;
        int clients = 4;
        int perClient = 30;
        Map<String, List<String>> arrived = new ConcurrentHashMap<>();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            arrived.computeIfAbsent(exchange.getRequestURI().getPath(), flow -> new CopyOnWriteArrayList<>())
                    .add(json.readTree(new String(body, StandardCharsets.UTF_8))
                            .path("data")
                            .path("title")
                            .asString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String data = Files.createTempDirectory("bridge-two-nodes").toString();
        List<String> inTurn = new ArrayList<>();
        try (var one = start(data);
                var two = start(data)) {
            List<Api> nodes = List.of(new Api(port(one)), new Api(port(two)));
            var owner = new Accounts(nodes.get(0)).onboard("two-nodes");
            List<String> tokens = List.of(
                    owner.token(),
                    new Accounts(nodes.get(1))
                            .login(owner.email(), Accounts.PASSWORD)
                            .token());
            for (int f = 0; f < flows; f++) {
                var subscribed = nodes.get(0)
                        .post(WebhookTests.WEBHOOKS)
                        .token(owner.token())
                        .json(Map.of(
                                "name",
                                "flow " + f,
                                "targetUrl",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + f,
                                "events",
                                List.of("task.created")))
                        .send();
                assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
            }
            for (int i = 0; i < EVENTS; i++) {
                inTurn.add("Task " + i);
                var task = nodes.get(i % 2)
                        .post("/api/tasks")
                        .token(tokens.get(i % 2))
                        .json(Map.of("title", inTurn.get(i)))
                        .send();
                assertThat(task.status()).as(task.text()).isEqualTo(201);
            }
            makeChanges(clients, perClient, client -> nodes.get(client % 2), client -> tokens.get(client % 2));
            Eventually.await(
                    () -> arrived.size() == flows
                                    && arrived.values().stream()
                                            .allMatch(titles -> titles.size() >= EVENTS + clients * perClient)
                            ? true
                            : null,
                    "every event at every subscription",
                    Duration.ofSeconds(60));
        } finally {
            receiver.stop(0);
        }
        assertThat(arrived).hasSize(flows);
        for (var titles : arrived.values()) {
            assertThat(titles)
                    .as("each once: no node crashed")
                    .hasSize(EVENTS + clients * perClient)
                    .doesNotHaveDuplicates();
            assertThat(titles.stream().filter(t -> t.startsWith("Task ")).toList())
                    .as("the changes made in turn")
                    .containsExactlyElementsOf(inTurn);
            assertEachClientsOrder(titles, clients);
        }
    }

    /**
     * Changes from several clients at once, each making its own one after another, titled "client:change": client
     * {@code c} sends through {@code apiOf(c)} with {@code tokenOf(c)}.
     */
    private static void makeChanges(int clients, int perClient, IntFunction<Api> apiOf, IntFunction<String> tokenOf)
            throws Exception {
        var pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> made = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                made.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        var task = apiOf.apply(client)
                                .post("/api/tasks")
                                .token(tokenOf.apply(client))
                                .json(Map.of("title", client + ":" + i))
                                .send();
                        assertThat(task.status()).as(task.text()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            for (var client : made) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Titles "client:change": each client's changes appear in the order it made them. */
    private static void assertEachClientsOrder(List<String> titles, int clients) {
        for (int c = 0; c < clients; c++) {
            String prefix = c + ":";
            assertThat(titles.stream()
                            .filter(t -> t.startsWith(prefix))
                            .map(t -> Integer.parseInt(t.substring(prefix.length())))
                            .toList())
                    .as("client %d's changes in the order it made them", c)
                    .isSorted();
        }
    }

    /**
     * Many subscriptions, changes from several clients at once, and fewer senders than subscriptions: runs give
     * way to each other and are leased and let go all the time, and every event still reaches every subscription
     * once, in the order each client made its changes.
     */
    @Test
    void busySubscriptionsShareTheSendersAndEachGetsEveryEventOnceInOrder() throws Exception {
        int flows = 10;
        int clients = 4;
        int perClient = 40;
        Map<String, List<String>> arrived = new ConcurrentHashMap<>();
        var json = JsonMapper.builder().build();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            arrived.computeIfAbsent(exchange.getRequestURI().getPath(), flow -> new CopyOnWriteArrayList<>())
                    .add(json.readTree(new String(body, StandardCharsets.UTF_8))
                            .path("data")
                            .path("title")
                            .asString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (var node =
                start(Files.createTempDirectory("bridge-one-node").toString(), "gauzy.webhooks.concurrency", "3")) {
            var api = new Api(port(node));
            var owner = new Accounts(api).onboard("one-node");
            for (int f = 0; f < flows; f++) {
                var subscribed = api.post(WebhookTests.WEBHOOKS)
                        .token(owner.token())
                        .json(Map.of(
                                "name",
                                "flow " + f,
                                "targetUrl",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + f,
                                "events",
                                List.of("task.created")))
                        .send();
                assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
            }
            makeChanges(clients, perClient, client -> api, client -> owner.token());
            Eventually.await(
                    () -> arrived.size() == flows
                                    && arrived.values().stream()
                                            .allMatch(titles -> titles.size() >= clients * perClient)
                            ? true
                            : null,
                    "every event at every flow",
                    Duration.ofSeconds(60));
        } finally {
            receiver.stop(0);
        }
        for (var titles : arrived.values()) {
            assertThat(titles).as("each once").hasSize(clients * perClient).doesNotHaveDuplicates();
            assertEachClientsOrder(titles, clients);
        }
    }

    private ConfigurableApplicationContext start(String data, String... moreProperties) {
        var properties = new HashMap<String, Object>(sameDatabase());
        properties.putAll(Map.of(
                "server.port",
                "0",
                "test.data-dir",
                data,
                "gauzy.webhooks.retry-delays",
                "100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms",
                "gauzy.webhooks.poll-interval",
                "100ms",
                "gauzy.webhooks.allow-private-targets",
                "true",
                "gauzy.webhooks.lease",
                "2s",
                "logging.level.org.gauzy.bridge.access",
                "WARN"));
        for (int i = 0; i < moreProperties.length; i += 2) {
            properties.put(moreProperties[i], moreProperties[i + 1]);
        }
        // As arguments: they outrank the test resources' application.properties.
        return new SpringApplicationBuilder(BridgeApplication.class)
                .initializers(database())
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }
}
