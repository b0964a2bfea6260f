package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;
import org.springframework.test.context.TestPropertySource;

@OnH2
@TestPropertySource(properties = "test.sandbox=" + ActivepiecesFaultTests.SANDBOX)
class ActivepiecesFaultOnH2Tests extends ActivepiecesFaultTests {}
