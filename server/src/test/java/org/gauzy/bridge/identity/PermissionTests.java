package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Permissions are checked against the caller's own role, never "any role of the tenant" (Gauzy's
 * bug), and a change an admin makes counts on the very next request.
 */
abstract class PermissionTests extends ApiTest {

    Account owner;

    @BeforeEach
    void tenant() {
        owner = accounts.onboard("perm");
    }

    @Test
    void employeeIsRefusedWhatOnlyAdminsHoldEvenThoughAnotherRoleHasIt() {
        Account employee = accounts.addUser(owner, "EMPLOYEE");
        Account admin = accounts.addUser(owner, "ADMIN");
        assertThat(api.get("/api/user").token(admin.token()).send().status()).isEqualTo(200);

        var refused = api.get("/api/user").token(employee.token()).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("ORG_USERS_VIEW").contains("EMPLOYEE");
        assertThat(api.post("/api/user")
                        .token(employee.token())
                        .json(Map.of("user", Map.of("email", Accounts.uniqueEmail("e")), "password", Accounts.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/organization")
                        .token(employee.token())
                        .json(Map.of("name", "Mine"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/user-organization")
                        .token(employee.token())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/role-permissions?roleId=" + roleId("EMPLOYEE"))
                        .token(employee.token())
                        .send()
                        .status())
                .isEqualTo(403);
        // What every signed-in user may call still works.
        assertThat(api.get("/api/user/me").token(employee.token()).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/role").token(employee.token()).send().status()).isEqualTo(200);
    }

    @Test
    void grantingAndRevokingAPermissionCountsOnTheNextRequest() {
        Account employee = accounts.addUser(owner, "EMPLOYEE");
        assertThat(api.get("/api/user").token(employee.token()).send().status()).isEqualTo(403);

        var granted = api.post("/api/role-permissions")
                .token(owner.token())
                .json(Map.of("roleId", roleId("EMPLOYEE").toString(), "permission", "ORG_USERS_VIEW", "enabled", true))
                .send();
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/user").token(employee.token()).send().status()).isEqualTo(200);

        var revoked = api.put(
                        "/api/role-permissions/" + granted.body().path("id").asString())
                .token(owner.token())
                .json(Map.of("enabled", false))
                .send();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(api.get("/api/user").token(employee.token()).send().status()).isEqualTo(403);
    }

    @Test
    void adminCannotChangeRolesOrMakeSuperAdmins() {
        Account admin = accounts.addUser(owner, "ADMIN");
        assertThat(api.post("/api/role-permissions")
                        .token(admin.token())
                        .json(Map.of(
                                "roleId",
                                roleId("ADMIN").toString(),
                                "permission",
                                "CHANGE_ROLES_PERMISSIONS",
                                "enabled",
                                true))
                        .send()
                        .status())
                .isEqualTo(403);
        var superAdmin = api.post("/api/user")
                .token(admin.token())
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("boss")),
                        "password",
                        Accounts.PASSWORD,
                        "role",
                        "SUPER_ADMIN"))
                .send();
        assertThat(superAdmin.status()).isEqualTo(403);
        assertThat(superAdmin.message()).contains("SUPER_ADMIN");
    }

    @Test
    void superAdminRoleCannotLoseAPermission() {
        var response = api.post("/api/role-permissions")
                .token(owner.token())
                .json(Map.of(
                        "roleId",
                        roleId("SUPER_ADMIN").toString(),
                        "permission",
                        "CHANGE_ROLES_PERMISSIONS",
                        "enabled",
                        false))
                .send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(api.get("/api/role-permissions?roleId=" + roleId("ADMIN"))
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownPermissionNameIsABadRequestListingTheValidOnes() {
        var response = api.post("/api/role-permissions")
                .token(owner.token())
                .json(Map.of("roleId", roleId("EMPLOYEE").toString(), "permission", "EVERYTHING", "enabled", true))
                .send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("EVERYTHING").contains("INTEGRATION_ADD");
    }

    @Test
    void newTenantsGetGauzyDefaultGrants() {
        var employee = api.get("/api/role-permissions?roleId=" + roleId("EMPLOYEE"))
                .token(owner.token())
                .send();
        var admin = api.get("/api/role-permissions?roleId=" + roleId("ADMIN"))
                .token(owner.token())
                .send();
        assertThat(enabled(employee.body(), "INTEGRATION_ADD")).isFalse();
        assertThat(enabled(employee.body(), "TIME_TRACKER")).isTrue();
        assertThat(enabled(admin.body(), "INTEGRATION_ADD")).isTrue();
        assertThat(enabled(admin.body(), "OAUTH_CLIENT_EDIT")).isTrue();
        for (String role : new String[] {"DATA_ENTRY", "CANDIDATE", "MANAGER", "VIEWER"}) {
            var rows = api.get("/api/role-permissions?roleId=" + roleId(role))
                    .token(owner.token())
                    .send();
            for (String integration : new String[] {
                "INTEGRATION_ADD",
                "INTEGRATION_VIEW",
                "INTEGRATION_EDIT",
                "INTEGRATION_DELETE",
                "OAUTH_CLIENT_VIEW",
                "OAUTH_CLIENT_EDIT"
            }) {
                assertThat(enabled(rows.body(), integration))
                        .as(role + " " + integration)
                        .isFalse();
            }
        }
    }

    private static boolean enabled(JsonNode page, String permission) {
        for (JsonNode row : page.path("items")) {
            if (row.path("permission").asString().equals(permission)) {
                return row.path("enabled").asBoolean();
            }
        }
        throw new AssertionError("no row for " + permission);
    }

    private UUID roleId(String name) {
        return accounts.roleId(owner, name);
    }
}
