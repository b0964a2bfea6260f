package org.gauzy.bridge.integration;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class InstallationReadsOnPostgresTests extends InstallationReadsTests {}
