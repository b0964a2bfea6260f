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
                boolean isPublic = Arrays.stream(SecurityConfiguration.PUBLIC_API)
                        .anyMatch(p -> matcher.match(p, pattern));
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
        assertThat(SecurityConfiguration.PUBLIC_API).containsExactlyInAnyOrder("/api/auth/login",
                "/api/auth/register", "/api/auth/refresh-token", "/api/docs", "/api/docs.yaml", "/api/docs/**",
                "/api/integration/ever-gauzy/oauth/**");
    }

    /**
     * What an app's OAuth token may do on each route, pinned here: a route that starts to take app tokens, or
     * stops, or a new route, fails this test until its line below says so. {@code first-party}: no app token;
     * a scope family ({@code tasks}): its {@code :read} for GET, {@code :write} otherwise, or {@code gauzy:all};
     * {@code gauzy:all}: only that scope; {@code any app}: any app the user authorized; {@code public}: no sign-in.
     */
    @Test
    void everyApiEndpointSaysWhatAnAppTokenMayDo() {
        var actual = new java.util.TreeMap<String, String>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    actual.put(method + " " + pattern, appAccess(entry.getValue(), pattern));
                }
            }
        }
        assertThat(actual).isEqualTo(new java.util.TreeMap<>(APP_ACCESS));
    }

    static final Map<String, String> APP_ACCESS = Map.ofEntries(
            Map.entry("DELETE /api/employee/{id}", "employees"),
            Map.entry("DELETE /api/employees/{id}", "employees"),
            Map.entry("DELETE /api/integration/activepieces/connection/{integrationId}", "first-party"),
            Map.entry("DELETE /api/integration/activepieces/integration-tenant/{integrationId}", "first-party"),
            Map.entry("DELETE /api/integration/activepieces/webhooks/{id}", "webhooks"),
            Map.entry("DELETE /api/oauth/clients/{id}", "first-party"),
            Map.entry("DELETE /api/oauth/consents/{id}", "first-party"),
            Map.entry("DELETE /api/organization-project/{id}", "tasks"),
            Map.entry("DELETE /api/organization-team/{id}", "tasks"),
            Map.entry("DELETE /api/tasks/{id}", "tasks"),
            Map.entry("DELETE /api/user-organization/{id}", "first-party"),
            Map.entry("DELETE /api/{kind:task-status|task-priority|task-size}/{id}", "tasks"),
            Map.entry("GET /api/docs", "public"),
            Map.entry("GET /api/docs.yaml", "public"),
            Map.entry("GET /api/docs/swagger-config", "public"),
            Map.entry("GET /api/docs/ui", "public"),
            Map.entry("GET /api/employee", "employees"),
            Map.entry("GET /api/employee/{id}", "employees"),
            Map.entry("GET /api/integration/activepieces/connection/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/connections/tenant/{integrationId}/{projectId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/connections/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/flows/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/flows/{integrationId}/{flowId}/runs", "first-party"),
            Map.entry("GET /api/integration/activepieces/integration-tenant/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/mcp", "first-party"),
            Map.entry("GET /api/integration/activepieces/mcp/{serverId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/projects/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/status/{integrationId}", "first-party"),
            Map.entry("GET /api/integration/activepieces/webhooks", "webhooks"),
            Map.entry("GET /api/integration/activepieces/webhooks/{id}", "webhooks"),
            Map.entry("GET /api/integration/activepieces/webhooks/{id}/deliveries", "webhooks"),
            Map.entry("GET /api/integration/ever-gauzy/oauth/authorize", "public"),
            Map.entry("GET /api/oauth/clients", "first-party"),
            Map.entry("GET /api/oauth/clients/{id}", "first-party"),
            Map.entry("GET /api/oauth/consents", "first-party"),
            Map.entry("GET /api/organization", "gauzy:all"),
            Map.entry("GET /api/organization-project", "tasks"),
            Map.entry("GET /api/organization-team", "tasks"),
            Map.entry("GET /api/organization/{id}", "gauzy:all"),
            Map.entry("GET /api/role", "gauzy:all"),
            Map.entry("GET /api/role-permissions", "first-party"),
            Map.entry("GET /api/tasks", "tasks"),
            Map.entry("GET /api/tasks/{id}", "tasks"),
            Map.entry("GET /api/tenant", "first-party"),
            Map.entry("GET /api/timesheet/time-log", "timesheet"),
            Map.entry("GET /api/timesheet/timer/status", "timesheet"),
            Map.entry("GET /api/user", "first-party"),
            Map.entry("GET /api/user-organization", "first-party"),
            Map.entry("GET /api/user/me", "any app"),
            Map.entry("GET /api/{kind:task-status|task-priority|task-size}", "tasks"),
            Map.entry("PATCH /api/integration/activepieces/mcp/{serverId}", "first-party"),
            Map.entry("PATCH /api/oauth/clients/{id}", "first-party"),
            Map.entry("POST /api/auth/login", "public"),
            Map.entry("POST /api/auth/logout", "first-party"),
            Map.entry("POST /api/auth/refresh-token", "public"),
            Map.entry("POST /api/auth/register", "public"),
            Map.entry("POST /api/employee", "employees"),
            Map.entry("POST /api/integration/activepieces/connection", "first-party"),
            Map.entry("POST /api/integration/activepieces/integration-tenant/{integrationId}/disable", "first-party"),
            Map.entry("POST /api/integration/activepieces/integration-tenant/{integrationId}/enable", "first-party"),
            Map.entry("POST /api/integration/activepieces/mcp/{serverId}/rotate", "first-party"),
            Map.entry("POST /api/integration/activepieces/projects/{integrationId}/bind", "first-party"),
            Map.entry("POST /api/integration/activepieces/setup", "first-party"),
            Map.entry("POST /api/integration/activepieces/webhooks", "webhooks"),
            Map.entry("POST /api/integration/activepieces/webhooks/{id}/deliveries/{deliveryId}/replay", "webhooks"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/consent", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/login", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/authorize/logout", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/introspect", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/revoke", "public"),
            Map.entry("POST /api/integration/ever-gauzy/oauth/token", "public"),
            Map.entry("POST /api/oauth/clients", "first-party"),
            Map.entry("POST /api/oauth/clients/{id}/rotate-secret", "first-party"),
            Map.entry("POST /api/organization", "first-party"),
            Map.entry("POST /api/organization-project", "tasks"),
            Map.entry("POST /api/organization-team", "tasks"),
            Map.entry("POST /api/role-permissions", "first-party"),
            Map.entry("POST /api/tasks", "tasks"),
            Map.entry("POST /api/tenant", "first-party"),
            Map.entry("POST /api/timesheet/timer/start", "timesheet"),
            Map.entry("POST /api/timesheet/timer/stop", "timesheet"),
            Map.entry("POST /api/user", "first-party"),
            Map.entry("POST /api/user-organization", "first-party"),
            Map.entry("POST /api/{kind:task-status|task-priority|task-size}", "tasks"),
            Map.entry("PUT /api/employee/{id}", "employees"),
            Map.entry("PUT /api/integration/activepieces/webhooks/{id}", "webhooks"),
            Map.entry("PUT /api/organization-project/{id}", "tasks"),
            Map.entry("PUT /api/organization-team/{id}", "tasks"),
            Map.entry("PUT /api/role-permissions/{id}", "first-party"),
            Map.entry("PUT /api/tasks/{id}", "tasks"),
            Map.entry("PUT /api/{kind:task-status|task-priority|task-size}/{id}", "tasks"));

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
        RequiresPermission permission = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequiresPermission.class);
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
