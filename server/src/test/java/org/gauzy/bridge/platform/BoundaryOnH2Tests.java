package org.gauzy.bridge.platform;

import org.gauzy.bridge.support.OnH2;

@OnH2
class BoundaryOnH2Tests extends BoundaryTests {}
