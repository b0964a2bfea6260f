package org.gauzy.bridge.workspace;

import org.gauzy.bridge.support.OnH2;

@OnH2
class WorkspaceOnH2Tests extends WorkspaceTests {}
