package org.gauzy.bridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Within a request an installation is read once; a change through {@link IntegrationTenants}, a transaction, or
 * the next request reads it again. The values are changed behind the class's back, in the table, so that a read
 * that answers the old value can only have come from what the request read before.
 */
abstract class InstallationReadsTests extends ApiTest {

    @Autowired
    IntegrationTenants integrations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    UUID tenant;
    UUID install;

    @BeforeEach
    void installation() {
        Account owner = accounts.onboard("reads-once");
        tenant = owner.tenantId();
        install = integrations.install(
                tenant,
                owner.organizationId(),
                IntegrationTenants.ACTIVEPIECES,
                List.of(Setting.plain("base", "first"), Setting.secret("api_key", "sk-first-key-0001")));
    }

    @AfterEach
    void outOfTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aRequestReadsAnInstallationOnceAndAChangeATransactionOrTheNextRequestReadsItAgain() {
        inARequest();
        assertThat(integrations.installation(tenant, install)).isPresent();
        changeInTheTable("second");

        assertThat(integrations.setting(tenant, install, "base"))
                .as("what the request read")
                .contains("first");
        assertThat(integrations
                        .configured(tenant, install, Set.of("base", "api_key"))
                        .orElseThrow()
                        .settings())
                .containsEntry("base", "first")
                .containsEntry("api_key", "sk-first-key-0001");
        assertThat(integrations.settings(tenant, install, Set.of("base"))).containsEntry("base", "first");
        Optional<String> inATransaction =
                new TransactionTemplate(transactions).execute(status -> integrations.setting(tenant, install, "base"));
        assertThat(inATransaction)
                .as("within a transaction, which may hold a lock")
                .contains("second");

        integrations.putSettings(tenant, install, List.of(Setting.plain("other", "x")));
        assertThat(integrations.setting(tenant, install, "base"))
                .as("after a change through the class")
                .contains("second");
        assertThat(integrations.setting(tenant, install, "other")).contains("x");

        inARequest();
        changeInTheTable("third");
        assertThat(integrations.setting(tenant, install, "base"))
                .as("the next request")
                .contains("third");

        RequestContextHolder.resetRequestAttributes();
        changeInTheTable("fourth");
        assertThat(integrations.setting(tenant, install, "base"))
                .as("outside a request")
                .contains("fourth");
        assertThat(integrations.setting(tenant, install, "base")).contains("fourth");
    }

    @Test
    void anotherTenantsInstallationIsNotFoundFromWhatARequestRead() {
        inARequest();
        assertThat(integrations.installation(tenant, install)).isPresent();
        UUID other = accounts.onboard("reads-other").tenantId();

        assertThat(integrations.installation(other, install)).isEmpty();
        assertThat(integrations.setting(other, install, "base")).isEmpty();
        assertThat(integrations.configured(other, install, Set.of("base"))).isEmpty();
    }

    private static void inARequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    private void changeInTheTable(String value) {
        int changed = jdbc.sql("""
                        update integration_setting set setting_value = :value
                        where tenant_id = :tenant and integration_tenant_id = :id and setting_name = 'base'""")
                .param("value", value)
                .param("tenant", tenant)
                .param("id", install)
                .update();
        assertThat(changed).isEqualTo(1);
    }
}
