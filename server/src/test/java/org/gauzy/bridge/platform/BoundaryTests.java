package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.DatabaseState;
import org.gauzy.bridge.support.RawHttp;
import org.gauzy.bridge.support.Routes;
import org.gauzy.bridge.support.Routes.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API boundary, generated from the application's own list of endpoints: every {@code /api} mapping,
 * present and future, gets hostile requests (bodies of every JSON-like type naming another tenant and
 * organization, oversize, malformed, deeply nested, wide, with NUL and lone surrogates, wrong types, huge
 * numbers and long strings; queries and headers naming another tenant, raw brackets). Each answer is a
 * 4xx in our JSON shape that names no internal class, never a 500, and the database is as it was.
 * The checks that hold by construction (415, 413, 403, 400 for a body no route could read) are asserted
 * to their exact status, with the caller's own real ids in the path as well as unknown ones.
 */
public abstract class BoundaryTests extends ApiTest {

    static final List<String> OTHER_JSON_TYPES = List.of(
            "application/merge-patch+json",
            "application/vnd.api+json",
            "application/problem+json",
            "text/json",
            "application/json-patch+json",
            "application/x-amz-json-1.1");
    static final String AUTHORIZATION_PAGES = "/api/integration/ever-gauzy/oauth/authorize";
    static final Pattern INTERNAL_NAMES = Pattern.compile(
            "org\\.gauzy|java\\.|jakarta\\.|springframework|tools\\.jackson|Exception|\\$[A-Z]|\\bat [a-z]+\\.");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    Account mine;
    Account theirs;
    /** The caller's own resources, by path variable and the route's first segments. */
    final Map<String, String> ownIds = new LinkedHashMap<>();

    @BeforeEach
    void accounts() {
        mine = accounts.onboard("boundary");
        theirs = accounts.onboard("boundary-other");
        String task = api.post("/api/tasks")
                .token(mine.token())
                .json(Map.of("title", "Mine"))
                .send()
                .body()
                .path("id")
                .asString();
        ownIds.put("/api/tasks/{id}", task);
        String project = api.post("/api/organization-project")
                .token(mine.token())
                .json(Map.of("name", "Mine"))
                .send()
                .body()
                .path("id")
                .asString();
        ownIds.put("/api/organization-project/{id}", project);
        String team = api.post("/api/organization-team")
                .token(mine.token())
                .json(Map.of("name", "Mine"))
                .send()
                .body()
                .path("id")
                .asString();
        ownIds.put("/api/organization-team/{id}", team);
        String employee = api.post("/api/employee")
                .token(mine.token())
                .json(Map.of(
                        "user",
                        Map.of(
                                "email",
                                Accounts.uniqueEmail("boundary-employee"),
                                "firstName",
                                "Own",
                                "lastName",
                                "Employee"),
                        "password",
                        Accounts.PASSWORD))
                .send()
                .body()
                .path("id")
                .asString();
        ownIds.put("/api/employee/{id}", employee);
        String client = api.post("/api/oauth/clients")
                .token(mine.token())
                .json(Map.of("name", "Mine", "redirectUris", List.of("https://mine.test/callback")))
                .send()
                .body()
                .path("id")
                .asString();
        ownIds.put("/api/oauth/clients/{id}", client);
        assertThat(ownIds.values())
                .as(ownIds.toString())
                .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    List<Route> routes() {
        List<Route> routes = Routes.api(mappings);
        assertThat(routes).hasSizeGreaterThan(40);
        return routes;
    }

    /**
     * The refusals that hold by construction, to their exact status, with unknown ids in the path and with the
     * caller's own: nothing changes in the database.
     */
    @Test
    void everyEndpointRefusesWhatNoEndpointMayTake() {
        Map<String, String> before = snapshot();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes()) {
            for (Map<String, String> ids : List.of(Map.<String, String>of(), ownIds)) {
                for (Case hostile : cases(route)) {
                    if (hostile.exact() == 0) {
                        continue;
                    }
                    sent++;
                    String problem = judge(route, hostile, hostile.send(port, route.method(), route.path(ids)));
                    if (problem != null) {
                        failures.add(route + " [" + (ids.isEmpty() ? "unknown ids" : "own ids") + "] " + hostile.name()
                                + ": " + problem);
                    }
                }
            }
        }
        assertThat(failures).as("sent " + sent).isEmpty();
        assertThat(sent).isGreaterThan(2000);
        assertThat(snapshot()).as("no refused request changed the database").isEqualTo(before);
    }

    /**
     * Bodies and queries whose fields are wrong in ways only the route can tell (wrong types, huge numbers, long
     * strings, garbage list options): never a 500, and every refusal in our shape, naming no internal class. A
     * route may take such a request (one that ignores a field does), so these run with unknown ids only.
     */
    @Test
    void everyEndpointAnswersFieldsItCannotTakeWithAClear4xx() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes()) {
            for (Case hostile : cases(route)) {
                if (hostile.exact() != 0) {
                    continue;
                }
                sent++;
                RawHttp.Answer answer = hostile.send(port, route.method(), route.path(Map.of()));
                if (answer.status() == 401) {
                    // An earlier request may have ended the session (sign-out, a new tenant): sign in again.
                    mine = accounts.login(mine.email(), mine.password());
                    answer = hostile.send(port, route.method(), route.path(Map.of()));
                }
                String problem = answer.status() < 400 ? null : judge(route, hostile, answer);
                if (problem != null) {
                    failures.add(route + " " + hostile.name() + ": " + problem);
                }
            }
        }
        assertThat(failures).as("sent " + sent).isEmpty();
        assertThat(sent).isGreaterThan(150);
    }

    /** What the answer must be; null when it is. */
    static String judge(Route route, Case hostile, RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "answered " + status + " " + answer.body();
        }
        if (hostile.exact() != 0 && status != hostile.exact()) {
            return "answered " + status + " instead of " + hostile.exact() + " " + answer.body();
        }
        if (status < 400 || status >= 500) {
            return "answered " + status + " " + abbreviate(answer.body());
        }
        if (route.pattern().startsWith(AUTHORIZATION_PAGES)
                && answer.contentType().startsWith("text/html")) {
            // The authorization endpoint answers a browser with a page (RFC 6749 §4.1.2.1): ours, not Tomcat's.
            return answer.body().contains("<title>") ? null : "answered " + status + " with a page not ours";
        }
        if (!answer.contentType().startsWith("application/json")) {
            return "answered " + status + " as " + answer.contentType() + ": " + abbreviate(answer.body());
        }
        if (!answer.body().contains("\"statusCode\":" + status)
                && !answer.body().contains("\"error\"")) {
            return "answered " + status + " without our error shape: " + abbreviate(answer.body());
        }
        if (INTERNAL_NAMES.matcher(answer.body()).find()) {
            return "names an internal: " + abbreviate(answer.body());
        }
        return null;
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** One hostile request: its name, the exact status it must get (0: any 4xx), and how it is sent. */
    record Case(String name, int exact, Sender sender) {

        RawHttp.Answer send(int port, String method, String path) {
            return sender.send(port, method, path);
        }
    }

    @FunctionalInterface
    interface Sender {
        RawHttp.Answer send(int port, String method, String path);
    }

    List<Case> cases(Route route) {
        String otherTenant = theirs.tenantId().toString();
        String otherOrganization = theirs.organizationId().toString();
        var cases = new ArrayList<Case>();
        Consumer<Case> add = cases::add;

        // Another tenant or organization, named wherever a request can name one: 403 on every route.
        add.accept(new Case(
                "Tenant-Id header of another tenant",
                403,
                (port, method, path) ->
                        RawHttp.send(port, method, path, headers(auth(), "Tenant-Id", otherTenant), null, null)));
        add.accept(new Case(
                "Organization-Id header of another organization",
                403,
                (port, method, path) -> RawHttp.send(
                        port, method, path, headers(auth(), "Organization-Id", otherOrganization), null, null)));
        add.accept(new Case(
                "raw where[tenantId] of another tenant",
                403,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path + "?where[tenantId]=" + otherTenant + "&relations[0]=user",
                        auth(),
                        null,
                        null)));
        add.accept(new Case(
                "raw where[organizationId] of another organization",
                403,
                (port, method, path) -> RawHttp.send(
                        port, method, path + "?where[organizationId]=" + otherOrganization, auth(), null, null)));
        add.accept(new Case(
                "JSON where of another tenant",
                403,
                (port, method, path) -> RawHttp.send(
                        port, method, path + "?where={%22tenantId%22:%22" + otherTenant + "%22}", auth(), null, null)));
        add.accept(new Case(
                "organizationId parameter of another organization",
                403,
                (port, method, path) ->
                        RawHttp.send(port, method, path + "?organizationId=" + otherOrganization, auth(), null, null)));
        // Paths the firewall refuses: a 400 in our shape, not a container page.
        add.accept(new Case(
                "a path parameter (;)",
                400,
                (port, method, path) -> RawHttp.send(port, method, path + ";jsessionid=x", auth(), null, null)));
        add.accept(new Case(
                "an encoded slash in the path",
                400,
                (port, method, path) -> RawHttp.send(port, method, path + "%2Fx", auth(), null, null)));
        add.accept(new Case(
                "an encoded backslash in the path",
                400,
                (port, method, path) -> RawHttp.send(port, method, path + "%5Cx", auth(), null, null)));
        add.accept(new Case(
                "a double slash in the path",
                400,
                (port, method, path) ->
                        RawHttp.send(port, method, path.replaceFirst("/api/", "/api//"), auth(), null, null)));
        // Characters no field may hold, in the query: a 400 on every route.
        add.accept(new Case(
                "NUL in a query value",
                400,
                (port, method, path) ->
                        RawHttp.send(port, method, path + "?where[title]=a%00b&title=a%00b", auth(), null, null)));
        add.accept(new Case(
                "a control character in a query value",
                400,
                (port, method, path) -> RawHttp.send(port, method, path + "?name=a%1Bb", auth(), null, null)));
        add.accept(new Case(
                "a huge take, garbage relations and order",
                0,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path + "?take=99999999999999999999999&skip=-1&relations=[{\"a\":1}]"
                                + "&order[nope]=SIDEWAYS&where[a][b][c][d]=1",
                        auth(),
                        null,
                        null)));
        if (!route.writes()) {
            return cases;
        }
        String naming = "{\"organizationId\":\"" + otherOrganization + "\",\"tenantId\":\"" + otherTenant
                + "\",\"organization\":{\"id\":\"" + otherOrganization + "\"},\"tenant\":{\"id\":\"" + otherTenant
                + "\"},\"title\":\"Smuggled\",\"name\":\"Smuggled\"}";
        for (String type : OTHER_JSON_TYPES) {
            add.accept(new Case(
                    "a " + type + " body naming another tenant",
                    415,
                    (port, method, path) -> RawHttp.send(port, method, path, auth(), type, naming)));
            add.accept(new Case(
                    "a " + type + " body, signed out",
                    415,
                    (port, method, path) -> RawHttp.send(port, method, path, Map.of(), type, naming)));
        }
        add.accept(new Case(
                "a body naming another tenant and organization",
                403,
                (port, method, path) -> RawHttp.send(port, method, path, auth(), "application/json", naming)));
        add.accept(new Case(
                "a body naming another organization only",
                403,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json; charset=utf-8",
                        "{\"organization\":{\"id\":\"" + otherOrganization + "\"}}")));
        add.accept(new Case(
                "a body naming another tenant only",
                403,
                (port, method, path) -> RawHttp.send(
                        port, method, path, auth(), "application/json", "{\"tenantId\":\"" + otherTenant + "\"}")));
        String oversize = "{\"title\":\"" + "x".repeat(BodyLimitFilter.MAX_BODY_BYTES) + "\"}";
        add.accept(new Case(
                "an oversize JSON body",
                413,
                (port, method, path) -> RawHttp.send(port, method, path, auth(), "application/json", oversize)));
        add.accept(new Case(
                "an oversize JSON body, signed out",
                413,
                (port, method, path) -> RawHttp.send(port, method, path, Map.of(), "application/json", oversize)));
        add.accept(new Case(
                "an oversize form",
                413,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/x-www-form-urlencoded",
                        "a=" + "x".repeat(BodyLimitFilter.MAX_BODY_BYTES))));
        // Bodies no route could read: a 400 on every route, as Express's body parser answers on Gauzy's.
        add.accept(new Case(
                "malformed JSON",
                400,
                (port, method, path) -> RawHttp.send(port, method, path, auth(), "application/json", "{\"title\": ")));
        add.accept(new Case(
                "deeply nested JSON",
                400,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
        var wide = new StringBuilder("{");
        for (int i = 0; i < 20_000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        String wideBody = wide.append('}').toString();
        add.accept(new Case(
                "a JSON object with 20,000 keys",
                400,
                (port, method, path) -> RawHttp.send(port, method, path, auth(), "application/json", wideBody)));
        add.accept(new Case(
                "NUL in a JSON string",
                400,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"title\":\"a\\u0000b\",\"name\":\"a\\u0000b\",\"email\":\"a\\u0000@b.test\"}")));
        add.accept(new Case(
                "a lone surrogate in a JSON string",
                400,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"title\":\"a\\ud800b\",\"name\":\"\\udfffx\",\"description\":\"\\ud83d\"}")));
        add.accept(new Case(
                "NUL in a JSON field name",
                400,
                (port, method, path) ->
                        RawHttp.send(port, method, path, auth(), "application/json", "{\"ti\\u0000tle\":\"x\"}")));
        add.accept(new Case(
                "NUL in a form value",
                400,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/x-www-form-urlencoded",
                        "grant_type=a%00b&code=a%00b&name=a%00b")));
        // Bodies whose fields are wrong: a 4xx (which one depends on the route), never a 500.
        add.accept(new Case(
                "wrong types everywhere",
                0,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"title\":{\"a\":1},\"name\":[1],"
                                + "\"email\":5,\"redirectUris\":\"x\",\"estimate\":\"soon\",\"isActive\":\"maybe\","
                                + "\"url\":{},\"events\":7,\"role\":[],\"user\":\"x\",\"password\":false,"
                                + "\"apiKey\":{},\"relations\":[{\"a\":1}]}")));
        add.accept(
                new Case(
                        "values of the right type but not of the field's kind",
                        0,
                        (port, method, path) -> RawHttp.send(
                                port,
                                method,
                                path,
                                auth(),
                                "application/json",
                                "{\"organizationIds\":[\"not-a-uuid\"],"
                                        + "\"role\":\"NOT_A_ROLE\",\"events\":[\"nope\"],\"status\":\"sideways\",\"logType\":\"X\","
                                        + "\"dueDate\":\"yesterday\",\"projectId\":\"nope\",\"permissions\":[\"NOPE\"],"
                                        + "\"redirectUris\":[\"not a uri\"],\"scopes\":[\"nope\"],\"grantTypes\":[\"nope\"]}")));
        add.accept(new Case(
                "huge numbers",
                0,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"estimate\":9223372036854775808,"
                                + "\"take\":1e400,\"title\":\"ok\",\"name\":\"ok\",\"taskNumber\":-99999999999999999999,"
                                + "\"duration\":1e308,\"events\":[\"task.created\"],\"url\":\"https://x.test\"}")));
        String longValue = "l".repeat(100_000);
        add.accept(new Case(
                "long strings",
                0,
                (port, method, path) -> RawHttp.send(
                        port,
                        method,
                        path,
                        auth(),
                        "application/json",
                        "{\"title\":\"" + longValue
                                + "\",\"name\":\"" + longValue + "\",\"email\":\"" + longValue
                                + "@b.test\",\"url\":\"https://"
                                + longValue + ".test\",\"apiKey\":\"" + longValue + "\",\"redirectUris\":[\"https://"
                                + longValue + "\"],\"password\":\"" + longValue + "\"}")));
        return cases;
    }

    /** The caller's bearer token as it is when a request is sent (a case may have to sign in again). */
    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + mine.token());
    }

    static Map<String, String> headers(Map<String, String> base, String name, String value) {
        var out = new LinkedHashMap<>(base);
        out.put(name, value);
        return out;
    }

    Map<String, String> snapshot() {
        return DatabaseState.of(jdbc);
    }
}
