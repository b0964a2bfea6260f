/**
 * Cross-cutting plumbing every module may use: the error types and their one translation to
 * Gauzy's error shape, request ids, the data folder, throttling, the clock, times in JSON.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package org.gauzy.bridge.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
