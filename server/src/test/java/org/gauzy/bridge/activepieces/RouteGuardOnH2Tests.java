package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;

@OnH2
class RouteGuardOnH2Tests extends RouteGuardTests {}
