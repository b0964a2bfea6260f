package org.gauzy.bridge.integration;

import org.gauzy.bridge.support.OnH2;

@OnH2
class InstallationReadsOnH2Tests extends InstallationReadsTests {}
