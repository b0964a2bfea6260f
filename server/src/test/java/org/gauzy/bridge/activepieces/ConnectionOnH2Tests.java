package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;

@OnH2
class ConnectionOnH2Tests extends ConnectionTests {}
