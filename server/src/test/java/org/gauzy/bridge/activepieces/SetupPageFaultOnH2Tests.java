package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.springframework.test.context.TestPropertySource;

@OnH2
@TestPropertySource(properties = "test.sandbox=" + TestSandbox.UNREACHABLE)
class SetupPageFaultOnH2Tests extends SetupPageFaultTests {
}
