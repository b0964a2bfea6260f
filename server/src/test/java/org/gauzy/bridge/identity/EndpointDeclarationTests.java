package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} endpoint states what it needs, in one visible place: a permission, or
 * explicitly "any signed-in user", or it is on the short public list. A new endpoint that forgets
 * fails here rather than shipping open.
 */
@OnH2
class EndpointDeclarationTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointDeclaresItsPermissionOrIsPublic() {
        var matcher = new AntPathMatcher();
        List<String> undeclared = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                checked++;
                boolean isPublic =
                        Arrays.stream(SecurityConfiguration.PUBLIC_API).anyMatch(p -> matcher.match(p, pattern));
                if (!isPublic && !declares(handler)) {
                    undeclared.add(info.getMethodsCondition() + " " + pattern + " (" + handler + ")");
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void publicEndpointsAreOnlyTheSignInOnes() {
        assertThat(SecurityConfiguration.PUBLIC_API)
                .containsExactlyInAnyOrder(
                        "/api/auth/login",
                        "/api/auth/register",
                        "/api/auth/refresh-token",
                        "/api/docs",
                        "/api/docs.yaml",
                        "/api/docs/**",
                        "/api/integration/ever-gauzy/oauth/**");
    }

    /**
     * What an app's OAuth token may do on each route, and how the route finds its organization, pinned here: a
     * route that starts to take app tokens, or stops, or finds its organization differently, or a new route, fails
     * this test until its line below says so. {@code first-party}: no app token; a scope family ({@code tasks}):
     * its {@code :read} for GET, {@code :write} otherwise, or {@code gauzy:all}; {@code gauzy:all}: only that scope;
     * {@code any app}: any app the user authorized; {@code public}: no sign-in. Then {@code · request}: the
     * organization the request names; {@code · path <record>}: the record the path names; {@code · none}.
     */
    @Test
    void everyApiEndpointSaysWhatAnAppTokenMayDoAndWhereItActs() {
        var actual = new java.util.TreeMap<String, String>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    actual.put(
                            method + " " + pattern,
                            appAccess(entry.getValue(), pattern) + organization(entry.getValue()));
                }
            }
        }
        assertThat(actual).isEqualTo(new java.util.TreeMap<>(APP_ACCESS));
    }

    static final Map<String, String> APP_ACCESS = Map.ofEntries(
            Map.entry("DELETE /api/employee/{id}", "employees · path employee"),
            Map.entry("DELETE /api/employees/{id}", "employees · path employee"),
            Map.entry(
                    "DELETE /api/integration/activepieces/connection/{integrationId}",
                    "first-party · path installation"),
            Map.entry(
                    "DELETE /api/integration/activepieces/integration-tenant/{integrationId}",
                    "first-party · path installation"),
            Map.entry("DELETE /api/integration/activepieces/webhooks/{id}", "webhooks · path subscription"),
            Map.entry("DELETE /api/oauth/clients/{id}", "first-party · path oauth-client"),
            Map.entry("DELETE /api/oauth/consents/{id}", "first-party · path consent"),
            Map.entry("DELETE /api/organization-project/{id}", "tasks · path project"),
            Map.entry("DELETE /api/organization-team/{id}", "tasks · path team"),
            Map.entry("DELETE /api/tasks/{id}", "tasks · path task"),
            Map.entry("DELETE /api/user-organization/{id}", "first-party · path membership"),
            Map.entry("DELETE /api/{kind:task-status|task-priority|task-size}/{id}", "tasks · path task-option"),
            Map.entry("GET /api/docs", "public"),
            Map.entry("GET /api/docs.yaml", "public"),
            Map.entry("GET /api/docs/swagger-config", "public"),
            Map.entry("GET /api/docs/ui", "public"),
            Map.entry("GET /api/employee", "employees · request"),
            Map.entry("GET /api/employee/{id}", "employees · path employee"),
            Map.entry(
                    "GET /api/integration/activepieces/connection/{integrationId}", "first-party · path installation"),
            Map.entry(
                    "GET /api/integration/activepieces/connections/tenant/{integrationId}/{projectId}",
                    "first-party · path installation"),
            Map.entry(
                    "GET /api/integration/activepieces/connections/{integrationId}", "first-party · path installation"),
            Map.entry("GET /api/integration/activepieces/flows/{integrationId}", "first-party · path installation"),
            Map.entry(
                    "GET /api/integration/activepieces/flows/{integrationId}/{flowId}/runs",
                    "first-party · path installation"),
            Map.entry(
                    "GET /api/integration/activepieces/integration-tenant/{integrationId}",
                    "first-party · path installation"),
            Map.entry("GET /api/integration/activepieces/mcp", "first-party · request"),
            Map.entry("GET /api/integration/activepieces/mcp/{serverId}", "first-party · request"),
            Map.entry("GET /api/integration/activepieces/projects/{integrationId}", "first-party · path installation"),
            Map.entry("GET /api/integration/activepieces/status/{integrationId}", "first-party · path installation"),
            Map.entry("GET /api/integration/activepieces/webhooks", "webhooks · request"),
            Map.entry("GET /api/integration/activepieces/webhooks/{id}", "webhooks · path subscription"),
            Map.entry("GET /api/integration/activepieces/webhooks/{id}/deliveries", "webhooks · path subscription"),
            Map.entry("GET /api/integration/ever-gauzy/oauth/authorize", "public"),
            Map.entry("GET /api/oauth/clients", "first-party · none"),
            Map.entry("GET /api/oauth/clients/{id}", "first-party · path oauth-client"),
            Map.entry("GET /api/oauth/consents", "first-party · none"),
            Map.entry("GET /api/organization", "gauzy:all · none"),
            Map.entry("GET /api/organization-project", "tasks · request"),
            Map.entry("GET /api/organization-team", "tasks · request"),
            Map.entry("GET /api/organization/{id}", "gauzy:all · path organization"),
            Map.entry("GET /api/role", "gauzy:all · none"),
            Map.entry("GET /api/role-permissions", "first-party · none"),
            Map.entry("GET /api/tasks", "tasks · request"),
            Map.entry("GET /api/tasks/{id}", "tasks · path task"),
            Map.entry("GET /api/tenant", "first-party · none"),
            Map.entry("GET /api/timesheet/time-log", "timesheet · request"),
            Map.entry("GET /api/timesheet/timer/status", "timesheet · request"),
            Map.entry("GET /api/user", "first-party · none"),
            Map.entry("GET /api/user-organization", "first-party · request"),
            Map.entry("GET /api/user/me", "any app · none"),
            Map.entry("GET /api/{kind:task-status|task-priority|task-size}", "tasks · request"),
            Map.entry("PATCH /api/integration/activepieces/mcp/{serverId}", "first-party · request"),
            Map.entry("PATCH /api/oauth/clients/{id}", "first-party · path oauth-client"),
            Map.entry("POST /api/auth/login", "public"),
            Map.entry("POST /api/auth/logout", "first-party · none"),
            Map.entry("POST /api/auth/refresh-token", "public"),
            Map.entry("POST /api/auth/register", "public"),
            Map.entry("POST /api/employee", "employees · request"),
            Map.entry("POST /api/integration/activepieces/connection", "first-party · request"),
            Map.entry(
                    "POST /api/integration/activepieces/integration-tenant/{integrationId}/disable",
                    "first-party · path installation"),
            Map.entry(
                    "POST /api/integration/activepieces/integration-tenant/{integrationId}/enable",
                    "first-party · path installation"),
            Map.entry("POST /api/integration/activepieces/mcp/{serverId}/rotate", "first-party · request"),
            Map.entry(
                    "POST /api/integration/activepieces/projects/{integrationId}/bind",
                    "first-party · path installation"),
            Map.entry("POST /api/integration/activepieces/setup", "first-party · request"),
            Map.entry("POST /api/integration/activepieces/webhooks", "webhooks · request"),
            Map.entry(
                    "POST /api/integration/activepieces/webhooks/{id}/deliveries/{deliveryId}/replay",
                    "webhooks · path subscription"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/consent", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/login", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/logout", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/introspect", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/revoke", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/token", "public"),
            Map.entry("POST /api/oauth/clients", "first-party · none"),
            Map.entry("POST /api/oauth/clients/{id}/rotate-secret", "first-party · path oauth-client"),
            Map.entry("POST /api/organization", "first-party · none"),
            Map.entry("POST /api/organization-project", "tasks · request"),
            Map.entry("POST /api/organization-team", "tasks · request"),
            Map.entry("POST /api/role-permissions", "first-party · none"),
            Map.entry("POST /api/tasks", "tasks · request"),
            Map.entry("POST /api/tenant", "first-party · none"),
            Map.entry("POST /api/timesheet/timer/start", "timesheet · request"),
            Map.entry("POST /api/timesheet/timer/stop", "timesheet · request"),
            Map.entry("POST /api/user", "first-party · none"),
            Map.entry("POST /api/user-organization", "first-party · request"),
            Map.entry("POST /api/{kind:task-status|task-priority|task-size}", "tasks · request"),
            Map.entry("PUT /api/employee/{id}", "employees · path employee"),
            Map.entry("PUT /api/integration/activepieces/webhooks/{id}", "webhooks · path subscription"),
            Map.entry("PUT /api/organization-project/{id}", "tasks · path project"),
            Map.entry("PUT /api/organization-team/{id}", "tasks · path team"),
            Map.entry("PUT /api/role-permissions/{id}", "first-party · path role-permission"),
            Map.entry("PUT /api/tasks/{id}", "tasks · path task"),
            Map.entry("PUT /api/{kind:task-status|task-priority|task-size}/{id}", "tasks · path task-option"));

    @Autowired
    java.util.List<PathRecord> records;

    /** Every route, page or API, that acts on the record its path names says which, and the path has its id. */
    @Test
    void everyPathDeclarationNamesAKnownRecordThatItsPathHolds() {
        var kinds = new java.util.HashMap<String, PathRecord>();
        records.forEach(r -> assertThat(kinds.put(r.kind(), r))
                .as("one bean per kind: " + r.kind())
                .isNull());
        var wrong = new ArrayList<String>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var declared = declaration(entry.getValue());
            if (declared == null || declared.organization() != OrganizationFrom.PATH) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                checked++;
                PathRecord record = kinds.get(declared.record());
                if (record == null) {
                    wrong.add(pattern + " names record '" + declared.record() + "', which no PathRecord bean provides");
                } else if (!pattern.contains("{" + record.variable() + "}")
                        && !pattern.contains("{" + record.variable() + ":")) {
                    wrong.add(pattern + " has no {" + record.variable() + "} for its " + record.kind());
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    /** A route's organization declaration and record, from whichever annotation declares it. */
    record Declared(OrganizationFrom organization, String record) {}

    static @org.jspecify.annotations.Nullable Declared declaration(HandlerMethod handler) {
        RequiresPermission permission =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
        RequiresLogin login = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresLogin.class);
        if (permission == null && login == null) {
            permission = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
            login = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresLogin.class);
        }
        return permission != null
                ? new Declared(permission.organization(), permission.record())
                : login != null ? new Declared(login.organization(), login.record()) : null;
    }

    static String organization(HandlerMethod handler) {
        Declared declared = declaration(handler);
        if (declared == null) {
            return "";
        }
        return switch (declared.organization()) {
            case REQUEST -> " · request";
            case PATH -> " · path " + declared.record();
            case NONE -> " · none";
        };
    }

    /** What an app token may do on a route ({@code "METHOD /pattern"}), from the table above. */
    static String access(String route) {
        return APP_ACCESS.get(route).split(" · ")[0];
    }

    /** How a route finds its organization, from the table above: {@code request}, {@code path <record>}, {@code none}. */
    static String organizationOf(String route) {
        String[] parts = APP_ACCESS.get(route).split(" · ");
        return parts.length > 1 ? parts[1] : "none";
    }

    static String appAccess(HandlerMethod handler, String pattern) {
        var matcher = new AntPathMatcher();
        if (Arrays.stream(SecurityConfiguration.PUBLIC_API).anyMatch(p -> matcher.match(p, pattern))
                && !declares(handler)) {
            return "public";
        }
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), FirstPartyOnly.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), FirstPartyOnly.class)) {
            return "first-party";
        }
        RequiresPermission permission =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
        if (permission == null) {
            permission = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
        }
        if (permission == null) {
            RequiresLogin login = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresLogin.class);
            return login != null && login.everyApp() ? "any app" : RequestContext.ALL_SCOPE;
        }
        if (!permission.scope().isEmpty()) {
            return permission.scope();
        }
        var families = new java.util.TreeSet<String>();
        for (Permission p : permission.value()) {
            families.add(p.scopeFamily() == null ? RequestContext.ALL_SCOPE : p.scopeFamily());
        }
        return String.join(" or ", families);
    }

    private static boolean declares(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), RequiresPermission.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), RequiresLogin.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RequiresPermission.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RequiresLogin.class);
    }
}
