package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class TokenLifecycleOnPostgresTests extends TokenLifecycleTests {}
