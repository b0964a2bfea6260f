package org.gauzy.bridge.platform;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class ClusterOnPostgresTests extends ClusterTests {}
