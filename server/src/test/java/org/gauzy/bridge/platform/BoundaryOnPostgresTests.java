package org.gauzy.bridge.platform;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class BoundaryOnPostgresTests extends BoundaryTests {}
