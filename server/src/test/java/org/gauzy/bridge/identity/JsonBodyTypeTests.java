package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One rule for bodies: Spring would read every {@code application/*+json} body as JSON, and the tenant
 * and organization check reads application/json, so any other JSON type is a 415 on every route, before
 * anything reads it. An employee of one organization could otherwise act in another by labelling the
 * body {@code application/merge-patch+json}.
 */
@OnH2
class JsonBodyTypeTests extends ApiTest {

    static final List<String> OTHER_JSON = List.of(
            "application/merge-patch+json",
            "application/vnd.api+json",
            "application/problem+json",
            "text/json",
            "application/json-patch+json");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBodyOfAnyOtherJsonTypeIsRefusedBeforeItIsRead() {
        Account mine = accounts.onboard("json-types");
        Account theirs = accounts.onboard("json-types-other");
        int tasksBefore =
                jdbc.sql("select count(*) from task").query(Integer.class).single();
        for (String type : OTHER_JSON) {
            var task = api.post("/api/tasks")
                    .token(mine.token())
                    .json(
                            Map.of(
                                    "title",
                                    "Smuggled",
                                    "organizationId",
                                    theirs.organizationId().toString()),
                            type)
                    .send();
            assertThat(task.status()).as(type).isEqualTo(415);
            assertThat(task.body().path("statusCode").asInt()).isEqualTo(415);
            assertThat(task.message()).contains("application/json");
            var setup = api.post("/api/integration/activepieces/setup")
                    .token(mine.token())
                    .json(
                            Map.of(
                                    "apiKey",
                                    "sk-x",
                                    "organizationId",
                                    theirs.organizationId().toString()),
                            type)
                    .send();
            assertThat(setup.status()).as(type).isEqualTo(415);
            var signIn = api.post("/api/auth/login")
                    .json(Map.of("email", mine.email(), "password", "x"), type)
                    .send();
            assertThat(signIn.status()).as("signed in or not: " + type).isEqualTo(415);
        }
        assertThat(jdbc.sql("select count(*) from task").query(Integer.class).single())
                .isEqualTo(tasksBefore);

        var plain = api.post("/api/tasks")
                .token(mine.token())
                .json(
                        Map.of(
                                "title",
                                "Smuggled",
                                "organizationId",
                                theirs.organizationId().toString()),
                        "application/json; charset=utf-8")
                .send();
        assertThat(plain.status()).as("application/json is read and checked").isEqualTo(403);
    }

    /** What no route may take is refused before any of them reads it, naming the place to fix. */
    @Test
    void aRefusedBodyNamesThePlace() {
        Account mine = accounts.onboard("json-places");
        var nul = api.post("/api/tasks")
                .token(mine.token())
                .json("{\"title\":\"ok\",\"members\":[{\"id\":\"a\\u0000\"}]}")
                .send();
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.message()).contains("members[0].id").contains("U+0000");
        var twoValues = api.post("/api/tasks").token(mine.token()).json("{} {}").send();
        assertThat(twoValues.status()).isEqualTo(400);
        assertThat(twoValues.message()).contains("not valid JSON");
        var deep = api.post("/api/tasks")
                .token(mine.token())
                .json("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}")
                .send();
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.message()).contains("nested deeper than 32");
    }
}
