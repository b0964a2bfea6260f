package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.RecordedRequest;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Setting up Activepieces for an organization, and which key each operation then uses: the
 * organization's, else the tenant-wide one, else the global one; a foreign id is a 404.
 */
abstract class ActivepiecesSetupTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IntegrationTenants integrations;

    ActivepiecesSandbox ap = TestSandbox.shared();
    Account owner;

    @BeforeEach
    void tenant() {
        owner = accounts.onboard("ap-setup");
    }

    /** A valid key of a platform of its own, so the test can tell which key a call used. */
    String newPlatformKey() {
        return ap.addPlatform(null, null).apiKey();
    }

    UUID setup(Account account, String key, UUID organization) {
        var body = new HashMap<String, Object>();
        body.put("apiKey", key);
        if (organization != null) {
            body.put("organizationId", organization.toString());
        }
        var response = api.post("/api/integration/activepieces/setup")
                .token(account.token())
                .json(body)
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return UUID.fromString(response.body().path("integrationTenantId").asString());
    }

    /** The last 4 characters of the key Activepieces saw on the newest call to a path. */
    String lastKeyUsedOn(String path) {
        List<RecordedRequest> calls =
                ap.requests().stream().filter(r -> r.path().startsWith(path)).toList();
        String authorization = calls.get(calls.size() - 1).header("authorization");
        return authorization.substring(authorization.length() - 4);
    }

    static String last4(String key) {
        return key.substring(key.length() - 4);
    }

    /**
     * The community edition has no API keys: an installation that holds only a user signs in for every
     * task, keeps the password encrypted and never shows it, and says what is wrong with bad input.
     */
    @Test
    void aUserAloneIsEnoughForConnectionsAndProjectsAndItsPasswordIsNeverShown() {
        Seed platform = ap.addPlatform("setup-" + UUID.randomUUID() + "@ap.test", McpTests.PASSWORD);
        String setup = "/api/integration/activepieces/setup";
        var wrongPassword = api.post(setup)
                .token(owner.token())
                .json(Map.of("userEmail", platform.userEmail(), "userPassword", "not-the-password"))
                .send();
        assertThat(wrongPassword.status()).as(wrongPassword.text()).isEqualTo(400);
        assertThat(wrongPassword.message()).contains("refused to sign in").contains("INVALID_CREDENTIALS");
        assertThat(api.post(setup)
                        .token(owner.token())
                        .json(Map.of("userEmail", platform.userEmail()))
                        .send()
                        .message())
                .contains("userPassword is required");
        assertThat(api.post(setup).token(owner.token()).json(Map.of()).send().message())
                .contains("apiKey")
                .contains("userEmail");
        assertThat(api.post(setup)
                        .token(owner.token())
                        .json(Map.of("apiKey", ap.userToken(platform.userEmail(), java.time.Duration.ofHours(1))))
                        .send()
                        .message())
                .contains("starts with sk-");

        ap.clearRequests();
        var body = new HashMap<String, Object>(Map.of(
                "userEmail",
                " " + platform.userEmail() + " ",
                "userPassword",
                McpTests.PASSWORD,
                "organizationId",
                owner.organizationId().toString()));
        var created = api.post(setup).token(owner.token()).json(body).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID id = UUID.fromString(created.body().path("integrationTenantId").asString());

        var projects = api.get("/api/integration/activepieces/projects/" + id)
                .token(owner.token())
                .send();
        assertThat(projects.status()).as(projects.text()).isEqualTo(200);
        assertThat(projects.body().path("data").get(0).path("id").asString()).isEqualTo(platform.projectId());
        var connection = api.post("/api/integration/activepieces/connection")
                .token(owner.token())
                .json(Map.of(
                        "accessToken",
                        "gauzy-token-for-ce",
                        "projectId",
                        platform.projectId(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(connection.status()).as(connection.text()).isEqualTo(201);
        assertThat(ap.requests())
                .filteredOn(r -> r.path().startsWith("/api/v1/") && !r.path().contains("sign-in"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("authorization")).doesNotContain("sk-"));

        var view = api.get("/api/integration/activepieces/integration-tenant/" + id)
                .token(owner.token())
                .send();
        assertThat(view.text()).contains(platform.userEmail()).doesNotContain(McpTests.PASSWORD);
        assertThat(view.body().path("settings"))
                .filteredOn(s -> s.path("settingsName").asString().equals("user_password"))
                .singleElement()
                .satisfies(s -> assertThat(s.path("settingsValue").asString()).isEqualTo("••••"));
        String stored = jdbc.sql("select setting_value from integration_setting where integration_tenant_id = :id "
                        + "and setting_name = 'user_password'")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(McpTests.PASSWORD);
    }

    /**
     * A self-hosted Activepieces on http:// closes a request that offers an HTTP/2 upgrade (the sandbox
     * does the same): setup works only because no call of ours carries an {@code Upgrade} header.
     */
    @Test
    void callsToActivepiecesNeverOfferAnUpgrade() {
        ap.clearRequests();
        setup(owner, newPlatformKey(), owner.organizationId());
        List<RecordedRequest> calls = ap.requests().stream()
                .filter(r -> r.path().startsWith("/api/v1/"))
                .toList();
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.header("upgrade")).as(call.path()).isNull();
            assertThat(call.header("http2-settings")).as(call.path()).isNull();
        });
    }

    @Test
    void setupChecksTheKeyThenStoresItEncryptedAndShowsOnlyItsLastFour() {
        String key = newPlatformKey();
        UUID id = setup(owner, "  " + key + "  ", owner.organizationId());
        assertThat(lastKeyUsedOn("/api/v1/projects")).isEqualTo(last4(key));

        var view = api.get("/api/integration/activepieces/integration-tenant/" + id)
                .token(owner.token())
                .send();
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.text()).doesNotContain(key).doesNotContain(key.substring(3, 20));
        JsonNode setting = view.body().path("settings").get(0);
        assertThat(setting.path("settingsName").asString()).isEqualTo("api_key");
        assertThat(setting.path("settingsValue").asString()).isEqualTo("••••" + last4(key));
        assertThat(view.body().path("organizationId").asString())
                .isEqualTo(owner.organizationId().toString());
        assertThat(api.get("/api/integration/activepieces/status/" + id)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isTrue();

        String stored = jdbc.sql("select setting_value from integration_setting where integration_tenant_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(key).doesNotContain(last4(key) + "\"");
    }

    @Test
    void aKeyActivepiecesRefusesIsA400AndNothingIsStored() {
        var response = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of(
                        "apiKey",
                        "sk-" + "n".repeat(61),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).isEqualTo("The Activepieces API key was rejected");
        assertThat(installations(owner)).isZero();
    }

    @Test
    void settingUpAgainReplacesTheKeyOfTheOneInstallation() {
        String first = newPlatformKey();
        String second = newPlatformKey();
        UUID id = setup(owner, first, owner.organizationId());
        assertThat(setup(owner, second, owner.organizationId())).isEqualTo(id);
        assertThat(installations(owner)).isEqualTo(1);
        assertThat(api.get("/api/integration/activepieces/integration-tenant/" + id)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("settings")
                        .get(0)
                        .path("settingsValue")
                        .asString())
                .endsWith(last4(second));
    }

    @Test
    void theOrganizationsKeyWinsThenTheTenantsThenTheGlobalOne() {
        String organizationKey = newPlatformKey();
        String tenantKey = newPlatformKey();
        UUID organizationInstall = setup(owner, organizationKey, owner.organizationId());
        UUID tenantInstall = setup(owner, tenantKey, null);
        assertThat(tenantInstall).isNotEqualTo(organizationInstall);

        listProjects(organizationInstall);
        assertThat(lastKeyUsedOn("/api/v1/projects")).isEqualTo(last4(organizationKey));
        listProjects(tenantInstall);
        assertThat(lastKeyUsedOn("/api/v1/projects")).isEqualTo(last4(tenantKey));

        UUID second = accounts.addOrganization(owner, "Second office");
        UUID keyless = integrations.install(owner.tenantId(), second, IntegrationTenants.ACTIVEPIECES, List.of());
        listProjects(keyless);
        assertThat(lastKeyUsedOn("/api/v1/projects"))
                .as("no key of its own: the tenant's")
                .isEqualTo(last4(tenantKey));

        api.delete("/api/integration/activepieces/integration-tenant/" + tenantInstall)
                .token(owner.token())
                .send();
        listProjects(keyless);
        assertThat(lastKeyUsedOn("/api/v1/projects"))
                .as("nor a tenant key: the global one")
                .isEqualTo(last4(TestSandbox.GLOBAL_KEY));
    }

    @Test
    void withTheGlobalKeyATenantSeesOnlyItsOwnProjects() {
        Account other = accounts.onboard("ap-other");
        UUID mine = integrations.install(
                owner.tenantId(), owner.organizationId(), IntegrationTenants.ACTIVEPIECES, List.of());
        UUID theirs = integrations.install(
                other.tenantId(), other.organizationId(), IntegrationTenants.ACTIVEPIECES, List.of());

        JsonNode myProjects = listProjects(mine).path("data");
        JsonNode theirProjects = listProjects(other, theirs).path("data");
        assertThat(myProjects).hasSize(1);
        assertThat(myProjects.get(0).path("externalId").asString()).isEqualTo("gauzy-tenant-" + owner.tenantId());
        assertThat(theirProjects).hasSize(1);
        assertThat(theirProjects.get(0).path("externalId").asString()).isEqualTo("gauzy-tenant-" + other.tenantId());
        assertThat(listProjects(mine).path("data")).as("created once").hasSize(1);

        String free = ap.addProject(ap.seed().platformId(), "Shared team", null);
        assertThat(bind(owner, mine, free).status()).isEqualTo(201);
        assertThat(listProjects(mine).path("data")).hasSize(2);
        var taken = bind(other, theirs, free);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(bind(owner, mine, theirProjects.get(0).path("id").asString()).status())
                .isEqualTo(409);
        assertThat(bind(owner, mine, "../../api-keys").status()).isEqualTo(400);
        assertThat(listProjects(other, theirs).path("data")).hasSize(1);
    }

    @Test
    void disablingStopsOperationsAndRemovingDeletesTheSettings() {
        UUID id = setup(owner, newPlatformKey(), owner.organizationId());
        var disabled = api.post("/api/integration/activepieces/integration-tenant/" + id + "/disable")
                .token(owner.token())
                .send();
        assertThat(disabled.body().path("isEnabled").asBoolean()).isFalse();
        assertThat(api.get("/api/integration/activepieces/status/" + id)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        var refused = api.get("/api/integration/activepieces/projects/" + id)
                .token(owner.token())
                .send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("disabled");

        api.post("/api/integration/activepieces/integration-tenant/" + id + "/enable")
                .token(owner.token())
                .send();
        assertThat(listProjects(id).path("data").isArray()).isTrue();

        assertThat(api.delete("/api/integration/activepieces/integration-tenant/" + id)
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/integration/activepieces/status/" + id)
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from integration_setting where integration_tenant_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    JsonNode listProjects(UUID installation) {
        return listProjects(owner, installation);
    }

    JsonNode listProjects(Account account, UUID installation) {
        var response = api.get("/api/integration/activepieces/projects/" + installation)
                .token(account.token())
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private Api.Response bind(Account account, UUID installation, String project) {
        return api.post("/api/integration/activepieces/projects/" + installation + "/bind")
                .token(account.token())
                .json(Map.of("projectId", project))
                .send();
    }

    private long installations(Account account) {
        return jdbc.sql("select count(*) from integration_tenant where tenant_id = :t")
                .param("t", account.tenantId())
                .query(Long.class)
                .single();
    }
}
