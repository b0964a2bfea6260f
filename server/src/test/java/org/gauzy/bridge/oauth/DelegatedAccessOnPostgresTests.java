package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class DelegatedAccessOnPostgresTests extends DelegatedAccessTests {}
