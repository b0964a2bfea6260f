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
        try (ConfigurableApplicationContext context = Demo.run(BridgeApplication.class,
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
            var login = api.post("/api/auth/login").json(Map.of("email", "admin@ever.co", "password", password)).send();
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String token = login.body().path("token").asString();

            var setup = api.post("/api/integration/activepieces/setup").token(token)
                    .json(Map.of("apiKey", key, "userEmail", user, "userPassword", userPassword)).send();
            assertThat(setup.status()).as(setup.text()).isEqualTo(201);
            String project = api.get("/api/integration/activepieces/projects/"
                    + setup.body().path("integrationTenantId").asString()).token(token).send().body().path("data")
                    .get(0).path("id").asString();
            var servers = api.get("/api/integration/activepieces/mcp?projectId=" + project).token(token).send();
            assertThat(servers.status()).as(servers.text()).isEqualTo(200);
            assertThat(servers.body().path("data").get(0).path("name").asString()).isEqualTo("Gauzy assistant");
            var clients = api.get("/api/oauth/clients").token(token).send();
            assertThat(clients.text()).contains("activepieces-demo").contains(sandbox + "/redirect");

            var ui = new Api(sandbox).get("/ui").send();
            assertThat(ui.status()).isEqualTo(200);
            assertThat(ui.text()).contains("value='activepieces-demo'").contains("value='" + open + "'");
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
        return m.group(1);
    }
}
