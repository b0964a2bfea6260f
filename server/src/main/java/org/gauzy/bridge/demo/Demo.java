package org.gauzy.bridge.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Runs the service for a first look: an Activepieces sandbox in this process (Activepieces 0.72, with
 * named MCP servers, which only a signed-in user may manage), a fresh H2 database in a new temporary folder with an admin
 * whose password is generated and printed once, Activepieces pointed at the sandbox, private webhook
 * targets allowed (the sandbox is on loopback), and a global OAuth client for the sandbox's
 * {@code /redirect}. Prints where to go. With {@code --nodes=N}, N nodes share the database behind a
 * round-robin proxy ({@link DemoNodes}).
 */
public final class Demo {

    public static final String FLAG = "--demo";

    /** What to do when the jar runs with {@link #FLAG} alone: the production jar leaves the sandbox out. */
    public static final String SANDBOX_MISSING = "--demo needs the Activepieces sandbox, which this jar leaves out."
            + " Add it to the class path: java -Dloader.path=activepieces-sandbox/target/classes"
            + " -jar server/target/gauzy-bridge.jar --demo";

    private static final String SANDBOX_CLASS = "org.gauzy.bridge.sandbox.ActivepiecesSandbox";
    static final String NODES = "--nodes=";
    private static final String ADMIN = "admin@ever.co";
    private static final String CLIENT_ID = "activepieces-demo";

    private Demo() {}

    public static ConfigurableApplicationContext run(Class<?> application, String[] args, PrintStream console) {
        int nodes = nodesOf(args);
        ActivepiecesSandbox sandbox =
                ActivepiecesSandbox.builder().apVersion("0.72").start();
        Path data;
        try {
            data = Files.createTempDirectory("gauzy-demo-");
        } catch (IOException e) {
            sandbox.stop();
            throw new UncheckedIOException("Cannot create the demo's data folder", e);
        }
        seedMcpServer(sandbox);
        String password = random(14);
        String clientSecret = random(40);
        var common = new ArrayList<String>(Arrays.stream(args)
                .filter(a -> !a.equals(FLAG) && !a.startsWith(NODES) && !(nodes > 1 && a.startsWith("--server.port=")))
                .toList());
        common.addAll(List.of(
                "--gauzy.identity.admin.email=" + ADMIN,
                "--gauzy.identity.admin.password=" + password,
                "--gauzy.identity.admin.tenant-name=Demo",
                "--gauzy.identity.admin.organization-name=Demo Organization",
                "--gauzy.activepieces.base-url=" + sandbox.baseUrl(),
                "--gauzy.webhooks.allow-private-targets=true",
                "--gauzy.webhooks.retry-delays=5s,30s,2m",
                "--gauzy.oauth.operators=" + ADMIN,
                "--gauzy.oauth.client.client-id=" + CLIENT_ID,
                "--gauzy.oauth.client.client-secret=" + clientSecret,
                "--gauzy.oauth.client.name=Activepieces (sandbox)",
                "--gauzy.oauth.client.redirect-uris=" + sandbox.baseUrl() + "/redirect"));
        DemoNodes cluster = nodes > 1 ? new DemoNodes(data, requestedPort(args)) : null;
        if (cluster != null) {
            common.addAll(cluster.sharedArguments());
        }
        var arguments = new ArrayList<>(common);
        arguments.add("--gauzy.data-dir=" + (cluster == null ? data : data.resolve("node-0")));
        if (cluster != null) {
            arguments.addAll(cluster.keyArguments());
            arguments.add("--server.port=0");
        }
        var spring = new SpringApplication(application);
        spring.addListeners(event -> {
            if (event instanceof ApplicationReadyEvent ready) {
                String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "3000");
                String gauzy = "http://localhost:" + port;
                if (cluster != null) {
                    cluster.addThisNode(Integer.parseInt(port));
                    cluster.startOthers(nodes - 1, common, data);
                    gauzy = cluster.publicUrl();
                }
                sandbox.presetGauzy(gauzy, CLIENT_ID, clientSecret);
                announce(console, gauzy, password, sandbox, data, cluster == null ? 1 : cluster.nodes());
            }
        });
        ConfigurableApplicationContext context = spring.run(arguments.toArray(String[]::new));
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                if (cluster != null) {
                    cluster.close();
                }
                sandbox.stop();
            }
        });
        return context;
    }

    /** Whether the sandbox is on the class path; asked by name, so that this class loads without it. */
    public static boolean sandboxPresent() {
        return ClassUtils.isPresent(SANDBOX_CLASS, Demo.class.getClassLoader());
    }

    /** {@code --nodes=N}: how many nodes the demo runs (one unless said). */
    static int nodesOf(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(NODES)) {
                try {
                    int nodes = Integer.parseInt(arg.substring(NODES.length()));
                    if (nodes >= 1 && nodes <= 9) {
                        return nodes;
                    }
                } catch (NumberFormatException ignored) {
                    // the message below says what to write
                }
                throw new IllegalArgumentException("--nodes takes a number from 1 to 9, as in --nodes=3");
            }
        }
        return 1;
    }

    /** The port the user asked for ({@code --server.port}, else {@code PORT}, else 3000): the proxy's, with nodes. */
    private static int requestedPort(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                return Integer.parseInt(arg.substring("--server.port=".length()));
            }
        }
        String port = System.getenv("PORT");
        return port == null || port.isBlank() ? 3000 : Integer.parseInt(port.trim());
    }

    private static void announce(
            PrintStream console, String gauzy, String password, ActivepiecesSandbox sandbox, Path data, int nodes) {
        console.println();
        console.println("  ── Gauzy ⇄ Activepieces demo ─────────────────────────────────────────────");
        console.println("  Open            " + gauzy + "/pages");
        if (nodes > 1) {
            console.println("                  " + nodes + " nodes on one database behind a round-robin proxy: each"
                    + " request goes to the next");
        }
        console.println("  Sign in as      " + ADMIN + " / " + password + "   (shown only here)");
        console.println();
        console.println("  Gauzy → Activepieces: Activepieces → Integrate, with this API key of the sandbox");
        console.println("                  " + sandbox.seed().apiKey());
        console.println("                  and its user (MCP servers need one): "
                + sandbox.seed().userEmail() + " / " + sandbox.seed().userPassword());
        console.println("  Activepieces → Gauzy: open the sandbox's stand-in for Activepieces' UI, press");
        console.println("                  Connect, allow access, turn on a flow, create a task:");
        console.println("                  " + sandbox.baseUrl() + "/ui");
        console.println("  The sandbox (Activepieces " + sandbox.apVersion() + ") runs at " + sandbox.baseUrl()
                + "; data in " + data);
        console.println("  ───────────────────────────────────────────────────────────────────────────");
        console.println();
    }

    /** A named MCP server of the sandbox's user, to see, rename and rotate. */
    private static void seedMcpServer(ActivepiecesSandbox sandbox) {
        var request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v1/mcp-servers"))
                .header("Authorization", "Bearer " + sandbox.ownerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"projectId\":\"" + sandbox.seed().projectId() + "\",\"name\":\"Gauzy assistant\"}"))
                .build();
        try {
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var random = new SecureRandom();
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
