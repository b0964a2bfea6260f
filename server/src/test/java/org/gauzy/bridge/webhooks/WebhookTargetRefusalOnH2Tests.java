package org.gauzy.bridge.webhooks;

import org.gauzy.bridge.support.OnH2;
import org.springframework.test.context.TestPropertySource;

@OnH2
@TestPropertySource(properties = "gauzy.webhooks.allow-private-targets=false")
class WebhookTargetRefusalOnH2Tests extends WebhookTargetRefusalTests {}
