package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.Test;

/**
 * Size before parsing: over 1 MiB is a 413 in our shape on every route, signed in or not, JSON and forms,
 * with a declared length or chunked.
 */
@OnH2
class BodyLimitTests extends ApiTest {

    static final int OVER = 2 * 1024 * 1024;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked, String token)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] json(int size) {
        return ("{\"email\":\"a@b.test\",\"password\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static void tooLarge(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(answer.body()).contains("\"statusCode\":413").contains("larger than 1 MiB");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsParsed() throws Exception {
        tooLarge(post("/api/auth/login", "application/json", json(OVER), false, null));
        tooLarge(post("/api/auth/login", "application/json", json(OVER), true, null));
        byte[] form = ("grant_type=authorization_code&code=" + "a".repeat(OVER)).getBytes(StandardCharsets.UTF_8);
        tooLarge(post(
                "/api/integration/ever-gauzy/oauth/token", "application/x-www-form-urlencoded", form, false, null));
        Account owner = accounts.onboard("limits");
        byte[] task = ("{\"title\":\"" + "t".repeat(OVER) + "\"}").getBytes(StandardCharsets.UTF_8);
        tooLarge(post("/api/tasks", "application/json", task, false, owner.token()));
        tooLarge(post("/api/tasks", "application/json", task, true, owner.token()));

        var small = api.post("/api/auth/login")
                .json(Map.of("email", owner.email(), "password", "wrong-password"))
                .send();
        assertThat(small.status()).as("under the limit, read as usual").isEqualTo(401);
    }
}
