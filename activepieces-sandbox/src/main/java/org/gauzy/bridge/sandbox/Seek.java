package org.gauzy.bridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * Activepieces' {@code SeekPage} pagination: {@code {data, next, previous}} with cursors
 * {@code base64("next_" | "prev_" + base64("created:" + epochMillis))}, fetching one row more than
 * the limit to know whether another page exists.
 */
final class Seek {

    record Page<T>(List<T> data, @Nullable String next, @Nullable String previous) {
    }

    private record Cursor(boolean next, long created) {
    }

    private Seek() {
    }

    /**
     * Pages {@code items} (already filtered) ordered by their creation time, ascending or descending.
     * A forward page holds the items after the cursor; a backward page the items before it.
     */
    static <T> Page<T> page(List<T> items, ToLongFunction<T> created, boolean ascending, @Nullable String cursor,
            int limit) {
        Comparator<T> order = Comparator.comparingLong(created);
        if (!ascending) {
            order = order.reversed();
        }
        var sorted = new ArrayList<>(items);
        sorted.sort(order);
        Cursor at = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        if (at == null || at.next()) {
            var after = sorted.stream()
                    .filter(t -> at == null || comesAfter(created.applyAsLong(t), at.created(), ascending))
                    .limit(limit + 1L)
                    .toList();
            var data = after.size() > limit ? after.subList(0, limit) : after;
            String next = after.size() > limit ? encode(true, created.applyAsLong(data.get(data.size() - 1))) : null;
            String previous = at != null && !data.isEmpty() ? encode(false, created.applyAsLong(data.get(0))) : null;
            return new Page<>(List.copyOf(data), next, previous);
        }
        var before = sorted.stream()
                .filter(t -> comesAfter(at.created(), created.applyAsLong(t), ascending))
                .toList();
        int from = Math.max(0, before.size() - limit);
        var data = before.subList(from, before.size());
        String next = data.isEmpty() ? null : encode(true, created.applyAsLong(data.get(data.size() - 1)));
        String previous = from > 0 ? encode(false, created.applyAsLong(data.get(0))) : null;
        return new Page<>(List.copyOf(data), next, previous);
    }

    static String encode(boolean next, long createdMillis) {
        String inner = base64("created:" + createdMillis);
        return base64((next ? "next_" : "prev_") + inner);
    }

    /** The page size asked for: a positive whole number, default {@code fallback}. */
    static int limit(Request request, int fallback) {
        String value = request.query("limit");
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int limit = (int) Double.parseDouble(value);
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApError.validation("querystring/limit", "Invalid input: expected number, received NaN");
    }

    private static boolean comesAfter(long candidate, long cursor, boolean ascending) {
        return ascending ? candidate > cursor : candidate < cursor;
    }

    private static Cursor decode(String cursor) {
        try {
            String outer = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            boolean next = outer.startsWith("next_");
            if (!next && !outer.startsWith("prev_")) {
                throw new IllegalArgumentException(outer);
            }
            String inner = new String(Base64.getDecoder().decode(outer.substring(5)), StandardCharsets.UTF_8);
            if (!inner.startsWith("created:")) {
                throw new IllegalArgumentException(inner);
            }
            return new Cursor(next, Long.parseLong(inner.substring("created:".length())));
        } catch (IllegalArgumentException e) {
            throw ApError.validation("querystring/cursor", "Invalid cursor");
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
