package org.gauzy.bridge.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Times as Gauzy writes them: in UTC, to the millisecond, as JavaScript's {@code Date.toISOString()}
 * does ({@code 2026-11-28T22:58:11.123Z}), whatever precision the database kept. Written by hand
 * because Jackson's writer goes through {@code DateTimeFormatter}, which builds a {@code BigDecimal}
 * for every fraction of a second: a page of 50 tasks holds 150 times, and formatting them was a
 * fifth of what a task list allocated (measured).
 */
public final class JsonTimes {

    private static final int LENGTH = "2026-11-28T22:58:11.123Z".length();

    private JsonTimes() {}

    /** The time as the API writes it. */
    public static String format(Instant instant) {
        return format(instant.atOffset(ZoneOffset.UTC));
    }

    static String format(OffsetDateTime time) {
        char[] out = new char[LENGTH];
        return write(time, out) ? new String(out) : outOfRange(time);
    }

    /** Serializers for {@link OffsetDateTime} and {@link Instant} that write the API's form. */
    static SimpleModule module() {
        return new SimpleModule("gauzy-times")
                .addSerializer(OffsetDateTime.class, new ValueSerializer<OffsetDateTime>() {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
                        char[] out = new char[LENGTH];
                        if (write(value, out)) {
                            generator.writeString(out, 0, LENGTH);
                        } else {
                            generator.writeString(outOfRange(value));
                        }
                    }
                })
                .addSerializer(Instant.class, new ValueSerializer<Instant>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                        generator.writeString(format(value));
                    }
                });
    }

    /** Writes the four-digit-year form into {@code out}; false for a year it cannot hold. */
    private static boolean write(OffsetDateTime time, char[] out) {
        OffsetDateTime utc =
                time.getOffset().equals(ZoneOffset.UTC) ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, utc.getHour(), 2);
        out[13] = ':';
        digits(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, utc.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, utc.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return true;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Years JavaScript writes with six digits and a sign: rare enough for the JDK's own form. */
    private static String outOfRange(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
