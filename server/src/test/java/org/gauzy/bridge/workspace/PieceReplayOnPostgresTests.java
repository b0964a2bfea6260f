package org.gauzy.bridge.workspace;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class PieceReplayOnPostgresTests extends PieceReplayTests {}
