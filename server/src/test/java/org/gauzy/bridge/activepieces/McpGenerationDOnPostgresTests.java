package org.gauzy.bridge.activepieces;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class McpGenerationDOnPostgresTests extends McpTests.GenerationD {}
