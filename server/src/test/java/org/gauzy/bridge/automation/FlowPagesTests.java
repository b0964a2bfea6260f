package org.gauzy.bridge.automation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.BrowserTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Test;

/** The Flows tab and the alert banner in a real browser, against the sandbox. */
abstract class FlowPagesTests extends BrowserTest {

    @Test
    void theFlowsTabShowsEachFlowsHealthAndTheBannerNamesTheFailingOne() {
        ActivepiecesSandbox ap = TestSandbox.shared();
        Seed platform = ap.addPlatform(null, null);
        Account admin = accounts.onboard("flow-pages");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(admin.token())
                .json(Map.of(
                        "apiKey",
                        platform.apiKey(),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        org.assertj.core.api.Assertions.assertThat(setup.status())
                .as(setup.text())
                .isEqualTo(201);
        UUID install = UUID.fromString(setup.body().path("integrationTenantId").asString());
        String connection = ActivepiecesReads.connectionExternalId(admin.tenantId(), admin.organizationId());
        String failing = ap.addFlow(new ActivepiecesSandbox.FlowSpec(
                platform.projectId(),
                true,
                "Sync tasks to Jira",
                FlowHealthTests.GAUZY,
                "new_task",
                List.of(List.of(FlowHealthTests.GAUZY, "update_task")),
                List.of(connection)));
        String healthy = ap.addFlow(new ActivepiecesSandbox.FlowSpec(
                platform.projectId(),
                true,
                "Daily digest",
                "@activepieces/piece-schedule",
                "every_day",
                List.of(
                        List.of(FlowHealthTests.GAUZY, "list_tasks"),
                        List.of("@activepieces/piece-slack", "send_message")),
                List.of(connection)));
        var sandbox = new Api(ap.baseUrl());
        Instant now = Instant.now();
        sandbox.post("/sandbox/flow-runs")
                .json(Map.of(
                        "flowId",
                        healthy,
                        "status",
                        "SUCCEEDED",
                        "count",
                        6,
                        "created",
                        now.minusSeconds(60).toString(),
                        "spacingMillis",
                        3_600_000))
                .send();
        sandbox.post("/sandbox/flow-runs")
                .json(Map.of(
                        "flowId",
                        failing,
                        "status",
                        "SUCCEEDED",
                        "count",
                        4,
                        "created",
                        now.minusSeconds(3600).toString(),
                        "spacingMillis",
                        600_000))
                .send();
        sandbox.post("/sandbox/flow-runs")
                .json(Map.of(
                        "flowId",
                        failing,
                        "status",
                        "FAILED",
                        "count",
                        3,
                        "created",
                        now.minusSeconds(30).toString(),
                        "spacingMillis",
                        60_000,
                        "failedStep",
                        "update_task",
                        "message",
                        "Request failed with status code 401: the grant was revoked"))
                .send();

        signIn(admin.email(), Accounts.PASSWORD);
        page.navigate("/pages/integrations/activepieces/" + install + "/flows?projectId=" + platform.projectId());
        var table =
                page.getByRole(AriaRole.TABLE, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Flows"));
        assertThat(table).containsText("Sync tasks to Jira");
        assertThat(table).containsText("FAILING");
        assertThat(table).containsText("The last 3 runs failed at step update_task");
        assertThat(table).containsText("Daily digest");
        assertThat(table).containsText("100% of 6");
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("1 flow that acts on this organization's data");
        assertThat(page.getByRole(
                        AriaRole.LINK,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sync tasks to Jira")))
                .hasAttribute(
                        "href",
                        java.util.regex.Pattern.compile(
                                "/projects/" + platform.projectId() + "/flows/" + failing + "$"));
        assertEveryFieldIsLabelled();
        screenshot("activepieces-flows");

        page.navigate("/pages/integrations/activepieces/" + install);
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Sync tasks to Jira");
    }
}
