package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gauzy.bridge.support.AccessLog;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** With the access log on, a whole sign-in session leaves no password, token or query secret in the output. */
@OnH2
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTests extends ApiTest {

    AccessLog accessLog;

    @BeforeEach
    void accessLogOn() {
        accessLog = AccessLog.on();
    }

    @AfterEach
    void accessLogOff() {
        accessLog.close();
    }

    @Test
    void noSecretReachesTheLogs(CapturedOutput output) {
        var owner = accounts.onboard("hygiene");
        api.post("/api/auth/login")
                .json(Map.of("email", owner.email(), "password", "Wrong-Password-77"))
                .send();
        var refreshed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        api.get("/api/user/me?code=QUERY-SECRET-123&access_token=QUERY-SECRET-456")
                .token(owner.token())
                .send();
        api.get("/api/user/me").token("garbage.token.value").send();

        assertThat(output.getOut()).contains("POST /api/auth/login").contains("GET /api/user/me 200");
        assertThat(output.getAll())
                .doesNotContain(Accounts.PASSWORD)
                .doesNotContain("Wrong-Password-77")
                .doesNotContain(owner.token())
                .doesNotContain(owner.refreshToken())
                .doesNotContain(refreshed.body().path("token").asString())
                .doesNotContain(refreshed.body().path("refresh_token").asString())
                .doesNotContain("QUERY-SECRET")
                .doesNotContain("garbage.token.value");
    }
}
