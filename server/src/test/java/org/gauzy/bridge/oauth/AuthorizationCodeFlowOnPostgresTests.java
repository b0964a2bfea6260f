package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class AuthorizationCodeFlowOnPostgresTests extends AuthorizationCodeFlowTests {}
