package org.gauzy.bridge.platform;

import java.util.List;

/** Gauzy's list answer: {@code {items, total}}, where total counts every match, not only this page. */
public record Page<T>(List<T> items, long total) {}
