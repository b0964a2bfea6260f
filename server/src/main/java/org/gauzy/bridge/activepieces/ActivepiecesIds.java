package org.gauzy.bridge.activepieces;

import java.util.regex.Pattern;
import org.gauzy.bridge.platform.ApiException;

/** Activepieces ids are 21 letters and digits; anything else never reaches an Activepieces URL. */
final class ActivepiecesIds {

    private static final Pattern AP_ID = Pattern.compile("^[0-9a-zA-Z]{21}$");

    private ActivepiecesIds() {}

    static String require(String field, String value) {
        if (value == null || !AP_ID.matcher(value).matches()) {
            throw new ApiException.BadRequest(field + " must be an Activepieces id (21 letters and digits)");
        }
        return value;
    }
}
