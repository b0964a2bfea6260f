package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One test per row of the fidelity table (FIDELITY.md in this module) that no other test covers: how a
 * release's connections, MCP servers and authentication differ, each as Activepieces' source has it.
 */
class FidelityTests {

    static Map<String, Object> connection(ActivepiecesSandbox ap, String externalId, String type) {
        var body = new HashMap<String, Object>();
        body.put("externalId", externalId);
        body.put("displayName", externalId);
        body.put("pieceName", ActivepiecesSandbox.EVER_GAUZY_PIECE);
        body.put("projectId", ap.seed().projectId());
        body.put("type", type);
        if (type.equals("SECRET_TEXT")) {
            body.put("value", Map.of("type", "SECRET_TEXT", "secret_text", "s"));
        } else if (type.equals("OIDC")) {
            body.put("value", Map.of("type", "OIDC", "props", Map.of()));
        }
        return body;
    }

    @Test
    void connectionFieldsAndTypesFollowTheRelease() {
        try (var old = ActivepiecesSandbox.builder().apVersion("0.72").start();
                var current = ActivepiecesSandbox.builder().apVersion("0.85").start();
                var next = ActivepiecesSandbox.builder().apVersion("0.86").start()) {
            var client072 = new Client(old.baseUrl());
            JsonNode made072 = client072
                    .post("/api/v1/app-connections", old.seed().apiKey(), connection(old, "c-1", "SECRET_TEXT"))
                    .body();
            assertThat(made072.has("pieceVersion")).isFalse();
            assertThat(made072.has("preSelectForNewProjects")).isFalse();
            assertThat(made072.has("usingSecretManager")).isFalse();
            assertThat(client072
                            .post("/api/v1/app-connections", old.seed().apiKey(), connection(old, "c-2", "PLACEHOLDER"))
                            .status())
                    .as("PLACEHOLDER ships in 0.85.2")
                    .isEqualTo(400);

            var client085 = new Client(current.baseUrl());
            String key = current.seed().apiKey();
            JsonNode made = client085
                    .post("/api/v1/app-connections", key, connection(current, "c-1", "SECRET_TEXT"))
                    .body();
            assertThat(made.path("usingSecretManager").isBoolean()).isTrue();
            JsonNode listed = client085
                    .get("/api/v1/app-connections?projectId=" + current.seed().projectId(), key)
                    .body()
                    .path("data")
                    .get(0);
            assertThat(listed.path("usingSecretManager").isBoolean())
                    .as("removeSensitiveData on list items")
                    .isTrue();
            JsonNode renamed = client085
                    .post(
                            "/api/v1/app-connections/" + made.path("id").asString(),
                            key,
                            Map.of("displayName", "Renamed"))
                    .body();
            assertThat(renamed.path("usingSecretManager").isBoolean()).isTrue();
            assertThat(client085
                            .post("/api/v1/app-connections", key, connection(current, "c-3", "PLACEHOLDER"))
                            .status())
                    .isEqualTo(201);
            assertThat(client085
                            .post("/api/v1/app-connections", key, connection(current, "c-4", "OIDC"))
                            .status())
                    .as("OIDC arrives after 0.85.4")
                    .isEqualTo(400);
            assertThat(new Client(next.baseUrl())
                            .post("/api/v1/app-connections", next.seed().apiKey(), connection(next, "c-4", "OIDC"))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void pieceVersionIsCheckedAsSemverBeforeThePieceIsLookedUp() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            var body = connection(ap, "v-1", "SECRET_TEXT");
            body.put("pieceName", "@activepieces/piece-not-installed");
            body.put("pieceVersion", "^1.0.0");
            var range = client.post("/api/v1/app-connections", ap.seed().apiKey(), body);
            assertThat(range.status()).isEqualTo(409);
            assertThat(range.body().path("params").path("message").asString()).isEqualTo("Invalid piece version");
            body.put("pieceVersion", "v1.2.3");
            assertThat(client.post("/api/v1/app-connections", ap.seed().apiKey(), body)
                            .status())
                    .as("a valid version, then the unknown piece")
                    .isEqualTo(404);
            body.put("pieceName", ActivepiecesSandbox.EVER_GAUZY_PIECE);
            assertThat(client.post("/api/v1/app-connections", ap.seed().apiKey(), body)
                            .body()
                            .path("pieceVersion")
                            .asString())
                    .isEqualTo("v1.2.3");
        }
    }

    @Test
    void anUpsertByAnotherCallerTakesOwnership() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            JsonNode byKey = client.post(
                            "/api/v1/app-connections", ap.seed().apiKey(), connection(ap, "o-1", "SECRET_TEXT"))
                    .body();
            Map<String, Object> member =
                    Map.of("email", "member@sandbox.test", "password", "member-password", "platformRole", "ADMIN");
            String memberId = client.post("/sandbox/users", null, member)
                    .body()
                    .path("id")
                    .asString();
            String memberToken = ap.userToken("member@sandbox.test", java.time.Duration.ofHours(1));
            JsonNode byMember = client.post(
                            "/api/v1/app-connections", memberToken, connection(ap, "o-1", "SECRET_TEXT"))
                    .body();
            assertThat(byMember.path("id").asString())
                    .isEqualTo(byKey.path("id").asString());
            assertThat(byMember.path("ownerId").asString()).isEqualTo(memberId);
        }
    }

    @Test
    void theBearerPrefixesAreCaseSensitive() throws Exception {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            var lower = client.send("GET", "/api/v1/projects", null, null);
            assertThat(lower.status()).isEqualTo(403);
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ap.baseUrl() + "/api/v1/projects"))
                    .header("Authorization", "bearer " + ap.seed().apiKey())
                    .GET()
                    .build();
            var answer = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(403);
        }
    }

    /** 0.83 keeps the project server's enabled tools; 0.85.2 renamed them to disabled tools. */
    @Test
    void theProjectServersToolListIsNamedAsTheReleaseNamesIt() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.83").start()) {
            var client = new Client(ap.baseUrl());
            String path = "/api/v1/projects/" + ap.seed().projectId() + "/mcp-server";
            JsonNode server = client.get(path, ap.ownerToken()).body();
            assertThat(server.has("enabledTools")).isTrue();
            assertThat(server.has("disabledTools")).isFalse();
            JsonNode updated = client.post(path, ap.ownerToken(), Map.of("enabledTools", List.of("ap_list_flows")))
                    .body();
            assertThat(updated.path("enabledTools").get(0).asString()).isEqualTo("ap_list_flows");
        }
    }

    /** Projects are listed by type, display name and id, not by creation time. */
    @Test
    void projectsAreOrderedByTypeNameAndId() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            ap.addProject(null, "Zeta", null);
            ap.addProject(null, "Alpha", null);
            ap.addProject(null, "Mu", null);
            var first =
                    client.get("/api/v1/projects?limit=2", ap.seed().apiKey()).body();
            assertThat(first.path("data").findValuesAsString("displayName"))
                    .containsExactly("Alpha", "Default project");
            var second = client.get(
                            "/api/v1/projects?limit=2&cursor="
                                    + first.path("next").asString().replace("=", "%3D"),
                            ap.seed().apiKey())
                    .body();
            assertThat(second.path("data").findValuesAsString("displayName")).containsExactly("Mu", "Zeta");
        }
    }
}
