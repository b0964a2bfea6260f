package org.gauzy.bridge.loop;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.gauzy.bridge.support.Eventually.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.BrowserTest;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Activepieces → Gauzy by clicking, as a newcomer does it: the sandbox (standing in for Activepieces'
 * UI) starts the OAuth flow, the user signs in and allows it on our pages, a flow with a Gauzy trigger
 * subscribes, the piece creates a task, the signed webhook arrives in the sandbox and shows in the
 * delivery log, and revoking the app on "My authorized apps" ends the piece's access.
 */
abstract class WholeLoopPagesTests extends BrowserTest {

    /** A sandbox of these tests' own: its connection page lists every connection it holds. */
    final ActivepiecesSandbox ap = TestSandbox.named("pages-loop");

    Account admin;
    OAuthGrants.Client client;

    @BeforeEach
    void adminAndClient() {
        admin = accounts.onboard("loop");
        client = new OAuthGrants(api)
                .register(
                        admin,
                        Map.of("name", "Activepieces (sandbox)", "redirectUris", List.of(ap.baseUrl() + "/redirect")));
    }

    @Test
    void connectSubscribeCreateATaskSeeTheDeliveryAndRevoke() {
        page.navigate(ap.baseUrl() + "/ui");
        page.getByLabel("Gauzy base URL (the piece's environment)").fill("http://localhost:" + port);
        page.getByLabel("OAuth client id").fill(client.clientId());
        page.getByLabel("OAuth client secret").fill(client.secret());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect"))
                .click();

        // Our sign-in page, then the consent page the flow resumes on.
        assertThat(page.locator("h1")).hasText("Sign in to Gauzy");
        assertThat(page.locator("main")).containsText("Activepieces (sandbox) wants to connect");
        page.getByLabel("Email").fill(admin.email());
        page.getByLabel("Password").fill(Accounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.locator("h1")).containsText("Activepieces (sandbox) wants access to your Gauzy account");
        assertThat(page.locator("main")).containsText("Everything you can do in Gauzy");
        screenshot("oauth-consent");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow"))
                .click();

        Locator notice = page.getByRole(AriaRole.STATUS);
        assertThat(notice).containsText("Connected: ");
        String connection = notice.textContent().replaceAll(".*Connected: ", "").trim();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(connection));
        assertThat(row).containsText("ACTIVE");

        row.getByLabel("Trigger").selectOption("task.created");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Turn on a flow"))
                .click();
        assertThat(notice).containsText("Flow on: Gauzy sends task.created to it");
        var subscriptions = api.get("/api/integration/activepieces/webhooks")
                .token(admin.token())
                .send()
                .body()
                .path("items");
        assertThat(subscriptions).hasSize(1);
        String flow = subscriptions.get(0).path("targetUrl").asString().replaceAll(".*/webhooks/", "");

        page.locator("tr", new Page.LocatorOptions().setHasText(connection))
                .getByLabel("Task title")
                .fill("Write the release notes");
        page.locator("tr", new Page.LocatorOptions().setHasText(connection))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run “Create task”"))
                .click();
        assertThat(notice).containsText("Gauzy created task");
        await(() -> ap.webhookDeliveries(flow).size() == 1 ? true : null, "the task.created delivery");
        page.reload();
        Locator flowSection = page.locator("section.flow", new Page.LocatorOptions().setHasText(flow));
        assertThat(flowSection.locator(".count")).hasText("1");
        assertThat(flowSection.locator("pre.delivery")).containsText("Write the release notes");
        assertThat(flowSection.locator("pre.delivery")).containsText("\"event\" : \"task.created\"");
        screenshot("sandbox-webhook-received");

        // The delivery log on our side, and a replay.
        signIn(admin.email(), Accounts.PASSWORD);
        page.navigate("/pages/settings/webhooks");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("ActivePieces task.created Webhook"))
                .click();
        Locator delivery = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Deliveries"))
                .locator("tbody > tr", new Locator.LocatorOptions().setHasText("task.created"))
                .first();
        assertThat(delivery).containsText("DELIVERED");
        assertThat(delivery).containsText("last HTTP 200");
        delivery.getByText("Attempt log").click();
        assertThat(delivery.locator("details table")).containsText("200");
        screenshot("webhooks-delivery-log");
        assertEveryFieldIsLabelled();
        delivery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay task.created"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The delivery is queued");
        assertThat(confirmations).anyMatch(text -> text.startsWith("This was delivered already"));
        await(() -> ap.webhookDeliveries(flow).size() == 2 ? true : null, "the replayed delivery");
        assertThat(ap.webhookDeliveries(flow).get(1).header("webhook-id"))
                .isEqualTo(ap.webhookDeliveries(flow).get(0).header("webhook-id"));

        press("Pause");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The subscription is paused");
        press("Re-enable");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The subscription is active again");

        // Revoking the app ends the piece's access at once.
        page.navigate("/pages/authorized-apps");
        Locator grant = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Authorized apps"))
                .locator("tbody > tr", new Locator.LocatorOptions().setHasText("Activepieces (sandbox)"));
        assertThat(grant).containsText("gauzy:all");
        screenshot("authorized-apps");
        assertEveryFieldIsLabelled();
        grant.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke Activepieces (sandbox)"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Access revoked");
        assertThat(page.locator("main")).containsText("No app has access.");

        page.navigate(ap.baseUrl() + "/ui");
        page.locator("tr", new Page.LocatorOptions().setHasText(connection))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run “Create task”"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Gauzy refused the task: 401");
    }
}
