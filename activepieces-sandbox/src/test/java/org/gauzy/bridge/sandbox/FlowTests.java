package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Flows and runs as 0.85.4 and 0.83.0 answer them: shapes, filters, order and what their cursors lose. */
class FlowTests {

    /** Every id on every page, following {@code next} from the first page. */
    static List<String> walk(Client client, String path, String key, int limit) {
        var ids = new ArrayList<String>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            var page = client.get(path + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), key)
                    .body();
            page.path("data").forEach(row -> ids.add(row.path("id").asString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("no last page");
    }

    static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.path("data").forEach(row -> ids.add(row.path("id").asString()));
        return ids;
    }

    @Test
    void flowsListWithTheirVersionFilteredAndOrderedByStatusThenUpdate() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String project = ap.seed().projectId();
            String gauzy = client.post(
                            "/sandbox/flows",
                            null,
                            Map.of(
                                    "displayName",
                                    "Tasks",
                                    "trigger",
                                    Map.of(
                                            "pieceName",
                                            ActivepiecesSandbox.EVER_GAUZY_PIECE,
                                            "triggerName",
                                            "new_task"),
                                    "steps",
                                    List.of(Map.of("pieceName", "@activepieces/piece-slack", "actionName", "send")),
                                    "connectionIds",
                                    List.of("gauzy-conn")))
                    .body()
                    .path("id")
                    .asString();
            String off = client.post("/sandbox/flows", null, Map.of("enabled", false, "displayName", "Off"))
                    .body()
                    .path("id")
                    .asString();
            String newest = client.post("/sandbox/flows", null, Map.of("displayName", "Newest"))
                    .body()
                    .path("id")
                    .asString();

            JsonNode all = client.get("/api/v1/flows?projectId=" + project, key).body();
            assertThat(ids(all)).as("enabled first, then the latest update").containsExactly(newest, gauzy, off);
            JsonNode first = all.path("data").path(1);
            assertThat(first.path("version")
                            .path("trigger")
                            .path("settings")
                            .path("pieceName")
                            .asString())
                    .isEqualTo(ActivepiecesSandbox.EVER_GAUZY_PIECE);
            assertThat(first.path("version")
                            .path("trigger")
                            .path("nextAction")
                            .path("settings")
                            .path("pieceName")
                            .asString())
                    .isEqualTo("@activepieces/piece-slack");
            assertThat(first.path("version").path("connectionIds").get(0).asString())
                    .isEqualTo("gauzy-conn");
            String list = "/api/v1/flows?projectId=" + project;
            assertThat(ids(client.get(list + "&connectionExternalIds=gauzy-conn", key)
                            .body()))
                    .containsExactly(gauzy);
            assertThat(ids(client.get(list + "&status=DISABLED", key).body())).containsExactly(off);
            assertThat(ids(client.get(list + "&name=newe", key).body())).containsExactly(newest);
            assertThat(client.get("/api/v1/flows/" + gauzy, key)
                            .body()
                            .path("status")
                            .asString())
                    .isEqualTo("ENABLED");
            assertThat(client.get(list + "&status=ON", key).status()).isEqualTo(400);
            assertThat(client.get("/api/v1/flows/" + "x".repeat(21), key).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void runsOfAFlowComeFromItsTriggerUrlWithTheOutcomeItWasGiven() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String flow = ap.addFlow(true);
            client.post("/api/v1/webhooks/" + flow, null, Map.of("event", "task.created"));
            client.post(
                    "/sandbox/flows/" + flow,
                    null,
                    Map.of(
                            "runStatus",
                            "FAILED",
                            "failedStep",
                            "get_task",
                            "message",
                            "Request failed with status code 401"));
            client.post("/api/v1/webhooks/" + flow, null, Map.of("event", "task.updated"));

            JsonNode runs = client.get(
                            "/api/v1/flow-runs?projectId=" + ap.seed().projectId() + "&flowId=" + flow, key)
                    .body()
                    .path("data");
            assertThat(runs.findValuesAsString("status")).containsExactly("FAILED", "SUCCEEDED");
            assertThat(runs.path(0).path("failedStep").path("message").asString())
                    .contains("401");
            assertThat(runs.path(0).has("steps")).isFalse();
            JsonNode one = client.get(
                            "/api/v1/flow-runs/" + runs.path(0).path("id").asString(), key)
                    .body();
            assertThat(one.path("steps").path("get_task").path("status").asString())
                    .isEqualTo("FAILED");
            assertThat(client.get("/api/v1/flow-runs?projectId=" + ap.seed().projectId() + "&status=FAILED", key)
                            .body()
                            .path("data")
                            .size())
                    .isEqualTo(1);
            assertThat(client.get("/api/v1/flow-runs?projectId=" + ap.seed().projectId() + "&status=BROKEN", key)
                            .status())
                    .isEqualTo(400);
            assertThat(client.get("/api/v1/flow-runs?projectId=short", key).status())
                    .isEqualTo(400);
        }
    }

    /** A flow that uses a connection in ERROR starts no run: the connection is resolved before the trigger. */
    @Test
    void aFlowWhoseConnectionIsInErrorStartsNoRun() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String connection = client.post(
                            "/api/v1/app-connections", key, FidelityTests.connection(ap, "gauzy-conn", "SECRET_TEXT"))
                    .body()
                    .path("id")
                    .asString();
            String flow = client.post(
                            "/sandbox/flows",
                            null,
                            Map.of(
                                    "trigger",
                                    Map.of(
                                            "pieceName",
                                            ActivepiecesSandbox.EVER_GAUZY_PIECE,
                                            "triggerName",
                                            "new_task"),
                                    "connectionIds",
                                    List.of("gauzy-conn")))
                    .body()
                    .path("id")
                    .asString();
            String runs = "/api/v1/flow-runs?projectId=" + ap.seed().projectId() + "&flowId=" + flow;
            assertThat(client.post("/sandbox/app-connections/" + connection, null, Map.of("status", "ERROR"))
                            .status())
                    .isEqualTo(200);
            assertThat(client.post("/api/v1/webhooks/" + flow, null, Map.of("event", "task.created"))
                            .status())
                    .as("the delivery is taken all the same")
                    .isEqualTo(200);
            assertThat(client.get(runs, key).body().path("data")).isEmpty();
            client.post("/sandbox/app-connections/" + connection, null, Map.of("status", "ACTIVE"));
            client.post("/api/v1/webhooks/" + flow, null, Map.of("event", "task.created"));
            assertThat(client.get(runs, key).body().path("data")).hasSize(1);
        }
    }

    /**
     * 0.85.4 pages runs by (created, id) with the time cut to milliseconds in the cursor: runs of the
     * boundary's millisecond after the boundary are on no page. 0.83.0 compares seconds: the whole rest of
     * the boundary's second is lost.
     */
    @Test
    void eachReleasesCursorLosesTheRunsItsSourceSaysItLoses() {
        for (String release : List.of("0.85", "0.83.0")) {
            try (var ap = ActivepiecesSandbox.builder().apVersion(release).start()) {
                var client = new Client(ap.baseUrl());
                String flow = ap.addFlow(true);
                // Five bursts of four runs: each burst in one millisecond, a quarter of a second apart.
                Instant start = Instant.parse("2026-12-01T10:00:00.000500Z");
                Set<String> made = new HashSet<>();
                for (int burst = 0; burst < 5; burst++) {
                    for (int i = 0; i < 4; i++) {
                        client.post(
                                        "/sandbox/flow-runs",
                                        null,
                                        Map.of(
                                                "flowId",
                                                flow,
                                                "status",
                                                "SUCCEEDED",
                                                "created",
                                                start.plusMillis(250L * burst)
                                                        .plusNanos(1000L * i)
                                                        .toString(),
                                                "spacingMillis",
                                                0))
                                .body()
                                .path("ids")
                                .forEach(id -> made.add(id.asString()));
                    }
                }
                var runs = ap.seed();
                List<String> seen = walk(client, "/api/v1/flow-runs?projectId=" + runs.projectId(), runs.apiKey(), 3);
                assertThat(made).hasSize(20);
                assertThat(made).containsAll(seen);
                assertThat(new HashSet<>(seen)).as(release + ": no run twice").hasSize(seen.size());
                if (release.equals("0.85")) {
                    // Each page of 3 ends inside a burst of 4: the one run of that millisecond after it is lost.
                    assertThat(seen).as(release).hasSize(15);
                } else {
                    // The last burst is alone in its second; the other four share one: a page in each, then none.
                    assertThat(seen).as(release).hasSize(6);
                }
            }
        }
    }
}
