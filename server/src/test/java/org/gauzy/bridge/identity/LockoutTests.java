package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing is throttled, and the throttle cannot be turned against the owner. Each request comes from the
 * address its {@code X-Forwarded-For} names (the context trusts the loopback proxy, as a deployment behind a
 * load balancer does), so one test plays the owner at their usual address and attackers elsewhere. Accounts
 * are made by the bootstrap admin, not by registration, whose own limit is tested here too. The service's clock
 * is held still, so a slow-down's delay is what the test reads, however slow the machine.
 */
@TestPropertySource(
        properties = {
            "server.forward-headers-strategy=native",
            "gauzy.identity.login-throttle.per-account-and-address=3",
            "gauzy.identity.login-throttle.per-address=8",
            "gauzy.identity.login-throttle.per-account=5",
            "gauzy.identity.login-throttle.max-delay=8s",
            "gauzy.identity.registrations-per-address=3",
            "gauzy.oauth.client-throttle.per-client-and-address=3",
            "gauzy.oauth.client-throttle.per-address=8",
            "gauzy.oauth.client-throttle.per-client=5",
            "gauzy.oauth.client-throttle.max-delay=8s"
        })
@Import(MovableClock.Config.class)
abstract class LockoutTests extends ApiTest {

    static final String OWNER_ADDRESS = "198.51.100.10";

    @Autowired
    MovableClock clock;

    @BeforeEach
    void holdTime() {
        clock.hold();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Account admin() {
        return accounts.login(TestDatabases.ADMIN_EMAIL, TestDatabases.ADMIN_PASSWORD);
    }

    Api.Response login(String email, String password, String address) {
        return api.post("/api/auth/login")
                .header("X-Forwarded-For", address)
                .json(Map.of("email", email, "password", password))
                .send();
    }

    @Test
    void theOwnerSignsInFromTheirUsualAddressWhileAttackersHammerTheAccount() {
        Account owner = accounts.addUser(admin(), "EMPLOYEE");
        assertThat(login(owner.email(), Accounts.PASSWORD, OWNER_ADDRESS).status())
                .isEqualTo(200);

        // One attacker: three failures, then that address waits out the window, even with the right password.
        for (int i = 0; i < 3; i++) {
            assertThat(login(owner.email(), "Wrong-Guess-" + i, "203.0.113.1").status())
                    .isEqualTo(401);
        }
        var blocked = login(owner.email(), Accounts.PASSWORD, "203.0.113.1");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(blocked.message()).contains("Too many failed sign-in attempts");

        // More attackers from other addresses push the account past its own limit: it slows down for strangers.
        for (int i = 0; i < 2; i++) {
            assertThat(login(owner.email(), "Wrong-Guess-x", "203.0.113.2").status())
                    .isEqualTo(401);
        }
        var stranger = login(owner.email(), "Wrong-Guess-y", "203.0.113.3");
        assertThat(stranger.status())
                .as("the account is slowed for an address it never saw")
                .isEqualTo(429);

        // The owner, from the address they always use, is not slowed at all.
        var ownerAgain = login(owner.email(), Accounts.PASSWORD, OWNER_ADDRESS);
        assertThat(ownerAgain.status()).as(ownerAgain.text()).isEqualTo(200);
    }

    @Test
    void aSlowedAccountIsSlowedNotLocked() {
        Account owner = accounts.addUser(admin(), "EMPLOYEE");
        for (int i = 0; i < 5; i++) {
            assertThat(login(owner.email(), "Wrong-Guess-" + i, "203.0.113." + (20 + i))
                            .status())
                    .isEqualTo(401);
        }
        var slowed = login(owner.email(), Accounts.PASSWORD, "192.0.2.77");
        assertThat(slowed.status()).isEqualTo(429);
        long wait = Long.parseLong(slowed.header("Retry-After"));
        assertThat(wait).as("the first delay is short").isBetween(1L, 8L);

        // Once the delay has passed, the owner gets in from a new address with the right password.
        clock.advance(Duration.ofSeconds(wait));
        assertThat(login(owner.email(), Accounts.PASSWORD, "192.0.2.77").status())
                .isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottled() {
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            if (login(Accounts.uniqueEmail("spray"), "Wrong-Guess-1", "203.0.113.50")
                            .status()
                    == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(12 - 8);
        assertThat(login(Accounts.uniqueEmail("spray"), "Wrong-Guess-1", "203.0.113.51")
                        .status())
                .as("another address is not affected")
                .isEqualTo(401);
    }

    @Test
    void unknownEmailsAreThrottledAlikeSoTheAnswerRevealsNothing() {
        String nobody = Accounts.uniqueEmail("ghost");
        for (int i = 0; i < 3; i++) {
            assertThat(login(nobody, "Wrong-Guess-1", "203.0.113.60").status()).isEqualTo(401);
        }
        assertThat(login(nobody, "Wrong-Guess-1", "203.0.113.60").status()).isEqualTo(429);
    }

    @Test
    void aClientSecretGuesserCannotLockTheClientsOwnServerOut() {
        var grants = new OAuthGrants(api);
        var client = grants.register(admin(), Map.of());
        assertThat(introspect(client.clientId(), client.secret(), OWNER_ADDRESS).status())
                .isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(introspect(client.clientId(), "wrong-secret-" + i, "203.0.113.70")
                            .status())
                    .isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(introspect(client.clientId(), "wrong-secret-" + i, "203.0.113.71")
                            .status())
                    .isEqualTo(401);
        }
        var attacker = introspect(client.clientId(), client.secret(), "203.0.113.70");
        assertThat(attacker.status()).isEqualTo(429);
        assertThat(attacker.body().path("error").asString()).isNotBlank();
        assertThat(introspect(client.clientId(), client.secret(), "203.0.113.72")
                        .status())
                .as("the client is slowed for strangers")
                .isEqualTo(429);
        assertThat(introspect(client.clientId(), client.secret(), OWNER_ADDRESS).status())
                .as("the client's own server still gets in")
                .isEqualTo(200);
    }

    @Test
    void registrationIsLimitedPerAddressWhetherTheEmailIsTakenOrFree() {
        Account taken = accounts.addUser(admin(), "EMPLOYEE");
        assertThat(register(taken.email(), "192.0.2.10").status()).isEqualTo(409);
        assertThat(register(Accounts.uniqueEmail("free"), "192.0.2.10").status())
                .isEqualTo(201);
        assertThat(register(Accounts.uniqueEmail("free"), "192.0.2.10").status())
                .isEqualTo(201);
        String probed = Accounts.uniqueEmail("probe");
        var limited = register(probed, "192.0.2.10");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.message()).contains("Too many registrations");
        assertThat(register(taken.email(), "192.0.2.10").status())
                .as("a taken email answers the same")
                .isEqualTo(429);
        assertThat(login(probed, Accounts.PASSWORD, "192.0.2.11").status())
                .as("nothing was registered")
                .isEqualTo(401);
        assertThat(register(probed, "192.0.2.11").status())
                .as("another address may register")
                .isEqualTo(201);
    }

    private Api.Response introspect(String clientId, String secret, String address) {
        return api.post("/api/integration/ever-gauzy/oauth/introspect")
                .header("X-Forwarded-For", address)
                .form(Map.of("token", "not-a-token", "client_id", clientId, "client_secret", secret))
                .send();
    }

    private Api.Response register(String email, String address) {
        return api.post("/api/auth/register")
                .header("X-Forwarded-For", address)
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "New", "lastName", "Person"),
                        "password",
                        Accounts.PASSWORD,
                        "confirmPassword",
                        Accounts.PASSWORD))
                .send();
    }
}
