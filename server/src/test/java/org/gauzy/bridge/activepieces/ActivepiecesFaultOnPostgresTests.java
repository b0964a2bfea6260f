package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnPostgres;
import org.springframework.test.context.TestPropertySource;

@OnPostgres
@TestPropertySource(properties = "test.sandbox=" + ActivepiecesFaultTests.SANDBOX)
class ActivepiecesFaultOnPostgresTests extends ActivepiecesFaultTests {}
