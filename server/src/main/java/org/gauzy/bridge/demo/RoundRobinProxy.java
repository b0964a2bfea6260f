package org.gauzy.bridge.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer in a few lines, for the multi-node demo and tests: each request goes to the next node in turn,
 * as is, and the answer comes back as is (redirects are not followed; the browser follows them, to the proxy
 * again). It remembers which node served which request, so a test can show that consecutive steps landed on
 * different nodes. A node that refuses the connection is skipped, as a balancer's health check would. Not for
 * production: put the nodes behind the load balancer you already run.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** One forwarded request: what it was and the node (index) that answered. */
    public record Served(String method, String path, int node, int status) {}

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "transfer-encoding",
            "te",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Served> served = new CopyOnWriteArrayList<>();

    public RoundRobinProxy(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public void setNodes(List<String> baseUrls) {
        nodes.clear();
        nodes.addAll(baseUrls);
    }

    public List<Served> served() {
        return List.copyOf(served);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            for (int attempt = 0; attempt < nodes.size(); attempt++) {
                int index = Math.floorMod(next.getAndIncrement(), nodes.size());
                try {
                    HttpResponse<byte[]> answer = client.send(
                            request(exchange, nodes.get(index), body), HttpResponse.BodyHandlers.ofByteArray());
                    answer.headers().map().forEach((name, values) -> {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                            exchange.getResponseHeaders().put(name, values);
                        }
                    });
                    served.add(new Served(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            index,
                            answer.statusCode()));
                    byte[] bytes = answer.body();
                    exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        exchange.getResponseBody().write(bytes);
                    }
                    return;
                } catch (ConnectException down) {
                    // that node is down: the next one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            served.add(new Served(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), -1, 502));
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private static HttpRequest request(HttpExchange exchange, String node, byte[] body) {
        var builder = HttpRequest.newBuilder(
                        URI.create(node + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
