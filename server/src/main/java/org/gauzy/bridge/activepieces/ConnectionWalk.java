package org.gauzy.bridge.activepieces;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Walks Activepieces' app connections in (created, id) order from a position, forward or backward,
 * without losing the rows Activepieces' own cursor skips.
 *
 * <p>Activepieces pages by {@code DATE_TRUNC('second', created)} ({@code helper/pagination/paginator.ts}
 * @66f43de175 and @be989f5cba), so the next page starts at the second after the last row's, and rows
 * created later in that second are on no page (40 connections upserted in bursts and listed two at a
 * time gave 33 on 0.85.4). Its cursor is {@code base64("next_" | "prev_" + base64("created:" + millis))};
 * this walk writes cursors that start at the second of the last row it trusts, reads that second again,
 * and drops what it has passed by position. A row is trusted once a row created later was read after it
 * (ties within a millisecond may straddle a page), or when Activepieces says nothing follows. The first
 * page asks for what the caller wants and one row more, which shows whether the last row wanted is trusted;
 * pages that filtering thins out grow, up to {@link #FIRST_LIMIT}. When one millisecond holds more rows than
 * a page, the page is made larger, up to {@link #MAX_LIMIT}; past that the walk gives up on that millisecond
 * and says so ({@link Walk#gap()}).
 */
final class ConnectionWalk {

    static final int FIRST_LIMIT = 100;
    static final int MAX_LIMIT = 1600;
    private static final String CURSOR_PREFIX = "gz1.";

    /** Where a walk stands: a row's creation time and id, in the order (created, id). */
    record Position(Instant created, String id) implements Comparable<Position> {

        static Position of(String created, String id) {
            try {
                return new Position(instant(created), id);
            } catch (DateTimeParseException e) {
                throw invalid();
            }
        }

        static ApiException invalid() {
            return new ApiException(
                    HttpStatus.BAD_GATEWAY, "Activepieces listed a connection without a valid creation time");
        }

        @Override
        public int compareTo(Position other) {
            int byTime = created.compareTo(other.created);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    /**
     * An instant as Activepieces writes it, by JavaScript's {@code Date.toISOString}
     * ({@code 2026-12-07T03:41:05.123Z}), read without a {@link java.time.format.DateTimeFormatter}: its parse
     * made a twentieth of the garbage of a connections page, which sets how often the collector pauses. Any
     * other form, and any field out of range, is left to {@link Instant#parse}.
     *
     * @throws DateTimeParseException when the text is no ISO-8601 instant
     */
    static Instant instant(String text) {
        if (text.length() == 24
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= Month.of(month).length(Year.isLeap(year))
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60
                    && millis >= 0) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(
                        epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number of {@code length} digits at {@code from}; -1 if one of them is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Reads one page of Activepieces' list with one of its cursors (null: the first page) and a limit. */
    @FunctionalInterface
    interface Fetch {
        ConnectionPage page(@Nullable String cursor, int limit);
    }

    /**
     * Rows in ascending order; {@code more}: rows lie beyond them in the walk's direction; {@code gap}:
     * rows of one millisecond may be missing, as more of them exist than {@link #MAX_LIMIT}.
     */
    record Walk(List<ConnectionRow> rows, boolean more, boolean gap) {}

    private ConnectionWalk() {}

    /** Up to {@code want} rows that {@code keep} accepts, after {@code from} (null: from the first). */
    static Walk forward(Fetch fetch, @Nullable Position from, int want, Predicate<ConnectionRow> keep, int maxCalls) {
        var out = new ArrayList<ConnectionRow>();
        Position passed = from;
        int firstLimit = firstLimit(want);
        int limit = firstLimit;
        boolean gap = false;
        for (int call = 0; call < maxCalls; call++) {
            ConnectionPage page =
                    fetch.page(passed == null ? null : cursor(true, secondStart(passed.created()) - 1), limit);
            List<ConnectionRow> rows = sorted(page.rows());
            boolean end = rows.isEmpty() || !page.more();
            Instant last =
                    rows.isEmpty() ? null : rows.get(rows.size() - 1).at().created();
            List<ConnectionRow> fresh = new ArrayList<>();
            for (ConnectionRow row : rows) {
                if ((passed == null || row.at().compareTo(passed) > 0)
                        && (end || row.at().created().isBefore(last))) {
                    fresh.add(row);
                }
            }
            if (fresh.isEmpty() && !end && last != null) {
                if (limit < MAX_LIMIT) {
                    limit = Math.min(limit * 2, MAX_LIMIT);
                    continue;
                }
                // One millisecond holds more rows than we may read at once: step past it.
                gap = true;
                passed = new Position(last, "\uffff");
                limit = firstLimit;
                continue;
            }
            for (int i = 0; i < fresh.size(); i++) {
                ConnectionRow row = fresh.get(i);
                passed = row.at();
                if (keep.test(row)) {
                    out.add(row);
                    if (out.size() == want) {
                        return new Walk(out, i < fresh.size() - 1 || !end, gap);
                    }
                }
            }
            if (end) {
                return new Walk(out, false, gap);
            }
            limit = nextLimit(firstLimit, limit);
        }
        return new Walk(out, true, gap);
    }

    /** Up to {@code want} rows that {@code keep} accepts, before {@code before}, returned in ascending order. */
    static Walk backward(Fetch fetch, Position before, int want, Predicate<ConnectionRow> keep, int maxCalls) {
        var out = new ArrayList<ConnectionRow>();
        Position passed = before;
        int firstLimit = firstLimit(want);
        int limit = firstLimit;
        boolean gap = false;
        for (int call = 0; call < maxCalls; call++) {
            ConnectionPage page = fetch.page(cursor(false, secondStart(passed.created()) + 1000), limit);
            List<ConnectionRow> rows = sorted(page.rows());
            boolean start = rows.isEmpty() || !page.fewer();
            Instant first = rows.isEmpty() ? null : rows.get(0).at().created();
            List<ConnectionRow> fresh = new ArrayList<>();
            for (ConnectionRow row : rows) {
                if (row.at().compareTo(passed) < 0
                        && (start || row.at().created().isAfter(first))) {
                    fresh.add(row);
                }
            }
            if (fresh.isEmpty() && !start && first != null) {
                if (limit < MAX_LIMIT) {
                    limit = Math.min(limit * 2, MAX_LIMIT);
                    continue;
                }
                gap = true;
                passed = new Position(first, "");
                limit = firstLimit;
                continue;
            }
            for (int i = fresh.size() - 1; i >= 0; i--) {
                ConnectionRow row = fresh.get(i);
                passed = row.at();
                if (keep.test(row)) {
                    out.add(0, row);
                    if (out.size() == want) {
                        return new Walk(out, i > 0 || !start, gap);
                    }
                }
            }
            if (start) {
                return new Walk(out, false, gap);
            }
            limit = nextLimit(firstLimit, limit);
        }
        return new Walk(out, true, gap);
    }

    /**
     * The first page's size: the rows wanted and one more, so that the last row wanted is trusted unless it
     * shares its millisecond with the next. A walk that wants every row, or one, reads {@link #FIRST_LIMIT}.
     */
    private static int firstLimit(int want) {
        return want > 1 && want < FIRST_LIMIT ? want + 1 : FIRST_LIMIT;
    }

    /** After a page that filtering thinned out: twice as many rows, up to {@link #FIRST_LIMIT}. */
    private static int nextLimit(int firstLimit, int limit) {
        return Math.max(firstLimit, Math.min(limit * 2, FIRST_LIMIT));
    }

    /** Our page cursor: a direction and the position of the row it continues from. */
    static String pageCursor(boolean next, Position at) {
        String raw = (next ? "n" : "p") + "|" + at.created().toEpochMilli() + "|" + at.id();
        return CURSOR_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** One of our page cursors: which way it pages, from which row. */
    record PageCursor(boolean forward, Position at) {}

    /** A cursor this API gave; anything else is a 400. */
    static PageCursor readPageCursor(String cursor) {
        try {
            if (!cursor.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException("prefix");
            }
            String raw = new String(
                    Base64.getUrlDecoder().decode(cursor.substring(CURSOR_PREFIX.length())), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3 || !(parts[0].equals("n") || parts[0].equals("p")) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("shape");
            }
            return new PageCursor(
                    parts[0].equals("n"), new Position(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(
                    "cursor is not one this API gave: pass the next or previous value of a page as it is");
        }
    }

    /** Activepieces' own cursor for rows whose second is after ({@code next}) or before that of {@code millis}. */
    static String cursor(boolean next, long millis) {
        String inner = Base64.getEncoder().encodeToString(("created:" + millis).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
                .encodeToString(((next ? "next_" : "prev_") + inner).getBytes(StandardCharsets.UTF_8));
    }

    private static long secondStart(Instant created) {
        return Math.floorDiv(created.toEpochMilli(), 1000L) * 1000L;
    }

    private static List<ConnectionRow> sorted(List<ConnectionRow> page) {
        var rows = new ArrayList<>(page);
        rows.sort(Comparator.comparing(ConnectionRow::at));
        return rows;
    }
}
