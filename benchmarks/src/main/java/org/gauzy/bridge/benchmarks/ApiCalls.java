package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls the benchmarks make to set up their data, and the newcomer's path to a tenant of their own. */
final class ApiCalls {

    /** A user who created a tenant, signed in again to hold a token for it. */
    record Account(String email, String token, String tenantId, String organizationId) {}

    private final HttpClient http;
    private final JsonMapper json;
    private final String base;

    ApiCalls(HttpClient http, JsonMapper json, String base) {
        this.http = http;
        this.json = json;
        this.base = base;
    }

    /** Registers a user, creates a tenant (with its first organization) and signs in again. */
    Account onboard(String label) throws Exception {
        String email = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        String password = ServiceProcess.ADMIN_PASSWORD;
        post(
                "/api/auth/register",
                null,
                Map.of(
                        "user",
                        Map.of("email", email, "firstName", "Bench", "lastName", label),
                        "password",
                        password,
                        "confirmPassword",
                        password));
        String first = post("/api/auth/login", null, Map.of("email", email, "password", password))
                .path("token")
                .asString();
        post("/api/tenant", first, Map.of("name", label + " tenant"));
        JsonNode login = post("/api/auth/login", null, Map.of("email", email, "password", password));
        return new Account(
                email,
                login.path("token").asString(),
                login.path("user").path("tenantId").asString(),
                login.path("user").path("lastOrganizationId").asString());
    }

    /** Signs an existing user in on this service (each service issues and checks its own tokens). */
    String login(String email) throws Exception {
        return post("/api/auth/login", null, Map.of("email", email, "password", ServiceProcess.ADMIN_PASSWORD))
                .path("token")
                .asString();
    }

    /** Creates a project of each name in the account's organization; answers their ids, in order. */
    List<String> projects(Account account, String... names) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(post(
                            "/api/organization-project",
                            account.token(),
                            Map.of("name", name, "organizationId", account.organizationId()))
                    .path("id")
                    .asString());
        }
        return ids;
    }

    /** Sets up the account's organization with an Activepieces platform's API key; the installation's id. */
    String setUpActivepieces(Account account, String apiKey) throws Exception {
        return post(
                        "/api/integration/activepieces/setup",
                        account.token(),
                        Map.of("apiKey", apiKey, "organizationId", account.organizationId()))
                .path("integrationTenantId")
                .asString();
    }

    JsonNode post(String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
