package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnH2;

@OnH2
class TokenLifecycleOnH2Tests extends TokenLifecycleTests {}
