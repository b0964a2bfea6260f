package org.gauzy.bridge.identity;

import org.gauzy.bridge.support.OnH2;

@OnH2
class TenantIsolationOnH2Tests extends TenantIsolationTests {}
