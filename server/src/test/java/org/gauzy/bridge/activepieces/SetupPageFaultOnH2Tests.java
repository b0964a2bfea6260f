package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.springframework.test.context.TestPropertySource;

@OnH2
// A context of its own: the circuit breaker of the unreachable address must not carry over to other tests.
@TestPropertySource(
        properties = {"test.sandbox=" + TestSandbox.UNREACHABLE, "gauzy.activepieces.circuit-failure-threshold=1000"})
class SetupPageFaultOnH2Tests extends SetupPageFaultTests {}
