package org.gauzy.bridge.automation;

import org.gauzy.bridge.support.OnH2;

@OnH2
class FlowHealthOnH2Tests extends FlowHealthTests {}
