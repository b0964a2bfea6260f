package org.gauzy.bridge.pages;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class PageSecurityOnPostgresTests extends PageSecurityTests {}
