package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnH2;

@OnH2
class AuthorizationCodeFlowOnH2Tests extends AuthorizationCodeFlowTests {}
