package org.gauzy.bridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the running service, as the piece or a front end would call it:
 * JSON bodies, bearer tokens, any extra headers.
 */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public Api(int port) {
        this("http://localhost:" + port);
    }

    /** A client of any HTTP service, such as the Activepieces sandbox. */
    public Api(String base) {
        this.base = base;
    }

    /** One response: status, headers and the body parsed as JSON (a missing node when empty). */
    public record Response(int status, Map<String, List<String>> headers, String text, JsonNode body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public String message() {
            return body.path("message").asString();
        }
    }

    /** A request being built. */
    public final class Call {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        public Call json(Object value) {
            this.body = value instanceof String s ? s : json.writeValueAsString(value);
            return header("Content-Type", "application/json");
        }

        /** A JSON body sent as another content type, as a client might label it. */
        public Call json(Object value, String contentType) {
            this.body = value instanceof String s ? s : json.writeValueAsString(value);
            return header("Content-Type", contentType);
        }

        /** A form-encoded body (what OAuth clients and HTML forms send). */
        public Call form(Map<String, String> fields) {
            var out = new StringBuilder();
            fields.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            this.body = out.toString();
            return header("Content-Type", "application/x-www-form-urlencoded");
        }

        public Response send() {
            var request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String text = response.body();
                JsonNode parsed = text.isBlank() ? json.missingNode() : parseOrText(text);
                return new Response(response.statusCode(), response.headers().map(), text, parsed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private JsonNode parseOrText(String text) {
            try {
                return json.readTree(text);
            } catch (RuntimeException notJson) {
                return json.getNodeFactory().stringNode(text);
            }
        }
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    public Call options(String path) {
        return new Call("OPTIONS", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public JsonMapper json() {
        return json;
    }
}
