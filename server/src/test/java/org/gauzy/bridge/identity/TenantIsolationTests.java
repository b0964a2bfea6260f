package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants made through onboarding: no endpoint of the identity module lets one reach the
 * other, whether the other tenant is named in a header, a parameter or the body, or its records
 * are named by id; and within a tenant, a user of one organization cannot act on another.
 */
abstract class TenantIsolationTests extends ApiTest {

    Account alpha;
    Account beta;

    @BeforeEach
    void twoTenants() {
        alpha = accounts.onboard("alpha");
        beta = accounts.onboard("beta");
    }

    /** One authenticated endpoint of this module, with a harmless body where it takes one. */
    record Endpoint(String method, String path, Map<String, Object> body) {}

    private List<Endpoint> endpoints(Account caller) {
        UUID role = roleId(caller, "EMPLOYEE");
        UUID permission = firstPermissionId(caller, role);
        return List.of(
                new Endpoint("GET", "/api/user/me", Map.of()),
                new Endpoint("GET", "/api/user", Map.of()),
                new Endpoint(
                        "POST",
                        "/api/user",
                        Map.of(
                                "user",
                                Map.of("email", Accounts.uniqueEmail("x")),
                                "password",
                                Accounts.PASSWORD,
                                "role",
                                "EMPLOYEE")),
                new Endpoint("GET", "/api/tenant", Map.of()),
                new Endpoint("POST", "/api/tenant", Map.of("name", "Other")),
                new Endpoint("GET", "/api/organization", Map.of()),
                new Endpoint("GET", "/api/organization/" + caller.organizationId(), Map.of()),
                new Endpoint("POST", "/api/organization", Map.of("name", "Side project")),
                new Endpoint("GET", "/api/user-organization", Map.of()),
                new Endpoint(
                        "POST",
                        "/api/user-organization",
                        Map.of(
                                "userId",
                                caller.userId().toString(),
                                "organizationId",
                                caller.organizationId().toString())),
                new Endpoint("DELETE", "/api/user-organization/" + UUID.randomUUID(), Map.of()),
                new Endpoint("GET", "/api/role", Map.of()),
                new Endpoint("GET", "/api/role-permissions?roleId=" + role, Map.of()),
                new Endpoint(
                        "POST",
                        "/api/role-permissions",
                        Map.of("roleId", role.toString(), "permission", "ORG_USERS_VIEW", "enabled", false)),
                new Endpoint("PUT", "/api/role-permissions/" + permission, Map.of("enabled", false)),
                new Endpoint("POST", "/api/auth/logout", Map.of()));
    }

    @Test
    void everyEndpointRefusesAnotherTenantInTheHeader() {
        for (Endpoint endpoint : endpoints(alpha)) {
            var response = call(
                    endpoint,
                    alpha,
                    Function.identity(),
                    c -> c.header("Tenant-Id", beta.tenantId().toString()));
            assertThat(response.status()).as(endpoint + " " + response.text()).isEqualTo(403);
            assertThat(response.message()).contains("Tenant-Id");
        }
    }

    @Test
    void everyEndpointRefusesAnotherTenantAsAParameter() {
        for (Endpoint endpoint : endpoints(alpha)) {
            String separator = endpoint.path().contains("?") ? "&" : "?";
            var viaParam = call(
                    new Endpoint(
                            endpoint.method(),
                            endpoint.path() + separator + "tenantId=" + beta.tenantId(),
                            endpoint.body()),
                    alpha,
                    Function.identity(),
                    c -> c);
            assertThat(viaParam.status()).as(endpoint + " " + viaParam.text()).isEqualTo(403);
            var viaWhere = call(
                    new Endpoint(
                            endpoint.method(),
                            endpoint.path() + separator + "where%5BtenantId%5D=" + beta.tenantId(),
                            endpoint.body()),
                    alpha,
                    Function.identity(),
                    c -> c);
            assertThat(viaWhere.status()).as(endpoint + " " + viaWhere.text()).isEqualTo(403);
        }
    }

    @Test
    void everyEndpointWithABodyRefusesAnotherTenantInTheBody() {
        for (Endpoint endpoint : endpoints(alpha)) {
            if (endpoint.method().equals("GET")) {
                continue;
            }
            var flat = call(
                    endpoint,
                    alpha,
                    body -> with(body, "tenantId", beta.tenantId().toString()),
                    c -> c);
            assertThat(flat.status()).as(endpoint + " " + flat.text()).isEqualTo(403);
            var nested = call(
                    endpoint,
                    alpha,
                    body -> with(body, "tenant", Map.of("id", beta.tenantId().toString())),
                    c -> c);
            assertThat(nested.status()).as(endpoint + " " + nested.text()).isEqualTo(403);
        }
    }

    @Test
    void everyEndpointRefusesAnOrganizationOfAnotherTenant() {
        for (Endpoint endpoint : endpoints(alpha)) {
            var viaHeader = call(
                    endpoint,
                    alpha,
                    Function.identity(),
                    c -> c.header("Organization-Id", beta.organizationId().toString()));
            assertThat(viaHeader.status()).as(endpoint + " " + viaHeader.text()).isEqualTo(403);
            if (!endpoint.method().equals("GET")) {
                var viaBody = call(
                        endpoint,
                        alpha,
                        body -> with(
                                body, "organizationId", beta.organizationId().toString()),
                        c -> c);
                assertThat(viaBody.status()).as(endpoint + " " + viaBody.text()).isEqualTo(403);
            }
        }
    }

    @Test
    void ownTenantNamedExplicitlyIsAccepted() {
        var me = api.get("/api/user/me?tenantId=" + alpha.tenantId())
                .token(alpha.token())
                .header("Tenant-Id", alpha.tenantId().toString())
                .header("Organization-Id", alpha.organizationId().toString())
                .send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("organizationId").asString())
                .isEqualTo(alpha.organizationId().toString());
    }

    @Test
    void recordsOfAnotherTenantAreNotFoundByTheirIds() {
        UUID betaRole = roleId(beta, "EMPLOYEE");
        UUID betaPermission = firstPermissionId(beta, betaRole);
        UUID betaMembership = UUID.fromString(api.get("/api/user-organization")
                .token(beta.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString());

        assertThat(api.get("/api/organization/" + beta.organizationId())
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/role-permissions?roleId=" + betaRole)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.put("/api/role-permissions/" + betaPermission)
                        .token(alpha.token())
                        .json(Map.of("enabled", true))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/role-permissions")
                        .token(alpha.token())
                        .json(Map.of("roleId", betaRole.toString(), "permission", "ORG_USERS_VIEW", "enabled", true))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/user-organization/" + betaMembership)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/user-organization")
                        .token(alpha.token())
                        .json(Map.of(
                                "userId",
                                beta.userId().toString(),
                                "organizationId",
                                alpha.organizationId().toString()))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/user")
                        .token(alpha.token())
                        .json(Map.of(
                                "user",
                                Map.of("email", Accounts.uniqueEmail("cross")),
                                "password",
                                Accounts.PASSWORD,
                                "roleId",
                                betaRole.toString()))
                        .send()
                        .status())
                .isEqualTo(404);

        // Beta's permission row is untouched.
        var betaRows = api.get("/api/role-permissions?roleId=" + betaRole)
                .token(beta.token())
                .send();
        assertThat(betaRows.status()).isEqualTo(200);
    }

    @Test
    void listsShowOnlyTheCallersTenant() {
        String users = api.get("/api/user?take=100").token(alpha.token()).send().text();
        assertThat(users)
                .contains(alpha.email())
                .doesNotContain(beta.email())
                .doesNotContain(beta.tenantId().toString());
        assertThat(api.get("/api/organization").token(alpha.token()).send().text())
                .contains(alpha.organizationId().toString())
                .doesNotContain(beta.organizationId().toString());
        assertThat(api.get("/api/role").token(alpha.token()).send().text())
                .doesNotContain(beta.tenantId().toString());
        assertThat(api.get("/api/user-organization").token(alpha.token()).send().text())
                .doesNotContain(beta.userId().toString());
    }

    @Test
    void aUserOfOneOrganizationCannotActOnAnother() {
        UUID second = accounts.addOrganization(alpha, "Second office");
        Account manager = accounts.addUser(alpha, "MANAGER", alpha.organizationId());
        grant(alpha, "MANAGER", "ORG_USERS_EDIT");

        // An organization one may not see is as good as absent, like any record in it.
        assertThat(api.get("/api/organization/" + second)
                        .token(manager.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/user/me")
                        .token(manager.token())
                        .header("Organization-Id", second.toString())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/user-organization?organizationId=" + second)
                        .token(manager.token())
                        .send()
                        .status())
                .isEqualTo(403);
        var addToSecond = api.post("/api/user")
                .token(manager.token())
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("intruder")),
                        "password",
                        Accounts.PASSWORD,
                        "role",
                        "EMPLOYEE",
                        "organizationIds",
                        List.of(second.toString())))
                .send();
        assertThat(addToSecond.status()).isEqualTo(403);
        assertThat(api.post("/api/user-organization")
                        .token(manager.token())
                        .json(Map.of("userId", manager.userId().toString(), "organizationId", second.toString()))
                        .send()
                        .status())
                .as("cannot add oneself to another organization")
                .isEqualTo(403);
        assertThat(api.get("/api/organization").token(manager.token()).send().text())
                .doesNotContain(second.toString());

        // The owner, a member of both, may.
        assertThat(api.get("/api/organization/" + second)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void malformedOrganizationIdIsABadRequest() {
        var response = api.get("/api/user/me")
                .token(alpha.token())
                .header("Organization-Id", "not-a-uuid")
                .send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("Organization-Id");
    }

    private Api.Response call(
            Endpoint endpoint,
            Account caller,
            Function<Map<String, Object>, Map<String, Object>> body,
            Function<Api.Call, Api.Call> extra) {
        Api.Call call = switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.path());
            case "POST" -> api.post(endpoint.path());
            case "PUT" -> api.put(endpoint.path());
            case "DELETE" -> api.delete(endpoint.path());
            default -> throw new IllegalArgumentException(endpoint.method());
        };
        call.token(caller.token());
        if (!endpoint.method().equals("GET")) {
            call.json(body.apply(endpoint.body()));
        }
        return extra.apply(call).send();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        var copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private UUID roleId(Account account, String name) {
        return accounts.roleId(account, name);
    }

    private UUID firstPermissionId(Account account, UUID role) {
        return UUID.fromString(api.get("/api/role-permissions?roleId=" + role)
                .token(account.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString());
    }

    private void grant(Account admin, String role, String permission) {
        var response = api.post("/api/role-permissions")
                .token(admin.token())
                .json(Map.of("roleId", roleId(admin, role).toString(), "permission", permission, "enabled", true))
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
