package org.gauzy.bridge.oauth;

import org.gauzy.bridge.support.OnH2;

@OnH2
class DelegatedAccessOnH2Tests extends DelegatedAccessTests {}
