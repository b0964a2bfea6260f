package org.gauzy.bridge.automation;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class FlowHealthOnPostgresTests extends FlowHealthTests {}
