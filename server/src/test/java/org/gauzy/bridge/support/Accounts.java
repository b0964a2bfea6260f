package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates tenants and users through the public API, the way a newcomer would: register, sign in,
 * create a tenant; an admin then adds users with a role. Every email is unique, so tests sharing a
 * database never meet.
 */
public final class Accounts {

    public static final String PASSWORD = "Correct-Horse-9";

    /** A signed-in user. */
    public record Account(
            String email,
            String password,
            String token,
            String refreshToken,
            UUID userId,
            UUID tenantId,
            UUID organizationId) {}

    private final Api api;

    public Accounts(Api api) {
        this.api = api;
    }

    /** Registers a user who creates a new tenant (and its first organization) and is its SUPER_ADMIN. */
    public Account onboard(String label) {
        return onboard(label, uniqueEmail(label));
    }

    /** {@link #onboard(String)} with a chosen email (which must not be taken yet). */
    public Account onboard(String label, String email) {
        var registered = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", label, "lastName", "Owner"),
                        "password",
                        PASSWORD,
                        "confirmPassword",
                        PASSWORD))
                .send();
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        var first = login(email, PASSWORD);
        var tenant = api.post("/api/tenant")
                .token(first.token())
                .json(Map.of("name", label + " tenant"))
                .send();
        assertThat(tenant.status()).as(tenant.text()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    /** An admin adds a user with the given role to the given organizations of their tenant. */
    public Account addUser(Account admin, String role, UUID... organizations) {
        String email = uniqueEmail(role.toLowerCase());
        var created = api.post("/api/user")
                .token(admin.token())
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", role, "lastName", "User"),
                        "password",
                        PASSWORD,
                        "role",
                        role,
                        "organizationIds",
                        organizations.length == 0 ? List.of(admin.organizationId()) : List.of(organizations)))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    public UUID addOrganization(Account admin, String name) {
        var created = api.post("/api/organization")
                .token(admin.token())
                .json(Map.of("name", name))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.body().path("id").asString());
    }

    /** The id of one of the account's tenant roles, by name. */
    public UUID roleId(Account account, String name) {
        for (var role :
                api.get("/api/role").token(account.token()).send().body().path("items")) {
            if (role.path("name").asString().equals(name)) {
                return UUID.fromString(role.path("id").asString());
            }
        }
        throw new AssertionError("no role " + name + " in tenant " + account.tenantId());
    }

    public Account login(String email, String password) {
        var response = api.post("/api/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var user = response.body().path("user");
        return new Account(
                email,
                password,
                response.body().path("token").asString(),
                response.body().path("refresh_token").asString(),
                UUID.fromString(user.path("id").asString()),
                uuidOrNull(user.path("tenantId").asString(null)),
                uuidOrNull(user.path("lastOrganizationId").asString(null)));
    }

    public static String uniqueEmail(String label) {
        return label.replaceAll("[^a-z0-9]", "") + "-"
                + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    private static UUID uuidOrNull(String value) {
        return value == null || value.isEmpty() ? null : UUID.fromString(value);
    }
}
