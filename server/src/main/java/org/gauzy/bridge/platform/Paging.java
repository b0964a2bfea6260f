package org.gauzy.bridge.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/** Gauzy's {@code skip}/{@code take} paging, validated: take is 1 to 100 (default 10). */
public record Paging(int skip, int take) {

    public static final int DEFAULT_TAKE = 10;
    public static final int MAX_TAKE = 100;

    public static Paging parse(@Nullable String skip, @Nullable String take) {
        return new Paging(count("skip", skip, 0, Integer.MAX_VALUE, 0), count("take", take, 1, MAX_TAKE, DEFAULT_TAKE));
    }

    /** A whole-number query value from {@code min} to {@code max}, {@code fallback} when absent; else a 400 naming it. */
    public static int count(String name, @Nullable String value, int min, int max, int fallback) {
        if (!StringUtils.hasText(value)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ApiException.BadRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
