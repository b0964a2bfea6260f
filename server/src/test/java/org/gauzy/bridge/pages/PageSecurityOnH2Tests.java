package org.gauzy.bridge.pages;

import org.gauzy.bridge.support.OnH2;

@OnH2
class PageSecurityOnH2Tests extends PageSecurityTests {}
