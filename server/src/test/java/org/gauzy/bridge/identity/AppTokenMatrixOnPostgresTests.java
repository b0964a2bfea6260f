package org.gauzy.bridge.identity;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class AppTokenMatrixOnPostgresTests extends AppTokenMatrixTests {}
