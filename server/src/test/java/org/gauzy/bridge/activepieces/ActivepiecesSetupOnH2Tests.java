package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;

@OnH2
class ActivepiecesSetupOnH2Tests extends ActivepiecesSetupTests {}
