package org.gauzy.bridge.loop;

import org.gauzy.bridge.support.OnH2;

@OnH2
class WholeLoopPagesOnH2Tests extends WholeLoopPagesTests {}
