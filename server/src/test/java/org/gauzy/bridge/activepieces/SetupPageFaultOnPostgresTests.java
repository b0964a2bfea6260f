package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnPostgres;
import org.gauzy.bridge.support.TestSandbox;
import org.springframework.test.context.TestPropertySource;

@OnPostgres
// A context of its own: the circuit breaker of the unreachable address must not carry over to other tests.
@TestPropertySource(
        properties = {"test.sandbox=" + TestSandbox.UNREACHABLE, "gauzy.activepieces.circuit-failure-threshold=1000"})
class SetupPageFaultOnPostgresTests extends SetupPageFaultTests {}
