package org.gauzy.bridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gauzy.bridge.BridgeApplication;
import org.gauzy.bridge.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The one-command demo: what it prints is enough to sign in, integrate and connect. */
class DemoTests {

    @Test
    void printsWorkingCredentialsAKeyOfTheSandboxAndItsPage() {
        var out = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext context = Demo.run(
                BridgeApplication.class,
                new String[] {Demo.FLAG, "--server.port=0", "--logging.level.root=WARN"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String banner = out.toString(StandardCharsets.UTF_8);
            String open = find(banner, "Open\\s+(http://localhost:\\d+)/pages");
            String password = find(banner, "Sign in as\\s+admin@ever\\.co / (\\S+)");
            String key = find(banner, "API key of the sandbox\\s+(sk-\\S+)");
            String user = find(banner, "its user \\(MCP servers need one\\): (\\S+) / \\S+");
            String userPassword = find(banner, "its user \\(MCP servers need one\\): \\S+ / (\\S+)");
            String sandbox = find(banner, "(http://127\\.0\\.0\\.1:\\d+)/ui");

            var api = new Api(open);
            assertThat(api.get("/pages/login").send().status()).isEqualTo(200);
            var login = api.post("/api/auth/login")
                    .json(Map.of("email", "admin@ever.co", "password", password))
                    .send();
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String token = login.body().path("token").asString();

            var setup = api.post("/api/integration/activepieces/setup")
                    .token(token)
                    .json(Map.of("apiKey", key, "userEmail", user, "userPassword", userPassword))
                    .send();
            assertThat(setup.status()).as(setup.text()).isEqualTo(201);
            String project = api.get("/api/integration/activepieces/projects/"
                            + setup.body().path("integrationTenantId").asString())
                    .token(token)
                    .send()
                    .body()
                    .path("data")
                    .get(0)
                    .path("id")
                    .asString();
            var servers = api.get("/api/integration/activepieces/mcp?projectId=" + project)
                    .token(token)
                    .send();
            assertThat(servers.status()).as(servers.text()).isEqualTo(200);
            assertThat(servers.body().path("data").get(0).path("name").asString())
                    .isEqualTo("Gauzy assistant");
            var clients = api.get("/api/oauth/clients").token(token).send();
            assertThat(clients.text()).contains("activepieces-demo").contains(sandbox + "/redirect");

            var ui = new Api(sandbox).get("/ui").send();
            assertThat(ui.status()).isEqualTo(200);
            assertThat(ui.text()).contains("value='activepieces-demo'").contains("value='" + open + "'");
        }
    }

    /** {@code --nodes=2}: two nodes share the database behind the proxy the banner names; a sign-in works on both. */
    @Test
    void runsSeveralNodesBehindAProxyWithOneCommand() {
        var out = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext context = Demo.run(
                BridgeApplication.class,
                new String[] {Demo.FLAG, "--nodes=2", "--server.port=0", "--logging.level.root=WARN"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String banner = out.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains("2 nodes on one database behind a round-robin proxy");
            String open = find(banner, "Open\\s+(http://localhost:\\d+)/pages");
            String password = find(banner, "Sign in as\\s+admin@ever\\.co / (\\S+)");
            String ownPort = context.getEnvironment().getProperty("local.server.port");
            assertThat(open).as("the proxy, not this process's node").doesNotEndWith(":" + ownPort);

            var api = new Api(open);
            var login = api.post("/api/auth/login")
                    .json(Map.of("email", "admin@ever.co", "password", password))
                    .send();
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String token = login.body().path("token").asString();
            var task = api.post("/api/tasks")
                    .token(token)
                    .json(Map.of("title", "On one node"))
                    .send();
            assertThat(task.status()).as(task.text()).isEqualTo(201);
            // Round robin: consecutive reads land on both nodes, each seeing the task and taking the token.
            for (int i = 0; i < 4; i++) {
                var read = api.get("/api/tasks/" + task.body().path("id").asString())
                        .token(token)
                        .send();
                assertThat(read.status()).as(read.text()).isEqualTo(200);
            }
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
        return m.group(1);
    }
}
