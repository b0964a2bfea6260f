package org.gauzy.bridge.platform;

import java.util.UUID;

/**
 * Ids for rows written in great numbers (webhook events and deliveries, tasks, time logs): UUIDs of
 * version 7 (RFC 9562), whose first 48 bits are the time of creation in milliseconds and whose other 74
 * are random. A new row's id then lands at the end of the indexes that hold ids, next to the ones written
 * just before, rather than at a random place: an insert touches pages that are already in memory.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static UUID next() {
        // The random bits, and the variant, of a random UUID, from the same secure source.
        UUID random = UUID.randomUUID();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
