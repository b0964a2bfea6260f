package org.gauzy.bridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gauzy's query conventions, over a seeded random sample of task-list queries: filters (nested and listed),
 * relations and sorts, sometimes with exactly one fault (an unknown field, relation or sort key, a bad value, a
 * list where one value belongs, a bad direction, take or skip). Each query is sent in four forms a client may
 * use: raw brackets as axios sends them, brackets percent-encoded, list indexes as {@code []} or repeated names,
 * and JSON values. Every form of a good query gets the same 200 answer, and that answer is right (each task
 * matches the filters and the order is the one asked); every form of a faulty query gets a 400 that names the
 * faulty part. A failure prints its seed; {@code -Dquery.fuzz.seed=…} replays it.
 */
abstract class QueryConventionFuzzTests extends ApiTest {

    static final int QUERIES = 150;
    static final List<String> STATUSES = List.of("open", "in-progress", "done", "blocked");
    static final List<String> PRIORITIES = List.of("low", "medium", "high");
    static final List<String> TITLES =
            List.of("Alpha 100%", "beta_one", "Gamma [x]", "delta & co", "Epsilon+1", "zeta #7");
    final JsonMapper json = JsonMapper.builder().build();

    /** One part of a query: a where filter, a relation, a sort key, or take/skip. */
    record Part(String kind, String name, List<String> values) {}

    /** A query: its parts, and the name a 400 must mention when one part is faulty (null when none is). */
    record Query(List<Part> parts, String fault) {}

    @Test
    void everyFormOfAQueryMeansTheSameOrIsA400NamingTheFault() {
        long seed = Long.getLong("query.fuzz.seed", System.nanoTime());
        var random = new Random(seed);
        Account owner = accounts.onboard("fuzz");
        List<String> projects = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            projects.add(api.post("/api/organization-project")
                    .token(owner.token())
                    .json(Map.of("name", "P" + p))
                    .send()
                    .body()
                    .path("id")
                    .asString());
        }
        for (int i = 0; i < 24; i++) {
            var body = new LinkedHashMap<String, Object>();
            body.put("title", TITLES.get(i % TITLES.size()) + " " + i);
            body.put("status", STATUSES.get(i % STATUSES.size()));
            body.put("priority", PRIORITIES.get(i % PRIORITIES.size()));
            if (i % 3 != 0) {
                body.put("projectId", projects.get(i % 2));
            }
            var created = api.post("/api/tasks").token(owner.token()).json(body).send();
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        Map<String, String> auth = Map.of("Authorization", "Bearer " + owner.token());
        int good = 0;
        int faulty = 0;
        for (int n = 0; n < QUERIES; n++) {
            Query query = query(random, projects);
            List<String> forms = List.of(
                    render(query, Form.RAW),
                    render(query, Form.ENCODED),
                    render(query, Form.INDEXLESS),
                    render(query, Form.JSON));
            JsonNode first = null;
            for (String form : forms) {
                RawHttp.Answer answer = RawHttp.get(port, "/api/tasks?" + form, auth);
                String what =
                        "seed " + seed + ", query " + n + ": " + form + " -> " + answer.status() + " " + answer.body();
                if (query.fault() != null) {
                    assertThat(answer.status()).as(what).isEqualTo(400);
                    assertThat(json.readTree(answer.body()).path("message").asString())
                            .as(what)
                            .contains(query.fault());
                    continue;
                }
                assertThat(answer.status()).as(what).isEqualTo(200);
                JsonNode body = json.readTree(answer.body());
                if (first == null) {
                    first = body;
                    assertRight(query, body, what);
                } else {
                    assertThat(body).as("the same as the first form: " + what).isEqualTo(first);
                }
            }
            if (query.fault() == null) {
                good++;
            } else {
                faulty++;
            }
        }
        assertThat(good).as("seed " + seed).isGreaterThan(QUERIES / 5);
        assertThat(faulty).as("seed " + seed).isGreaterThan(QUERIES / 5);
    }

    // ---- Queries --------------------------------------------------------------------------------------------

    static Query query(Random random, List<String> projects) {
        var parts = new ArrayList<Part>();
        int filters = random.nextInt(3);
        var used = new ArrayList<String>();
        for (int i = 0; i < filters; i++) {
            String field = pick(random, List.of("status", "priority", "projectId", "project.id", "title", "isDraft"));
            if (used.contains(field)
                    || (field.startsWith("project") && used.stream().anyMatch(u -> u.startsWith("project")))) {
                continue;
            }
            used.add(field);
            List<String> values = switch (field) {
                case "status" -> some(random, STATUSES);
                case "priority" -> some(random, PRIORITIES);
                case "projectId", "project.id" -> some(random, projects);
                case "title" -> List.of(pick(random, List.of("alpha", "_", "%", "[x]", "& co", "+1", "#")));
                default -> List.of(pick(random, List.of("true", "false")));
            };
            parts.add(new Part("where", field, values));
        }
        for (String relation : List.of("project", "taskStatus", "members")) {
            if (random.nextInt(3) == 0) {
                parts.add(new Part("relations", relation, List.of()));
            }
        }
        if (random.nextBoolean()) {
            parts.add(new Part(
                    "order",
                    pick(random, List.of("title", "createdAt", "status", "priority")),
                    List.of(pick(random, List.of("ASC", "DESC", "asc", "desc", "1", "-1")))));
        }
        if (random.nextBoolean()) {
            parts.add(new Part("take", "take", List.of(String.valueOf(1 + random.nextInt(30)))));
        }
        String fault = null;
        if (random.nextInt(5) < 2) {
            int kind = random.nextInt(8);
            switch (kind) {
                case 0 -> {
                    String name = pick(random, List.of("nope", "user.password", "tenant.id", "project.name"));
                    parts.add(new Part("where", name, List.of("x")));
                    fault = name;
                }
                case 1 -> {
                    parts.removeIf(p -> p.name().equals("projectId") || p.name().equals("project.id"));
                    parts.add(new Part("where", "projectId", List.of("not-a-uuid")));
                    fault = "projectId";
                }
                case 2 -> {
                    parts.removeIf(p -> p.name().equals("title"));
                    parts.add(new Part("where", "title", List.of("a", "b")));
                    fault = "title";
                }
                case 3 -> {
                    String name = pick(random, List.of("secrets", "user", "tenant"));
                    parts.add(new Part("relations", name, List.of()));
                    fault = name;
                }
                case 4 -> {
                    parts.removeIf(p -> p.kind().equals("order"));
                    String name = pick(random, List.of("password", "tenantId", "deletedBy"));
                    parts.add(new Part("order", name, List.of("ASC")));
                    fault = name;
                }
                case 5 -> {
                    parts.removeIf(p -> p.kind().equals("order"));
                    parts.add(new Part("order", "title", List.of(pick(random, List.of("up", "sideways", "0")))));
                    fault = "order.title";
                }
                case 6 -> {
                    parts.removeIf(p -> p.kind().equals("take"));
                    parts.add(new Part(
                            "take",
                            "take",
                            List.of(pick(random, List.of("0", "-1", "1001", "ten", "99999999999999999999")))));
                    fault = "take";
                }
                default -> {
                    parts.removeIf(p -> p.name().equals("isDraft"));
                    parts.add(new Part("where", "isDraft", List.of(pick(random, List.of("maybe", "yes")))));
                    fault = "isDraft";
                }
            }
        }
        java.util.Collections.shuffle(parts, random);
        return new Query(parts, fault);
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    static List<String> some(Random random, List<String> from) {
        var copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, 1 + random.nextInt(Math.min(3, copy.size()))));
    }

    // ---- Forms ----------------------------------------------------------------------------------------------

    enum Form {
        RAW,
        ENCODED,
        INDEXLESS,
        JSON
    }

    String render(Query query, Form form) {
        var out = new ArrayList<String>();
        if (form == Form.JSON) {
            var where = new LinkedHashMap<String, Object>();
            var order = new LinkedHashMap<String, Object>();
            var relations = new ArrayList<String>();
            for (Part part : query.parts()) {
                switch (part.kind()) {
                    case "where" ->
                        nest(
                                where,
                                part.name(),
                                part.values().size() == 1 ? part.values().get(0) : part.values());
                    case "order" -> order.put(part.name(), part.values().get(0));
                    case "relations" -> relations.add(part.name());
                    default -> out.add(part.name() + "=" + encode(part.values().get(0)));
                }
            }
            if (!where.isEmpty()) {
                out.add("where=" + encode(json.writeValueAsString(where)));
            }
            if (!order.isEmpty()) {
                out.add("order=" + encode(json.writeValueAsString(order)));
            }
            if (!relations.isEmpty()) {
                out.add("relations=" + encode(json.writeValueAsString(relations)));
            }
            return String.join("&", out);
        }
        int relation = 0;
        for (Part part : query.parts()) {
            String brackets = part.kind().equals("take")
                    ? ""
                    : part.kind() + "[" + part.name().replace(".", "][") + "]";
            switch (part.kind()) {
                case "where" -> {
                    if (part.values().size() == 1) {
                        out.add(name(brackets, form) + "="
                                + encode(part.values().get(0)));
                    } else {
                        for (int i = 0; i < part.values().size(); i++) {
                            String listed = form == Form.INDEXLESS
                                    ? (i % 2 == 0 ? brackets + "[]" : brackets)
                                    : brackets + "[" + i + "]";
                            out.add(name(listed, form) + "="
                                    + encode(part.values().get(i)));
                        }
                    }
                }
                case "relations" ->
                    out.add(
                            form == Form.INDEXLESS
                                    ? name(brackets, form) + "=true"
                                    : name("relations[" + relation++ + "]", form) + "=" + encode(part.name()));
                case "order" ->
                    out.add(name(brackets, form) + "=" + encode(part.values().get(0)));
                default -> out.add(part.name() + "=" + encode(part.values().get(0)));
            }
        }
        return String.join("&", out);
    }

    /** {@code where[project][id]}: raw as axios leaves it, or every bracket percent-encoded. */
    static String name(String brackets, Form form) {
        return form == Form.ENCODED ? brackets.replace("[", "%5B").replace("]", "%5D") : brackets;
    }

    @SuppressWarnings("unchecked")
    static void nest(Map<String, Object> into, String dotted, Object value) {
        String[] path = dotted.split("\\.");
        Map<String, Object> at = into;
        for (int i = 0; i < path.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(path[path.length - 1], value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- What a good answer is ------------------------------------------------------------------------------

    static void assertRight(Query query, JsonNode page, String what) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        int take = 100;
        for (Part part : query.parts()) {
            switch (part.kind()) {
                case "where" -> {
                    String field = part.name().equals("project.id") ? "projectId" : part.name();
                    for (JsonNode item : items) {
                        String actual = item.path(field).asString();
                        if (field.equals("title")) {
                            assertThat(actual.toLowerCase(Locale.ROOT))
                                    .as(what)
                                    .contains(part.values().get(0));
                        } else {
                            assertThat(part.values()).as(what).contains(actual);
                        }
                    }
                }
                case "relations" ->
                    items.forEach(item -> {
                        if (!part.name().equals("members")
                                && !item.path(part.name() + "Id").isNull()
                                && !item.path(part.name() + "Id").isMissingNode()) {
                            assertThat(item.has(part.name()))
                                    .as(what + " loads " + part.name())
                                    .isTrue();
                        }
                    });
                case "order" -> {
                    boolean ascending =
                            List.of("asc", "1").contains(part.values().get(0).toLowerCase(Locale.ROOT));
                    Comparator<String> order = Comparator.naturalOrder();
                    List<String> keys = items.stream()
                            .map(i -> i.path(part.name()).asString())
                            .toList();
                    List<String> sorted = keys.stream()
                            .sorted(ascending ? order : order.reversed())
                            .collect(Collectors.toList());
                    if (!part.name().equals("title")) {
                        assertThat(keys).as(what).isEqualTo(sorted);
                    }
                }
                default -> take = Integer.parseInt(part.values().get(0));
            }
        }
        assertThat(items.size()).as(what).isLessThanOrEqualTo(take);
        assertThat(page.path("total").asInt()).as(what).isGreaterThanOrEqualTo(items.size());
    }
}
