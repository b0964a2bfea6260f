package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;

/**
 * How long a test waits for an in-process sandbox: start it, answer one authenticated list call,
 * stop it. Prints the first (cold JVM) start and the median and worst of the following ones.
 *
 * <pre>./mvnw -q -pl benchmarks -am -DskipTests install exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.SandboxStartup</pre>
 */
public final class SandboxStartup {

    private SandboxStartup() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            try (var ap = ActivepiecesSandbox.builder().start()) {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(ap.baseUrl() + "/api/v1/app-connections?projectId="
                                        + ap.seed().projectId()))
                                .header("Authorization", "Bearer " + ap.seed().apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("unexpected " + response.statusCode());
                }
            }
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        long[] warm = Arrays.copyOfRange(millis, 1, runs);
        Arrays.sort(warm);
        System.out.printf(
                "sandbox start + first call + stop: cold %d ms; warm median %d ms, max %d ms (%d runs)%n",
                millis[0], warm[warm.length / 2], warm[warm.length - 1], runs - 1);
    }
}
