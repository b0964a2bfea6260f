package org.gauzy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gauzy.bridge.demo.DemoNodes;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.Cluster;
import org.gauzy.bridge.support.Cluster.Node;
import org.gauzy.bridge.support.Eventually;
import org.gauzy.bridge.support.OAuthGrants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three real nodes (the built jar, each in its own process) on one PostgreSQL behind a round-robin proxy, as
 * the README says to run them: every OAuth step works on whichever node it lands, a sign-out or a revocation
 * is seen by every node at once, throttles hold for the whole cluster, purges run once per interval between
 * the nodes, and a node with other keys refuses to start. Runs after {@code mvn package}, in {@code verify}.
 */
class ClusterIT {

    static final String REVOKE = "/api/integration/ever-gauzy/oauth/revoke";
    static final String INTROSPECT = "/api/integration/ever-gauzy/oauth/introspect";

    static Cluster cluster;
    static Api proxied;
    static Accounts accounts;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(3, "--gauzy.purge-every=1s", "--gauzy.cluster-jobs.tick=100ms");
        proxied = new Api(cluster.proxy().baseUrl());
        accounts = new Accounts(proxied);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Api on(Node node) {
        return new Api(node.baseUrl());
    }

    @Test
    void everyOAuthStepWorksOnWhicheverNodeItLands() {
        Account owner = accounts.onboard("cluster-oauth");
        var grants = new OAuthGrants(proxied);
        var client = grants.register(owner, Map.of());
        int before = cluster.proxy().served().size();

        // Authorize, sign in and consent through the pages, then the code exchange, each through the proxy.
        String code = grants.code(owner, OAuthGrants.pieceRequest(client, "state-cluster"));
        var exchanged = grants.exchange(client, code);
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        var steps = cluster.proxy()
                .served()
                .subList(before, cluster.proxy().served().size());
        assertThat(steps.stream()
                        .filter(s -> s.path().startsWith("/api/integration/ever-gauzy/oauth"))
                        .map(s -> s.node())
                        .collect(Collectors.toSet()))
                .as("the flow's steps, node by node: " + steps)
                .hasSize(3);

        // The access token works on every node; a refresh through the proxy, then a revocation.
        String access = exchanged.body().path("access_token").asString();
        for (Node node : cluster.nodes()) {
            assertThat(on(node).get("/api/tasks").token(access).send().status()).isEqualTo(200);
        }
        var refreshed = proxied.post(OAuthGrants.TOKEN)
                .form(Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        exchanged.body().path("refresh_token").asString(),
                        "client_id",
                        client.clientId(),
                        "client_secret",
                        client.secret()))
                .send();
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        String newAccess = refreshed.body().path("access_token").asString();
        var revoked = on(cluster.nodes().get(0))
                .post(REVOKE)
                .form(Map.of(
                        "token",
                        refreshed.body().path("refresh_token").asString(),
                        "client_id",
                        client.clientId(),
                        "client_secret",
                        client.secret()))
                .send();
        assertThat(revoked.status()).isEqualTo(200);

        // Every node refuses the grant's tokens at once: no node kept a copy of what was revoked.
        for (Node node : cluster.nodes()) {
            assertThat(on(node).get("/api/tasks").token(newAccess).send().status())
                    .as("node " + node.index())
                    .isEqualTo(401);
            var introspected = on(node).post(INTROSPECT)
                    .form(Map.of("token", newAccess, "client_id", client.clientId(), "client_secret", client.secret()))
                    .send();
            assertThat(introspected.body().path("active").asBoolean())
                    .as("node " + node.index())
                    .isFalse();
        }
    }

    @Test
    void aSignOutOnOneNodeIsSeenByEveryNodeAtOnce() {
        Account user = accounts.onboard("cluster-signout");
        List<Node> nodes = cluster.nodes();
        for (Node node : nodes) {
            assertThat(on(node).get("/api/user/me").token(user.token()).send().status())
                    .isEqualTo(200);
        }
        assertThat(on(nodes.get(1))
                        .post("/api/auth/logout")
                        .token(user.token())
                        .send()
                        .status())
                .isEqualTo(204);
        for (Node node : nodes) {
            assertThat(on(node).get("/api/user/me").token(user.token()).send().status())
                    .as("node " + node.index())
                    .isEqualTo(401);
        }
        assertThat(on(nodes.get(2))
                        .post("/api/auth/refresh-token")
                        .json(Map.of("refresh_token", user.refreshToken()))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aThrottleHoldsForTheWholeClusterNotPerNode() {
        Account user = accounts.onboard("cluster-throttle");
        List<Node> nodes = cluster.nodes();
        // Five failures from this address, spread over the nodes: the limit for one account and one address.
        for (int i = 0; i < 5; i++) {
            var failed = on(nodes.get(i % nodes.size()))
                    .post("/api/auth/login")
                    .json(Map.of("email", user.email(), "password", "Wrong-Guess-" + i))
                    .send();
            assertThat(failed.status()).isEqualTo(401);
        }
        // Every node now makes this address wait, even with the right password.
        for (Node node : nodes) {
            var blocked = on(node).post("/api/auth/login")
                    .json(Map.of("email", user.email(), "password", Accounts.PASSWORD))
                    .send();
            assertThat(blocked.status()).as("node " + node.index()).isEqualTo(429);
            assertThat(blocked.header("Retry-After")).isNotBlank();
        }
    }

    @Test
    void aPurgeRunsOncePerIntervalForTheWholeCluster() {
        var database = cluster.database();
        Eventually.await(() -> runs(database) > 0 ? true : null, "the first purge", Duration.ofSeconds(30));
        long first = runs(database);
        Instant from = Instant.now();
        Set<String> nodes = new HashSet<>();
        // Each node looks every 100 ms and the purge is due every second: three nodes on their own would run it
        // thirty times in ten seconds. Wait until two nodes have each run it.
        Eventually.await(
                () -> {
                    nodes.add(database.sql("select last_node from cluster_job where name = 'session-purge'")
                            .query(String.class)
                            .single());
                    return nodes.size() >= 2 && runs(database) >= first + 4 ? true : null;
                },
                "two nodes to run the purge",
                Duration.ofSeconds(60));
        double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
        assertThat(runs(database) - first).as("runs in %.1f s", seconds).isLessThanOrEqualTo((long) seconds + 2);
    }

    private static long runs(org.springframework.jdbc.core.simple.JdbcClient database) {
        return database.sql("select coalesce(max(runs), 0) from cluster_job where name = 'session-purge'")
                .query(Long.class)
                .single();
    }

    @Test
    void aNodeWithOtherKeysRefusesToStartAndSaysWhy() throws Exception {
        Node otherSigningKey = cluster.launch(Map.of("JWT_SIGNING_KEY", ""));
        Node otherSecretsKey = cluster.launch(Map.of("GAUZY_SECRETS_KEY", DemoNodes.newSecretsKey()));
        assertThat(Cluster.awaitExit(otherSigningKey, Duration.ofSeconds(120))).isNotZero();
        assertThat(otherSigningKey.output())
                .contains("JWT_SIGNING_KEY: this node's key")
                .contains("Give every node the same JWT_SIGNING_KEY");
        assertThat(Cluster.awaitExit(otherSecretsKey, Duration.ofSeconds(120))).isNotZero();
        assertThat(otherSecretsKey.output())
                .contains("GAUZY_SECRETS_KEY: this node's key")
                .doesNotContain(cluster.setting("GAUZY_SECRETS_KEY"));
        // The cluster is unmoved.
        for (Node node : cluster.nodes()) {
            assertThat(on(node).get("/actuator/health/readiness").send().status())
                    .isEqualTo(200);
        }
    }
}
