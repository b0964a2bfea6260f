package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnPostgres;
import org.gauzy.bridge.support.TestSandbox;
import org.springframework.test.context.TestPropertySource;

@OnPostgres
@TestPropertySource(properties = "test.sandbox=" + TestSandbox.UNREACHABLE)
class SetupPageFaultOnPostgresTests extends SetupPageFaultTests {
}
