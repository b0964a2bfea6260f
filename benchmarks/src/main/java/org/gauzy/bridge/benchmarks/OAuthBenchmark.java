package org.gauzy.bridge.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization server under the load an automation platform makes: code round trips (an
 * authorization request from a signed-in session with remembered consent, answered by a redirect with
 * a code, then the form-encoded code exchange with the secret in the body, as Activepieces sends it)
 * and rotating refresh-token grants, from 4 and 16 concurrent clients on keep-alive connections, after
 * a warm-up. It runs the service on its embedded default (H2) and then on PostgreSQL, and prints
 * requests/s, p50/p90/p99, errors and the token sizes. Run as a normal user after
 * {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.OAuthBenchmark
 *     [-Dexec.args="--warmup=150 --seconds=20 --databases=h2,postgres --server-jvm-args=…
 *     --compare-jvm-args=-Xmx256m --rounds=2"]</pre>
 */
public final class OAuthBenchmark {

    private static final int MAX_CLIENTS = 16;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private OAuthFlow flow;
    private OAuthFlow.Client client;

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        var benchmark = new OAuthBenchmark();
        List<BenchmarkOptions.Build> builds = options.builds();
        // With --compare or --compare-jvm-args, the builds take turns on each kind of database, each on a fresh one.
        for (String database : options.databases()) {
            for (var build : BenchmarkOptions.inTurns(builds, options.number("rounds", 1))) {
                BenchmarkOptions.onFreshDatabase(
                        database,
                        (label, environment) -> benchmark.run(
                                builds.size() > 1 ? label + ", " + build.name() : label,
                                environment,
                                build.jar(),
                                build.jvmArgs(),
                                options.seconds("warmup", 150),
                                options.seconds("seconds", 20)));
            }
        }
    }

    private void run(
            String database,
            Map<String, String> environment,
            Path jar,
            String jvmArgs,
            Duration warmup,
            Duration measure)
            throws Exception {
        try (var service = ServiceProcess.start(jar, jvmArgs, environment, http)) {
            var api = new ApiCalls(http, json, service.base());
            flow = new OAuthFlow(http, service.base());
            client = flow.connect(api, api.onboard("oauth-bench"));
            var refreshTokens = new AtomicReferenceArray<String>(MAX_CLIENTS);
            JsonNode sample = null;
            for (int c = 0; c < MAX_CLIENTS; c++) {
                sample = json.readTree(flow.exchange(client, flow.code(client)).body());
                refreshTokens.set(c, sample.path("refresh_token").asString());
            }
            System.out.printf(
                    "%n%s: access token %d bytes, refresh token %d bytes, token response %d bytes;"
                            + " warming up %d s%n",
                    database,
                    sample.path("access_token").asString().length(),
                    sample.path("refresh_token").asString().length(),
                    json.writeValueAsString(sample).length(),
                    warmup.toSeconds());
            Load.run("warm-up round trips", 4, warmup.dividedBy(2), (c, i) -> roundTrip());
            Load.run("warm-up refreshes", 4, warmup.dividedBy(2), (c, i) -> refresh(refreshTokens, c));
            for (int clients : new int[] {4, 16}) {
                System.out.println(Load.run("code round trip", clients, measure, (c, i) -> roundTrip())
                        .line());
            }
            for (int clients : new int[] {4, 16}) {
                System.out.println(Load.run("rotating refresh", clients, measure, (c, i) -> refresh(refreshTokens, c))
                        .line());
            }
        }
    }

    private boolean roundTrip() throws Exception {
        return flow.exchange(client, flow.code(client)).statusCode() == 200;
    }

    /** One client's refresh chain: each refresh uses the token the previous one answered. */
    private boolean refresh(AtomicReferenceArray<String> refreshTokens, int c) throws Exception {
        var answer = flow.refresh(client, refreshTokens.get(c));
        if (answer.statusCode() != 200) {
            return false;
        }
        String body = answer.body();
        int start = body.indexOf("\"refresh_token\":\"") + 17;
        refreshTokens.set(c, body.substring(start, body.indexOf('"', start)));
        return true;
    }
}
