package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Roles have an order: an ADMIN cannot demote, re-email, remove or take the memberships of a SUPER_ADMIN, nor
 * make one; an equal may act on an equal; and a tenant keeps at least one active SUPER_ADMIN.
 */
abstract class RoleOrderTests extends ApiTest {

    @Autowired
    UserAccounts userAccounts;

    @Test
    void nobodyActsOnAUserWhoseRoleIsAboveTheirs() {
        Account owner = accounts.onboard("roles");
        String superEmail = Accounts.uniqueEmail("second-super");
        var superEmployee = api.post("/api/employee")
                .token(owner.token())
                .json(Map.of(
                        "user",
                        Map.of(
                                "email",
                                superEmail,
                                "firstName",
                                "Second",
                                "lastName",
                                "Super",
                                "roleId",
                                accounts.roleId(owner, "SUPER_ADMIN").toString()),
                        "password",
                        Accounts.PASSWORD))
                .send();
        assertThat(superEmployee.status()).as(superEmployee.text()).isEqualTo(201);
        String superUser = superEmployee.body().path("userId").asString();
        Account admin = accounts.addUser(owner, "ADMIN");

        var demoted = api.put("/api/employee/" + superUser)
                .token(admin.token())
                .json(Map.of("user", Map.of("role", "EMPLOYEE")))
                .send();
        assertThat(demoted.status()).as(demoted.text()).isEqualTo(403);
        assertThat(demoted.message()).contains("SUPER_ADMIN").contains("above yours");
        assertThat(api.put("/api/employee/" + superUser)
                        .token(admin.token())
                        .json(Map.of("user", Map.of("email", "taken-over@example.test")))
                        .send()
                        .status())
                .as("re-emailed")
                .isEqualTo(403);
        assertThat(api.delete("/api/employee/" + superUser)
                        .token(admin.token())
                        .send()
                        .status())
                .as("removed")
                .isEqualTo(403);
        String membership = null;
        for (var m : api.get("/api/user-organization")
                .token(owner.token())
                .send()
                .body()
                .path("items")) {
            if (m.path("userId").asString().equals(superUser)) {
                membership = m.path("id").asString();
            }
        }
        assertThat(membership).isNotNull();
        assertThat(api.delete("/api/user-organization/" + membership)
                        .token(admin.token())
                        .send()
                        .status())
                .as("membership taken")
                .isEqualTo(403);
        var made = api.post("/api/user")
                .token(admin.token())
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("would-be-super"), "firstName", "A", "lastName", "B"),
                        "password",
                        Accounts.PASSWORD,
                        "role",
                        "SUPER_ADMIN"))
                .send();
        assertThat(made.status()).as("a role above one's own is not given").isEqualTo(403);
        assertThat(accounts.login(superEmail, Accounts.PASSWORD).token())
                .as("the SUPER_ADMIN still signs in")
                .isNotBlank();
        assertThat(api.get("/api/user/me")
                        .token(accounts.login(superEmail, Accounts.PASSWORD).token())
                        .send()
                        .body()
                        .path("user")
                        .path("role")
                        .toString())
                .contains("SUPER_ADMIN");

        var equal = api.put("/api/employee/" + superUser)
                .token(owner.token())
                .json(Map.of("user", Map.of("firstName", "Still")))
                .send();
        assertThat(equal.status()).as("an equal may act on an equal").isEqualTo(200);
    }

    @Test
    void aTenantKeepsOneActiveSuperAdmin() {
        Account owner = accounts.onboard("last-super");
        String email = Accounts.uniqueEmail("only-super");
        var second = api.post("/api/employee")
                .token(owner.token())
                .json(Map.of(
                        "user",
                        Map.of(
                                "email",
                                email,
                                "firstName",
                                "Second",
                                "lastName",
                                "Super",
                                "roleId",
                                accounts.roleId(owner, "SUPER_ADMIN").toString()),
                        "password",
                        Accounts.PASSWORD))
                .send();
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        String secondUser = second.body().path("userId").asString();
        assertThat(api.put("/api/employee/" + secondUser)
                        .token(owner.token())
                        .json(Map.of("user", Map.of("role", "ADMIN")))
                        .send()
                        .status())
                .as("of two SUPER_ADMINs, one may step down")
                .isEqualTo(200);

        // The owner is now the only one; their account is not an employee, so the service is asked directly.
        var context = new RequestContext(
                owner.userId(),
                owner.email(),
                owner.tenantId(),
                accounts.roleId(owner, "SUPER_ADMIN"),
                RoleName.SUPER_ADMIN,
                Set.of(Permission.values()),
                Set.of(owner.organizationId()),
                owner.organizationId(),
                UUID.randomUUID(),
                null);
        assertThatThrownBy(() -> userAccounts.update(
                        context,
                        owner.userId(),
                        new UserChanges(owner.email(), null, null, null, null),
                        null,
                        RoleName.ADMIN))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("last active SUPER_ADMIN");
        assertThat(api.get("/api/user/me")
                        .token(owner.token())
                        .send()
                        .body()
                        .path("user")
                        .path("role")
                        .toString())
                .contains("SUPER_ADMIN");
    }
}
