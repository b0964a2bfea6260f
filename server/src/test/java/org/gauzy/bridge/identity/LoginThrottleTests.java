package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

/** Repeated bad sign-ins are throttled per account and per client address, with Retry-After. */
@OnH2
@TestPropertySource(properties = {
    "gauzy.identity.login-throttle.per-account=3",
    "gauzy.identity.login-throttle.per-address=8"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleTests extends ApiTest {

    @Test
    @Order(1)
    void anAccountIsThrottledAfterRepeatedFailuresEvenWithTheRightPassword() {
        var owner = accounts.onboard("throttled");
        for (int i = 0; i < 3; i++) {
            assertThat(login(owner.email(), "wrong-password").status()).isEqualTo(401);
        }
        var blocked = login(owner.email(), Accounts.PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(blocked.message()).contains("Too many failed sign-in attempts");
    }

    @Test
    @Order(2)
    void unknownEmailsAreThrottledAlikeSoTheAnswerRevealsNothing() {
        String nobody = Accounts.uniqueEmail("ghost");
        for (int i = 0; i < 3; i++) {
            assertThat(login(nobody, "wrong-password").status()).isEqualTo(401);
        }
        assertThat(login(nobody, "wrong-password").status()).isEqualTo(429);
    }

    @Test
    @Order(3)
    void oneAddressGuessingManyAccountsIsThrottled() {
        // Runs last in its own context: after it, this address is blocked for the window.
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            if (login(Accounts.uniqueEmail("spray"), "wrong-password").status() == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(4);
    }

    private Api.Response login(String email, String password) {
        return api.post("/api/auth/login").json(Map.of("email", email, "password", password)).send();
    }
}
