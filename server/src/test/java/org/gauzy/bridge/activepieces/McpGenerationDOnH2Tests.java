package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnH2;

@OnH2
class McpGenerationDOnH2Tests extends McpTests.GenerationD {}
