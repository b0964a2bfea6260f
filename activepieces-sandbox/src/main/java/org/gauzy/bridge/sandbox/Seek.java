package org.gauzy.bridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Activepieces' {@code SeekPage} pagination as {@code helper/pagination/paginator.ts} and
 * {@code pagination-utils.ts} do it (@66f43de175, the same at @be989f5cba): {@code {data, next, previous}}
 * with cursors {@code base64("next_" | "prev_" + base64("created:" + epochMillis))} of the page's last or
 * first row, one row more fetched than the limit to know whether another page exists. The cursor is
 * compared to the second: {@code DATE_TRUNC('second', created) > DATE_TRUNC('second', :created)}, so the
 * rows created in the same second as a page's last row, after it, are on no page: Activepieces' own bug,
 * which clients must live with. A cursor without {@code _} is ignored (the first page); one whose inner
 * part is not {@code created:<number>} fails inside Activepieces (500). A limit of 0 means 100; -1 means
 * every row on one page, without cursors.
 */
final class Seek {

    record Page<T>(
            List<T> data, @Nullable String next, @Nullable String previous) {}

    private record Cursor(boolean next, long created) {}

    /** {@code Paginator.NO_LIMIT}. */
    static final int NO_LIMIT = -1;
    /** The paginator's default when the limit is 0 (falsy, so never set). */
    static final int DEFAULT_LIMIT = 100;

    private Seek() {}

    /**
     * Pages {@code items} (already filtered) ordered by their creation time, ascending or descending.
     * A forward page holds the items whose second comes after the cursor's; a backward page those
     * whose second comes before it.
     */
    static <T> Page<T> page(
            List<T> items, ToLongFunction<T> created, boolean ascending, @Nullable String cursor, int limit) {
        Comparator<T> order = Comparator.comparingLong(created);
        if (!ascending) {
            order = order.reversed();
        }
        var sorted = new ArrayList<>(items);
        sorted.sort(order);
        if (limit == NO_LIMIT) {
            return new Page<>(List.copyOf(sorted), null, null);
        }
        int size = limit == 0 ? DEFAULT_LIMIT : limit;
        Cursor at = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        boolean after = at != null && at.next();
        boolean before = at != null && !at.next();
        List<T> candidates = sorted;
        if (at != null) {
            long cursorSecond = second(at.created());
            // Backward: the opposite comparison (and the opposite order, see window).
            boolean wantLater = ascending == after;
            candidates = sorted.stream()
                    .filter(t -> wantLater
                            ? second(created.applyAsLong(t)) > cursorSecond
                            : second(created.applyAsLong(t)) < cursorSecond)
                    .toList();
        }
        return window(candidates, size, after, before, (row, next) -> encode(next, created.applyAsLong(row)));
    }

    /**
     * The paginator's page of the rows a cursor leaves ({@code candidates}, in the list's order): the
     * {@code size} nearest to the cursor, one more read to know whether others follow, and the cursors
     * {@code paginator.ts} sets: next when paging backward or when more follow, previous when paging
     * forward or when more precede a backward page.
     */
    private static <T> Page<T> window(
            List<T> candidates, int size, boolean after, boolean before, BiFunction<T, Boolean, String> cursorOf) {
        var ordered = new ArrayList<>(candidates);
        if (before) {
            Collections.reverse(ordered);
        }
        var fetched = ordered.stream().limit(size + 1L).toList();
        boolean hasMore = fetched.size() > size;
        var data = new ArrayList<>(hasMore ? fetched.subList(0, size) : fetched);
        if (data.isEmpty()) {
            return new Page<>(List.of(), null, null);
        }
        if (before) {
            Collections.reverse(data);
        }
        String next = before || hasMore ? cursorOf.apply(data.get(data.size() - 1), true) : null;
        String previous = after || (hasMore && before) ? cursorOf.apply(data.get(0), false) : null;
        return new Page<>(List.copyOf(data), next, previous);
    }

    /**
     * Pages by several fields ascending, as {@code setCompositeOrderBy} does (projects: {@code type},
     * {@code displayName}, {@code id}, in {@code ee/projects/platform-project-service.ts} @66f43de175 and
     * @be989f5cba): a true keyset whose cursor is {@code base64(JSON)} of the row's fields, wrapped as
     * {@code next_}/{@code prev_}. A cursor that is not such JSON counts as none. Text is compared by
     * code point, as PostgreSQL's "C" collation does.
     */
    static <T> Page<T> pageByFields(
            List<T> items,
            List<String> fields,
            Function<T, List<String>> values,
            @Nullable String cursor,
            int limit,
            JsonMapper json) {
        var keys = new ArrayList<Key<T>>();
        for (int i = 0; i < fields.size(); i++) {
            int at = i;
            keys.add(Key.text(fields.get(i), false, t -> values.apply(t).get(at)));
        }
        return pageByKeys(items, keys, cursor, limit, json);
    }

    /**
     * One field of a composite order ({@code OrderByConfig}): its name, direction, the row's value, and how the
     * cursor writes and reads it. Timestamps are the case that matters: the row keeps microseconds (PostgreSQL),
     * the cursor holds the milliseconds JavaScript's Date kept of it, and the next page compares the row's
     * microseconds with them.
     */
    record Key<T>(
            String field,
            boolean descending,
            Function<T, Comparable<?>> value,
            Function<Comparable<?>, String> write,
            Function<String, Comparable<?>> read) {

        static <T> Key<T> text(String field, boolean descending, Function<T, String> value) {
            return new Key<>(field, descending, value::apply, String::valueOf, s -> s);
        }

        static <T> Key<T> time(String field, boolean descending, Function<T, java.time.Instant> value) {
            return new Key<>(
                    field,
                    descending,
                    value::apply,
                    v -> Model.iso((java.time.Instant) v),
                    s -> java.time.Instant.parse(s));
        }
    }

    /**
     * Pages by several fields, each ascending or descending, as {@code buildCompositeCursorQuery} does
     * (helper/pagination/paginator.ts @66f43de175): the next page holds the rows after the cursor's values
     * field by field ({@code f1 < :v1 OR (f1 = :v1 AND f2 < :v2) …} for descending fields), the cursor is
     * {@code base64(JSON)} of the last row's fields wrapped as {@code next_}/{@code prev_}, and a cursor that
     * is not such JSON counts as none. Because a timestamp goes into the cursor at millisecond precision,
     * rows in the same millisecond as a page's last row and after it are on no page (flows order by status
     * and {@code updated}, runs by {@code created} and {@code id}).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Page<T> pageByKeys(
            List<T> items, List<Key<T>> keys, @Nullable String cursor, int limit, JsonMapper json) {
        Comparator<T> order = (a, b) -> {
            for (Key<T> key : keys) {
                int c = ((Comparable) key.value().apply(a))
                        .compareTo(key.value().apply(b));
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        };
        var sorted = new ArrayList<>(items);
        sorted.sort(order);
        if (limit == NO_LIMIT) {
            return new Page<>(List.copyOf(sorted), null, null);
        }
        int size = limit == 0 ? DEFAULT_LIMIT : limit;
        List<Comparable<?>> at = null;
        boolean after = false;
        boolean before = false;
        if (cursor != null && !cursor.isEmpty()) {
            String outer = new String(Base64.getMimeDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
            String[] parts = outer.split("_", -1);
            if (parts.length >= 2 && !parts[1].isEmpty()) {
                try {
                    var node = json.readTree(Base64.getMimeDecoder().decode(parts[1]));
                    var values = new ArrayList<Comparable<?>>();
                    for (Key<T> key : keys) {
                        values.add(key.read().apply(node.path(key.field()).asString()));
                    }
                    at = values;
                    after = outer.startsWith("next_");
                    before = !after;
                } catch (RuntimeException notJson) {
                    at = null;
                }
            }
        }
        List<Comparable<?>> cursorValues = at;
        boolean forward = after;
        List<T> candidates = cursorValues == null
                ? sorted
                : sorted.stream()
                        .filter(row -> {
                            for (int i = 0; i < keys.size(); i++) {
                                Key<T> key = keys.get(i);
                                int c = ((Comparable) key.value().apply(row)).compareTo(cursorValues.get(i));
                                if (c != 0) {
                                    boolean later = key.descending() ? c < 0 : c > 0;
                                    return forward == later;
                                }
                            }
                            return false;
                        })
                        .toList();
        Function<T, String> encodeRow = row -> {
            var object = new LinkedHashMap<String, String>();
            keys.forEach(
                    key -> object.put(key.field(), key.write().apply(key.value().apply(row))));
            return base64(json.writeValueAsString(object));
        };
        return window(
                candidates,
                size,
                after,
                before,
                (row, next) -> base64((next ? "next_" : "prev_") + encodeRow.apply(row)));
    }

    static String encode(boolean next, long createdMillis) {
        String inner = base64("created:" + createdMillis);
        return base64((next ? "next_" : "prev_") + inner);
    }

    /**
     * The page size asked for: {@code z.coerce.number()} of the query, default {@code fallback}
     * ({@code DEFAULT_PAGE_SIZE} of the route).
     */
    static int limit(Request request, int fallback) {
        String value = request.query("limit");
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return (int) Double.parseDouble(value);
        } catch (NumberFormatException ignored) {
            throw ApError.validation("querystring/limit", "Invalid input: expected number, received NaN");
        }
    }

    private static long second(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    /** {@code paginationHelper.decodeCursor}, then the paginator's own decode of the inner part. */
    private static @Nullable Cursor decode(String cursor) {
        String outer = new String(Base64.getMimeDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        boolean next = outer.startsWith("next_");
        String[] parts = outer.split("_", -1);
        if (parts.length < 2 || parts[1].isEmpty()) {
            return null;
        }
        try {
            String inner = new String(Base64.getMimeDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            if (!inner.startsWith("created:")) {
                throw new IllegalArgumentException(inner);
            }
            return new Cursor(
                    next, Long.parseLong(inner.substring("created:".length()).split(",")[0]));
        } catch (IllegalArgumentException e) {
            throw ApError.fastify(500, null, "Internal Server Error", "Internal Server Error");
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
