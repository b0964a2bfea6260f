package org.gauzy.bridge.webhooks;

import org.gauzy.bridge.support.OnH2;

@OnH2
class WebhookOnH2Tests extends WebhookTests {}
