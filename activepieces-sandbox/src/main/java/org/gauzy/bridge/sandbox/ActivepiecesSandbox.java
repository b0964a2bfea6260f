package org.gauzy.bridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.gauzy.bridge.sandbox.Model.Piece;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulated Activepieces server: start it on a port (0 for a random one), point a client at
 * {@link #baseUrl()}, and inspect what it received. State is in memory and starts with one platform,
 * its owner, a project and an API key ({@link #seed()}).
 *
 * <pre>{@code
 * try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
 *     String key = ap.seed().apiKey();
 *     ...
 *     ap.injectFault(Fault.status("/api/v1/app-connections", 503, 1));
 *     assertThat(ap.requests()).hasSize(2);
 * }
 * }</pre>
 */
public final class ActivepiecesSandbox implements AutoCloseable {

    /** The {@code ever-gauzy} piece as Activepieces knows it: OAuth2 on its {@code environment} property. */
    public static final String EVER_GAUZY_PIECE = "@activepieces/piece-ever-gauzy";

    private final SandboxOptions options;
    private final ApVersion version;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SandboxClock clock = new SandboxClock();
    private final Ids ids = new Ids();
    private final Store store = new Store(ids, clock);
    private final Faults faults = new Faults();
    private final UserTokens tokens;
    private final Router router = new Router();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor;
    private final HttpServer server;
    private volatile Seed seed;
    private final ConnectUi ui;

    private ActivepiecesSandbox(SandboxOptions options) {
        this.options = options;
        this.version = ApVersion.parse(options.apVersion());
        this.tokens = new UserTokens(ids.alphanumeric(32), json, clock);
        var security = new Security(store, tokens, version);
        var oauth2 = new OAuth2Exchange(json, clock);
        new ConnectionRoutes(store, security, oauth2, version).register(router, version);
        new ProjectRoutes(store, security, tokens, version, json).register(router);
        new McpRoutes(store, security, version).register(router, version);
        new WebhookRoutes(store).register(router);
        new FlowRoutes(store, security, version, json).register(router);
        var caller = new PieceCaller(store, oauth2, json);
        new ControlRoutes(this, store, caller).register(router);
        this.ui = new ConnectUi(this, store, caller, json, ids);
        ui.register(router);
        this.seed = seedState();
        this.executor = Executors.newCachedThreadPool(r -> {
            var thread = new Thread(r, "ap-sandbox-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 128);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot listen on port " + options.port(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a sandbox; anything not set is generated (credentials) or defaulted (port 0, 0.85). */
    public static final class Builder {
        private int port;
        private String apVersion = SandboxOptions.DEFAULT_VERSION;
        private @Nullable String apiKey;
        private @Nullable String projectId;
        private @Nullable String userEmail;
        private @Nullable String userPassword;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder apVersion(String apVersion) {
            this.apVersion = apVersion;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder user(String email, String password) {
            this.userEmail = email;
            this.userPassword = password;
            return this;
        }

        public ActivepiecesSandbox start() {
            return new ActivepiecesSandbox(
                    new SandboxOptions(port, apVersion, apiKey, projectId, userEmail, userPassword));
        }

        static Builder from(SandboxOptions options) {
            var builder = new Builder().port(options.port()).apVersion(options.apVersion());
            builder.apiKey = options.apiKey();
            builder.projectId = options.projectId();
            builder.userEmail = options.userEmail();
            builder.userPassword = options.userPassword();
            return builder;
        }
    }

    /**
     * Fills in the sandbox's "Connect Ever Gauzy" form (its page at {@code /ui}) with a Gauzy and an
     * OAuth client registered there, so a person trying the integration only clicks.
     */
    public void presetGauzy(String environment, String clientId, String clientSecret) {
        ui.preset(environment, clientId, clientSecret);
    }

    /** Where the server listens, without a trailing slash; the REST API is under {@code /api/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String apVersion() {
        return version.toString();
    }

    public Seed seed() {
        return seed;
    }

    /** Forgets everything but the seed (same credentials), and clears faults, records and the clock offset. */
    public void reset() {
        store.clear();
        faults.clear();
        clock.reset();
        seed = seedState();
    }

    public List<RecordedRequest> requests() {
        return store.recorded();
    }

    public void clearRequests() {
        store.clearRecorded();
    }

    /** A flow whose trigger URL ({@code /api/v1/webhooks/<id>}) answers as Activepieces does; returns its id. */
    public String addFlow(boolean enabled) {
        return addFlow(seed.projectId(), enabled);
    }

    /** A flow of a given project. */
    public String addFlow(String projectId, boolean enabled) {
        return addFlow(new FlowSpec(projectId, enabled, null, null, null, List.of(), List.of()));
    }

    /**
     * What a test builds a flow from: its project, whether it is on, its name, its trigger's piece and
     * trigger (none: an EMPTY trigger), the steps after it (piece name and action name each) and the
     * connections (external ids) its steps use.
     */
    public record FlowSpec(
            String projectId,
            boolean enabled,
            @Nullable String displayName,
            @Nullable String triggerPiece,
            @Nullable String triggerName,
            List<List<String>> steps,
            List<String> connectionIds) {}

    public String addFlow(FlowSpec spec) {
        synchronized (store) {
            var flow = new Model.Flow(ids.apId(), spec.projectId(), spec.enabled(), clock.nextCreated());
            if (spec.displayName() != null) {
                flow.displayName = spec.displayName();
            }
            flow.triggerPiece = spec.triggerPiece();
            flow.triggerName = spec.triggerName();
            var steps = new ArrayList<Model.Flow.Step>();
            for (int i = 0; i < spec.steps().size(); i++) {
                List<String> step = spec.steps().get(i);
                steps.add(new Model.Flow.Step("step_" + (i + 1), step.get(0), step.get(1), step.get(1)));
            }
            flow.steps = List.copyOf(steps);
            flow.connectionIds = List.copyOf(spec.connectionIds());
            store.flows.put(flow.id, flow);
            return flow.id;
        }
    }

    /**
     * What a run of the flow started by its trigger URL comes to: {@code SUCCEEDED}, or a failure status
     * with the step that failed and its message. False when there is no such flow.
     */
    public boolean setRunOutcome(String flowId, String status, @Nullable String failedStep, @Nullable String message) {
        synchronized (store) {
            var flow = store.flows.get(flowId);
            if (flow == null) {
                return false;
            }
            flow.runStatus = status;
            flow.failedStep = failedStep == null ? null : Model.failedStep(failedStep, message);
            flow.updated = clock.nextCreated();
            return true;
        }
    }

    /**
     * Records a run of a flow as if Activepieces had run it: its status, when it was created (with
     * microseconds, as PostgreSQL keeps them) and how long it took, and for a failure the failed step.
     */
    public String addRun(
            String flowId,
            String status,
            Instant created,
            Duration took,
            @Nullable String failedStep,
            @Nullable String message) {
        synchronized (store) {
            var flow = store.flows.get(flowId);
            if (flow == null) {
                throw ApError.entityNotFound("flow", flowId);
            }
            var run = new Model.FlowRun(
                    ids.apId(),
                    flow,
                    created,
                    status,
                    created,
                    created.plus(took),
                    failedStep == null ? null : Model.failedStep(failedStep, message));
            store.flowRuns.add(run);
            return run.id;
        }
    }

    /** Turns a flow on or off (off: its trigger URL answers 404); false when there is no such flow. */
    public boolean setFlowEnabled(String flowId, boolean enabled) {
        synchronized (store) {
            var flow = store.flows.get(flowId);
            if (flow != null) {
                flow.enabled = enabled;
                flow.updated = clock.nextCreated();
            }
            return flow != null;
        }
    }

    /** Deletes a flow: its trigger URL answers 410 from now on. */
    public void deleteFlow(String flowId) {
        synchronized (store) {
            store.flows.remove(flowId);
        }
    }

    public List<WebhookDelivery> webhookDeliveries(String flowId) {
        return store.webhooks(flowId);
    }

    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public SandboxClock clock() {
        return clock;
    }

    /** A session token for a user, as sign-in issues (a negative ttl gives an expired one). */
    public String userToken(String email, Duration ttl) {
        var user = store.userByEmail(email).orElseThrow(() -> new IllegalArgumentException("no user " + email));
        return tokens.issue(user, version.securityV2() ? null : store.defaultProject(user.id), ttl);
    }

    /** The seeded owner's session token. */
    public String ownerToken() {
        return userToken(seed.userEmail(), UserTokens.DEFAULT_TTL);
    }

    /** A second platform with its own owner, project and API key (credentials generated when null). */
    public Seed addPlatform(@Nullable String email, @Nullable String password) {
        String platformId = ids.apId();
        String userEmail =
                email != null ? email : "owner-" + ids.alphanumeric(6).toLowerCase(Locale.ROOT) + "@sandbox.test";
        String userPassword = password != null ? password : ids.alphanumeric(16);
        var owner = store.addPlatform(platformId, userEmail, userPassword);
        var project = store.addProject(platformId, null, "Default project", null);
        String key = ids.apiKey();
        store.addApiKey(platformId, key);
        return new Seed(platformId, key, project.id, owner.id, userEmail, userPassword);
    }

    /** A project on the seeded platform (or another one), returning its id. */
    public String addProject(@Nullable String platformId, String displayName, @Nullable String externalId) {
        return store.addProject(platformId != null ? platformId : seed.platformId(), null, displayName, externalId).id;
    }

    /** Makes a piece known, so that connections may name it; with {@code tokenUrl} it has OAuth2 auth. */
    public void addPiece(
            String name, String version, @Nullable String authUrl, @Nullable String tokenUrl, List<String> scope) {
        var auth = authUrl != null && tokenUrl != null ? new Piece.OAuth2(authUrl, tokenUrl, scope) : null;
        addPiece(new Piece(name, List.of(version), auth));
    }

    void addPiece(Piece piece) {
        store.addPiece(piece);
    }

    /** The stored value of a connection (test-only: Activepieces never returns it), if the connection exists. */
    public Optional<String> connectionValue(String connectionId) {
        synchronized (store) {
            var connection = store.connections.get(connectionId);
            return connection == null || connection.value == null
                    ? Optional.empty()
                    : Optional.of(connection.value.toString());
        }
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private Seed seedState() {
        String platformId = ids.apId();
        String email = Objects.requireNonNullElse(options.userEmail(), "owner@sandbox.test");
        String password = Objects.requireNonNullElseGet(options.userPassword(), () -> ids.alphanumeric(16));
        var owner = store.addPlatform(platformId, email, password);
        var project = store.addProject(platformId, options.projectId(), "Default project", null);
        String key = Objects.requireNonNullElseGet(options.apiKey(), ids::apiKey);
        store.addApiKey(platformId, key);
        store.addPiece(new Piece(
                EVER_GAUZY_PIECE,
                List.of("0.0.1"),
                new Piece.OAuth2(
                        "{environment}/api/integration/ever-gauzy/oauth/authorize",
                        "{environment}/api/integration/ever-gauzy/oauth/token",
                        List.of("gauzy:all"))));
        store.addPiece(new Piece(
                "@activepieces/piece-slack",
                List.of("0.9.0", "0.10.2"),
                new Piece.OAuth2(
                        "https://slack.com/oauth/v2/authorize",
                        "https://slack.com/api/oauth.v2.access",
                        List.of("chat:write"))));
        store.addPiece(new Piece("@activepieces/piece-http", List.of("0.5.1"), null));
        return new Seed(platformId, key, project.id, owner.id, email, password);
    }

    // HTTP

    /** Thrown to drop the connection without an answer (the RESET fault). */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("injected connection reset", null, false, false);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().containsKey("Upgrade")) {
            // Activepieces serves socket.io on its HTTP server (packages/server/api/src/app/app.ts @66f43de175),
            // so Node hands every request with an Upgrade header (Java's h2c offer among them) to engine.io,
            // which closes what it does not serve: the client gets an empty reply. The request is recorded.
            store.record(new RecordedRequest(
                    clock.now(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    Map.of(),
                    masked(exchange.getRequestHeaders()),
                    ""));
            throw new DropConnection();
        }
        Reply reply;
        try {
            var request = new Request(
                    exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes(),
                    json);
            reply = respond(request);
        } catch (ApError e) {
            reply = new Reply(e.status, e.body, Map.of());
        } catch (DropConnection e) {
            // The JDK server closes the connection when a handler throws: the client sees it reset.
            throw e;
        } catch (RuntimeException e) {
            reply = new Reply(
                    500, ApError.fastify(500, null, "Internal Server Error", "Internal Server Error").body, Map.of());
        }
        write(exchange, reply);
    }

    private Reply respond(Request request) {
        boolean api = request.path.startsWith("/api/");
        if (api) {
            store.record(new RecordedRequest(
                    clock.now(),
                    request.method,
                    request.path,
                    Map.copyOf(request.query),
                    masked(request.headers),
                    request.bodyText()));
            Optional<Fault> fault = faults.take(request.method, request.path);
            if (fault.isPresent()) {
                Optional<Reply> faulted = apply(fault.get(), request);
                if (faulted.isPresent()) {
                    return faulted.get();
                }
            }
        }
        return dispatch(request);
    }

    private Reply dispatch(Request request) {
        try {
            return router.dispatch(request);
        } catch (ApError e) {
            return new Reply(e.status, e.body, Map.of());
        }
    }

    private Optional<Reply> apply(Fault fault, Request request) {
        switch (fault.kind()) {
            case LATENCY -> {
                try {
                    Thread.sleep(fault.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
            case RESET -> throw new DropConnection();
            case BROKEN_BODY -> {
                Reply whole = dispatch(request);
                return Optional.of(
                        whole.body() == null || whole.body() instanceof Reply.Html
                                ? whole
                                : new Reply(whole.status(), new Reply.Broken(whole.body()), whole.headers()));
            }
            case RATE_LIMIT -> {
                var error = ApError.fastify(
                        429,
                        null,
                        "Too Many Requests",
                        "Rate limit exceeded, retry in " + fault.retryAfter().toSeconds() + " seconds");
                return Optional.of(new Reply(
                        429,
                        error.body,
                        Map.of("Retry-After", Long.toString(fault.retryAfter().toSeconds()))));
            }
            default -> {
                String reason = reasonPhrase(fault.status());
                var error = ApError.fastify(fault.status(), null, reason, "Injected fault: " + reason);
                return Optional.of(new Reply(fault.status(), error.body, Map.of()));
            }
        }
    }

    private void write(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("x-request-id", "req_" + ids.alphanumeric(21));
        reply.headers().forEach(headers::set);
        if (reply.status() == 204 || reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        if (reply.body() instanceof Reply.Broken broken) {
            byte[] whole = json.writeValueAsBytes(broken.json());
            headers.set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), whole.length);
            var out = exchange.getResponseBody();
            out.write(whole, 0, whole.length / 2);
            out.flush();
            // The JDK server closes the connection when a handler throws: the client reads a body cut short.
            throw new DropConnection();
        }
        byte[] bytes;
        if (reply.body() instanceof Reply.Html page) {
            bytes = page.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            headers.set("Content-Type", "text/html; charset=utf-8");
        } else {
            bytes = json.writeValueAsBytes(reply.body());
            headers.set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Credentials are kept to their last 4 characters, enough to tell keys apart in a test. */
    private static Map<String, String> masked(Map<String, List<String>> headers) {
        var out = new LinkedHashMap<String, String>();
        headers.forEach((name, values) -> {
            if (name == null || values.isEmpty()) {
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String value = values.get(0);
            if (lower.equals("authorization") || lower.equals("cookie") || lower.equals("x-api-key")) {
                int space = value.indexOf(' ');
                String scheme = space > 0 ? value.substring(0, space + 1) : "";
                String secret = value.substring(scheme.length());
                value = scheme + "****" + (secret.length() > 8 ? secret.substring(secret.length() - 4) : "");
            }
            out.put(lower, value);
        });
        return out;
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
