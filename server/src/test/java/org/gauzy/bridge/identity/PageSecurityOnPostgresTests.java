package org.gauzy.bridge.identity;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class PageSecurityOnPostgresTests extends PageSecurityTests {}
