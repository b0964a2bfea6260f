package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * ALL_ORG_VIEW lets a role see every organization of its tenant, never change one it does not belong to:
 * a change checks the organization of the record it touches, found from the record, not from the request.
 */
abstract class ViewIsNotEditTests extends ApiTest {

    @Test
    void aRoleThatSeesEveryOrganizationChangesOnlyItsOwn() {
        Account owner = accounts.onboard("view-edit");
        UUID other = accounts.addOrganization(owner, "Elsewhere");
        String elsewhere = other.toString();
        String task = api.post("/api/tasks")
                .token(owner.token())
                .json(Map.of("title", "Theirs", "organizationId", elsewhere))
                .send()
                .body()
                .path("id")
                .asString();
        String project = api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of("name", "Theirs", "organizationId", elsewhere))
                .send()
                .body()
                .path("id")
                .asString();
        var hook = api.post("/api/integration/activepieces/webhooks")
                .token(owner.token())
                .json(Map.of(
                        "name",
                        "Theirs",
                        "targetUrl",
                        "http://127.0.0.1:9/api/v1/webhooks/" + "f".repeat(21),
                        "events",
                        List.of("task.created"),
                        "organizationId",
                        elsewhere))
                .send();
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        String subscription = hook.body().path("id").asString();

        String manager = accounts.roleId(owner, "MANAGER").toString();
        for (String permission :
                List.of("ALL_ORG_VIEW", "INTEGRATION_VIEW", "INTEGRATION_EDIT", "ORG_PROJECT_DELETE")) {
            var granted = api.post("/api/role-permissions")
                    .token(owner.token())
                    .json(Map.of("roleId", manager, "permission", permission, "enabled", true))
                    .send();
            assertThat(granted.status()).as(granted.text()).isIn(200, 201);
        }
        Account viewer = accounts.addUser(owner, "MANAGER", owner.organizationId());

        assertThat(api.get("/api/tasks/" + task).token(viewer.token()).send().status())
                .as("seen")
                .isEqualTo(200);
        for (Api.Call change : List.of(
                api.put("/api/tasks/" + task).json(Map.of("title", "Mine now")),
                api.delete("/api/tasks/" + task),
                api.put("/api/organization-project/" + project).json(Map.of("name", "Mine now")),
                api.delete("/api/organization-project/" + project),
                api.put("/api/integration/activepieces/webhooks/" + subscription)
                        .json(Map.of("active", false)),
                api.delete("/api/integration/activepieces/webhooks/" + subscription))) {
            var refused = change.token(viewer.token()).send();
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.message()).contains("ALL_ORG_EDIT");
        }
        assertThat(api.get("/api/tasks/" + task)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("title")
                        .asString())
                .isEqualTo("Theirs");
        assertThat(api.get("/api/integration/activepieces/webhooks/" + subscription)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("active")
                        .asBoolean())
                .isTrue();

        String mine = api.post("/api/tasks")
                .token(viewer.token())
                .json(Map.of("title", "Ours"))
                .send()
                .body()
                .path("id")
                .asString();
        assertThat(api.put("/api/tasks/" + mine)
                        .token(viewer.token())
                        .json(Map.of("title", "Ours, renamed"))
                        .send()
                        .status())
                .as("their own organization's, as before")
                .isEqualTo(200);
    }
}
