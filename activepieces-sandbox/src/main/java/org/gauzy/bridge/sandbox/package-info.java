/**
 * A faithful, standalone simulator of the Activepieces REST API: status codes, error bodies and
 * cursors as the real server answers them, plus a control API for tests.
 */
@NullMarked
package org.gauzy.bridge.sandbox;

import org.jspecify.annotations.NullMarked;
