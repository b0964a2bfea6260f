package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.DatabaseState;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.Routes;
import org.gauzy.bridge.support.Routes.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * App tokens against every route, generated from the route list: for each {@code /api} endpoint and each
 * single scope a user can grant an app, the answer follows the route's declaration
 * ({@link EndpointDeclarationTests#APP_ACCESS}): where the scope does not cover the route, a 403 that says so,
 * and nothing changes in the database; where it does, never that refusal. A first-party sign-in is never
 * refused for want of a scope. The user is the tenant's SUPER_ADMIN, so only the token's scopes decide.
 */
abstract class AppTokenMatrixTests extends ApiTest {

    static final List<String> SCOPES = List.of(
            "gauzy:all",
            "employees:read",
            "employees:write",
            "tasks:read",
            "tasks:write",
            "timesheet:read",
            "timesheet:write",
            "webhooks:write");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    /** Whether a token with {@code scope} may call a route that the declaration says {@code access} of. */
    static boolean covers(String access, String scope, boolean write) {
        if (access.equals("first-party")) {
            return false;
        }
        if (scope.equals("gauzy:all") || access.equals("any app")) {
            return true;
        }
        if (access.equals("gauzy:all")) {
            return false;
        }
        String family = scope.substring(0, scope.indexOf(':'));
        return access.equals(family) && (scope.endsWith(":write") || !write);
    }

    static boolean refusedForScope(Api.Response answer) {
        return answer.status() == 403
                && (answer.message().contains("scopes do not allow")
                        || answer.message().contains("signed in to Gauzy itself"));
    }

    Api.Response send(Route route, String token) {
        String path = route.path(Map.of());
        Api.Call call = switch (route.method()) {
            case "GET" -> api.get(path);
            case "PUT" -> api.put(path);
            case "PATCH" -> api.patch(path);
            case "DELETE" -> api.delete(path);
            default -> api.post(path);
        };
        if (route.writes() && !route.method().equals("DELETE")) {
            call.json(Map.of());
        }
        return call.token(token).send();
    }

    @Test
    void everyRouteAnswersEachScopeAsItsDeclarationSays() {
        Account owner = accounts.onboard("matrix");
        var grants = new OAuthGrants(api);
        var tokens = new LinkedHashMap<String, String>();
        SCOPES.forEach(scope -> tokens.put(scope, grants.accessToken(owner, owner, scope)));
        List<Route> routes = Routes.api(mappings).stream()
                .filter(r -> !EndpointDeclarationTests.access(r.toString()).equals("public"))
                .toList();
        assertThat(routes).hasSizeGreaterThan(60);

        var failures = new ArrayList<String>();
        var before = DatabaseState.of(jdbc);
        int refused = 0;
        for (Route route : routes) {
            String access = EndpointDeclarationTests.access(route.toString());
            for (var token : tokens.entrySet()) {
                if (covers(access, token.getKey(), route.writes())) {
                    continue;
                }
                refused++;
                Api.Response answer = send(route, token.getValue());
                if (!refusedForScope(answer)) {
                    failures.add(route + " with " + token.getKey() + " (" + access + "): " + answer.status() + " "
                            + answer.text());
                }
            }
        }
        assertThat(failures).as("refusals expected: " + refused).isEmpty();
        assertThat(DatabaseState.of(jdbc))
                .as("a refused app token changed nothing")
                .isEqualTo(before);

        for (Route route : routes) {
            String access = EndpointDeclarationTests.access(route.toString());
            for (var token : tokens.entrySet()) {
                if (covers(access, token.getKey(), route.writes())
                        && !route.toString().equals("POST /api/auth/logout")) {
                    Api.Response answer = send(route, token.getValue());
                    if (refusedForScope(answer)) {
                        failures.add(route + " with " + token.getKey() + " refused: " + answer.text());
                    }
                }
            }
            Api.Response signedIn = send(route, owner.token());
            if (refusedForScope(signedIn) && !route.toString().equals("POST /api/auth/logout")) {
                failures.add(route + " refused a first-party sign-in: " + signedIn.text());
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The attack that started this: an app with only tasks:read listed and revoked other people's consents. */
    @Test
    void anAppCannotSeeOrCutOffOtherPeoplesApps() {
        Account owner = accounts.onboard("consents");
        Account colleague = accounts.addUser(owner, "EMPLOYEE");
        var grants = new OAuthGrants(api);
        grants.accessToken(owner, colleague, "tasks:read");
        String app = grants.accessToken(owner, owner, "tasks:read");
        String theirs = null;
        for (var consent : api.get("/api/oauth/consents?everyone=true")
                .token(owner.token())
                .send()
                .body()
                .path("items")) {
            if (consent.path("userId").asString().equals(colleague.userId().toString())) {
                theirs = consent.path("id").asString();
            }
        }
        assertThat(theirs).as("the colleague's consent").isNotNull();
        int consentsBefore = api.get("/api/oauth/consents?everyone=true")
                .token(owner.token())
                .send()
                .body()
                .path("items")
                .size();

        var listed = api.get("/api/oauth/consents?everyone=true").token(app).send();
        assertThat(listed.status()).isEqualTo(403);
        assertThat(listed.message()).contains("signed in to Gauzy itself");
        var revoked = api.delete("/api/oauth/consents/" + theirs).token(app).send();
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(api.get("/api/oauth/consents?everyone=true")
                        .token(owner.token())
                        .send()
                        .body()
                        .path("items")
                        .size())
                .as("every consent is still there")
                .isEqualTo(consentsBefore);
        assertThat(api.get("/api/tasks").token(app).send().status())
                .as("what the scope covers still works")
                .isEqualTo(200);
    }
}
