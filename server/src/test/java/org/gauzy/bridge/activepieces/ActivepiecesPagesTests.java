package org.gauzy.bridge.activepieces;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Pattern;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.BrowserTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Integrations → Activepieces in a real browser, against an Activepieces 0.72 sandbox (named MCP
 * servers, which only its signed-in users manage), each test with an Activepieces platform of its own.
 */
abstract class ActivepiecesPagesTests extends BrowserTest {

    final ActivepiecesSandbox ap = TestSandbox.named("0.72");
    Seed platform;
    Account admin;
    Api activepieces;

    @BeforeEach
    void tenantAndPlatform() {
        platform = ap.addPlatform("pages-" + java.util.UUID.randomUUID() + "@ap.test", McpTests.PASSWORD);
        admin = accounts.onboard("pages");
        activepieces = new Api(ap.baseUrl());
        signIn(admin.email(), Accounts.PASSWORD);
    }

    void integrate() {
        page.navigate("/pages/integrations/activepieces");
        page.getByLabel("Activepieces API key").fill(platform.apiKey());
        page.getByLabel("Activepieces user's email").fill(platform.userEmail());
        page.getByLabel("Their password").fill(McpTests.PASSWORD);
        press("Integrate");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Activepieces is integrated");
        assertThat(page.locator("main")).containsText(platform.userEmail());
        assertThat(page.locator("main")).not().containsText(McpTests.PASSWORD);
    }

    @Test
    void setUpWithABadKeyThenAGoodOneAndComeBackToTheInstallation() {
        page.navigate("/pages/integrations/activepieces");
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Integrate Activepieces")))
                .isVisible();
        page.getByLabel("Activepieces API key").fill("sk-not-a-key-of-this-activepieces");
        press("Integrate");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The Activepieces API key was rejected");
        // What was typed stays, so a typo can be fixed.
        assertThat(page.getByLabel("Activepieces API key")).hasValue("sk-not-a-key-of-this-activepieces");
        assertEveryFieldIsLabelled();
        screenshot("activepieces-setup-refused");

        // While Activepieces is asked, the form says so and a second click sends nothing. A listener
        // after the page's own keeps the form from leaving, and notes whether the page blocked each submit.
        page.getByLabel("Activepieces API key").fill(platform.apiKey());
        page.evaluate("""
                () => { window.blocked = [];
                        window.addEventListener('submit', e => { window.blocked.push(e.defaultPrevented); e.preventDefault(); }); }""");
        press("Integrate");
        assertThat(page.locator("main form")).hasAttribute("aria-busy", "true");
        assertThat(page.locator("main form button[type=submit]")).hasText("Checking with Activepieces…");
        press("Checking with Activepieces…");
        assertThat(page.evaluate("() => window.blocked")).isEqualTo(java.util.List.of(false, true));
        page.navigate("/pages/integrations/activepieces");
        page.getByLabel("Activepieces API key").fill(platform.apiKey());
        press("Integrate");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Activepieces is integrated");
        assertThat(page.locator("main")).containsText("••••");
        assertThat(page.locator("main")).not().containsText(platform.apiKey());
        String installation = page.url().replaceAll(".*/activepieces/([0-9a-f-]{36}).*", "$1");
        screenshot("activepieces-overview");

        // With a key and no user, the MCP tab says what to add instead of failing.
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("MCP servers"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("only signed-in users manage MCP servers");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Overview → Re-integrate");

        // Remember state: the integration page goes straight to the installation.
        page.navigate("/pages/integrations/activepieces");
        assertThat(page).hasURL(Pattern.compile(".*/pages/integrations/activepieces/" + installation));

        press("Disable");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The integration is disabled");
        assertThat(confirmations).anyMatch(text -> text.startsWith("Disable the integration?"));
        press("Enable");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The integration is enabled");

        press("Remove");
        assertThat(confirmations).anyMatch(text -> text.startsWith("Remove the integration"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The integration was removed");
        assertThat(page.getByLabel("Activepieces API key")).isVisible();
    }

    @Test
    void createWithAMintedTokenPageThroughAndDeleteConnections() {
        integrate();
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Connections"))
                .click();
        assertThat(page.locator("main")).containsText("No connections of this tenant here yet.");
        assertEveryFieldIsLabelled();

        press("Mint a token for me");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("A token for you, valid for 90 days");
        String minted = page.getByLabel("Gauzy access token").inputValue();
        assertThat(minted).isNotBlank();
        page.getByLabel("Name", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true))
                .fill("Ever Gauzy for flows");
        press("Create the secret connection");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The connection was created in Activepieces");
        assertThat(page.locator("table")).containsText("Ever Gauzy for flows");
        assertThat(page.locator("table")).containsText("ACTIVE");

        // The minted token works on the API as the user, in this organization.
        var me = api.get("/api/user/me").token(minted).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("email").asString()).isEqualTo(admin.email());

        // Twelve more of this tenant's connections (as Gauzy makes them) and one of another tenant.
        for (int i = 1; i <= 11; i++) {
            addConnection(
                    "tenant-" + admin.tenantId() + "-" + i,
                    String.format("Extra %02d", i),
                    admin.tenantId().toString());
        }
        addConnection(
                "other-tenant", "Someone else's", java.util.UUID.randomUUID().toString());
        // A name is shown as text, never as markup.
        addConnection(
                "tenant-" + admin.tenantId() + "-markup",
                "<b>Bold</b> <img src=x>",
                admin.tenantId().toString());
        page.reload();
        page.getByLabel("Per page").selectOption("5");
        press("Filter");
        assertThat(page.locator("tbody tr")).hasCount(5);
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Next →"))
                .click();
        assertThat(page.locator("tbody tr")).hasCount(5);
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Next →"))
                .click();
        assertThat(page.locator("tbody tr")).hasCount(3);
        assertThat(page.locator("main")).containsText("<b>Bold</b> <img src=x>");
        assertThat(page.locator("main table b, main table img")).hasCount(0);
        assertThat(page.locator("main")).not().containsText("Someone else's");
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("← Previous"))
                .click();
        assertThat(page.locator("tbody tr")).hasCount(5);

        page.getByLabel("Name contains").fill("Extra 0");
        page.getByLabel("Per page").selectOption("25");
        press("Filter");
        assertThat(page.locator("tbody tr")).hasCount(9);
        screenshot("activepieces-connections");

        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Delete Extra 03"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The connection was deleted");
        assertThat(confirmations).anyMatch(text -> text.contains("Delete the connection Extra 03"));
        assertThat(page.locator("main")).not().containsText("Extra 03");
        assertThat(activepieces
                        .get("/api/v1/app-connections?projectId=" + platform.projectId() + "&limit=100")
                        .token(platform.apiKey())
                        .send()
                        .text())
                .doesNotContain("Extra 03")
                .contains("Extra 04");

        // Deleting the organization's own connection ends the token minted for it: nothing else holds it.
        page.getByLabel("Name contains").fill("");
        press("Filter");
        page.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Delete Ever Gauzy for flows"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The connection was deleted");
        assertThat(api.get("/api/user/me").token(minted).send().status()).isEqualTo(401);
        assertThat(api.get("/api/user/me").token(admin.token()).send().status()).isEqualTo(200);
    }

    /** The piece's connection: OAuth2, authorized for the admin, listed under their authorized apps. */
    @Test
    void createThePiecesConnectionAndSeeItsGrantAmongTheAuthorizedApps() {
        integrate();
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Connections"))
                .click();
        page.getByLabel("Gauzy's address as Activepieces reaches it").fill("http://localhost:" + port);
        page.getByLabel("Name of the connection").fill("Ever Gauzy for the piece");
        press("Create the piece's connection");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The connection was created in Activepieces");
        assertThat(page.locator("table")).containsText("Ever Gauzy for the piece");
        assertThat(page.locator("table")).containsText("OAUTH2");
        assertEveryFieldIsLabelled();
        screenshot("activepieces-oauth2-connection");
        page.navigate("/pages/authorized-apps");
        assertThat(page.locator("main")).containsText("Activepieces connection");
    }

    @Test
    void renameEditToolsAndRotateAnMcpServerWithoutSeeingItsToken() {
        String server = activepieces
                .post("/api/v1/mcp-servers")
                .token(session())
                .json(Map.of("name", "Support desk", "projectId", platform.projectId()))
                .send()
                .body()
                .path("id")
                .asString();
        String token = tokenOf(server);
        integrate();
        page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("MCP servers"))
                .click();
        assertThat(page.locator("table")).containsText("Support desk");
        assertEveryFieldIsLabelled();
        assertThat(page.content()).doesNotContain(token);

        page.getByText("Rename").click();
        page.getByLabel("New name").fill("Support assistant");
        press("Save name");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The MCP server was renamed");
        assertThat(page.locator("table")).containsText("Support assistant");

        page.getByText("Edit tools").click();
        page.getByLabel("Tools (JSON list)").fill("not json");
        press("Save tools");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Tools must be a JSON list of tool objects");

        page.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Page.GetByRoleOptions()
                                .setName("Rotate the token of Support assistant"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("token was rotated");
        assertThat(confirmations).anyMatch(text -> text.startsWith("Rotate this server's token?"));
        String rotated = tokenOf(server);
        assertThat(rotated).isNotEqualTo(token);
        assertThat(page.content()).doesNotContain(rotated);
        screenshot("activepieces-mcp");
    }

    String tokenOf(String server) {
        return activepieces
                .get("/api/v1/mcp-servers/" + server)
                .token(session())
                .send()
                .body()
                .path("token")
                .asString();
    }

    String session() {
        return ap.userToken(platform.userEmail(), java.time.Duration.ofHours(1));
    }

    void addConnection(String externalId, String name, String tenantId) {
        var created = activepieces
                .post("/api/v1/app-connections")
                .token(platform.apiKey())
                .json(Map.of(
                        "externalId",
                        externalId,
                        "displayName",
                        name,
                        "pieceName",
                        ActivepiecesSandbox.EVER_GAUZY_PIECE,
                        "projectId",
                        platform.projectId(),
                        "type",
                        "SECRET_TEXT",
                        "value",
                        Map.of("type", "SECRET_TEXT", "secret_text", "token-" + externalId),
                        "metadata",
                        Map.of("tenantId", tenantId)))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
}
