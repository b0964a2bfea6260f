package org.gauzy.bridge.loop;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class WholeLoopPagesOnPostgresTests extends WholeLoopPagesTests {}
