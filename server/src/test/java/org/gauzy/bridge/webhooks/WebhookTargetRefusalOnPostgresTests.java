package org.gauzy.bridge.webhooks;

import org.gauzy.bridge.support.OnPostgres;
import org.springframework.test.context.TestPropertySource;

@OnPostgres
@TestPropertySource(properties = "gauzy.webhooks.allow-private-targets=false")
class WebhookTargetRefusalOnPostgresTests extends WebhookTargetRefusalTests {}
