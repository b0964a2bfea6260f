package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;

/**
 * The one place where an OAuth token's scopes limit it: a {@code tasks:read} token cannot write, and
 * no scope lends a permission the user's role lacks.
 */
class ScopeCheckTests {

    static class Endpoints {
        @RequiresPermission(value = Permission.ORG_TASK_ADD, organization = OrganizationFrom.REQUEST)
        void createTask() {}

        @RequiresPermission(value = Permission.ORG_TASK_VIEW, organization = OrganizationFrom.REQUEST)
        void listTasks() {}

        @RequiresPermission(value = Permission.INTEGRATION_ADD, organization = OrganizationFrom.REQUEST)
        void setup() {}
    }

    PermissionInterceptor interceptor = new PermissionInterceptor(java.util.List.of());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    boolean call(String method, String endpoint, Set<String> scopes, Set<Permission> permissions) throws Exception {
        var context = new RequestContext(
                UUID.randomUUID(),
                "a@b.test",
                UUID.randomUUID(),
                UUID.randomUUID(),
                RoleName.ADMIN,
                permissions,
                Set.of(),
                null,
                UUID.randomUUID(),
                scopes);
        SecurityContextHolder.getContext().setAuthentication(new ContextAuthentication(context));
        var handler = new HandlerMethod(new Endpoints(), Endpoints.class.getDeclaredMethod(endpoint));
        return interceptor.preHandle(
                new MockHttpServletRequest(method, "/api/x"), new MockHttpServletResponse(), handler);
    }

    static final Set<Permission> ALL = EnumSet.allOf(Permission.class);

    @Test
    void aReadScopeReadsButCannotWrite() throws Exception {
        assertThat(call("GET", "listTasks", Set.of("tasks:read"), ALL)).isTrue();
        assertThatThrownBy(() -> call("POST", "createTask", Set.of("tasks:read"), ALL))
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("tasks:write");
        assertThat(call("POST", "createTask", Set.of("tasks:write"), ALL)).isTrue();
        assertThatThrownBy(() -> call("GET", "listTasks", Set.of("employees:read"), ALL))
                .isInstanceOf(ApiException.Forbidden.class);
    }

    @Test
    void gauzyAllCoversEverythingTheUserMayDoAndNothingMore() throws Exception {
        assertThat(call("POST", "setup", Set.of("gauzy:all"), ALL)).isTrue();
        assertThatThrownBy(() -> call("POST", "setup", Set.of("tasks:write"), ALL))
                .hasMessageContaining("gauzy:all");
        assertThatThrownBy(() -> call("POST", "createTask", Set.of("gauzy:all"), EnumSet.of(Permission.ORG_TASK_VIEW)))
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("ORG_TASK_ADD");
    }

    @Test
    void aSignInSessionHasNoScopeLimit() throws Exception {
        assertThat(call("POST", "setup", null, ALL)).isTrue();
    }
}
