package org.gauzy.bridge.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test against the running service over real HTTP: an {@link Api} client and the {@link Accounts} helper. */
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    protected Api api;
    protected Accounts accounts;

    @BeforeEach
    void connect() {
        api = new Api(port);
        accounts = new Accounts(api);
    }
}
