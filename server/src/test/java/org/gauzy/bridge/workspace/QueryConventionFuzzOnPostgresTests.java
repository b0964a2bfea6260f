package org.gauzy.bridge.workspace;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class QueryConventionFuzzOnPostgresTests extends QueryConventionFuzzTests {}
