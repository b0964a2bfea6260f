package org.gauzy.bridge.oauth;

import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.OAuthGrants.Client;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An OAuth test in a fresh tenant of its own, whose admin has registered one client. */
abstract class OAuthTenantTest extends OAuthTest {

    @Autowired
    JdbcClient jdbc;

    Account admin;
    Client client;

    /** The new tenant's name, to tell the tests' tenants apart. */
    abstract String label();

    /** The client's fields beyond name and redirect URI. */
    Map<String, Object> clientFields() {
        return Map.of();
    }

    @BeforeEach
    void tenant() {
        admin = accounts.onboard(label());
        client = register(admin, clientFields());
    }
}
