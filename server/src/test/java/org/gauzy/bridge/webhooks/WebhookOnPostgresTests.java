package org.gauzy.bridge.webhooks;

import org.gauzy.bridge.support.OnPostgres;

@OnPostgres
class WebhookOnPostgresTests extends WebhookTests {}
