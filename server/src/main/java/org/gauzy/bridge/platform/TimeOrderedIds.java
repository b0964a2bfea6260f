package org.gauzy.bridge.platform;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Ids for rows written in great numbers (webhook events and deliveries, tasks, time logs): UUIDs of
 * version 7 (RFC 9562), whose first 48 bits are the time of creation in milliseconds and whose other 74
 * are random. A new row's id then lands at the end of the indexes that hold ids, next to the ones written
 * just before, rather than at a random place: an insert touches pages that are already in memory.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {}

    /**
     * The same id every time for the same two ids, ordered by the first's time: its 48-bit time, then 74 bits of
     * SHA-256 of both. A webhook delivery's id is derived from its event and its subscription, so that an event
     * fanned out again after a node died (its first delivery sent but never written) is sent under the same
     * {@code webhook-id}, and the receiver can tell it is the same message.
     */
    public static UUID derived(UUID timed, UUID other) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(32)
                    .putLong(timed.getMostSignificantBits())
                    .putLong(timed.getLeastSignificantBits())
                    .putLong(other.getMostSignificantBits())
                    .putLong(other.getLeastSignificantBits())
                    .array());
            ByteBuffer hash = ByteBuffer.wrap(sha.digest());
            long high = (timed.getMostSignificantBits() & 0xFFFFFFFFFFFF0000L) | 0x7000L | (hash.getLong() & 0x0FFFL);
            long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static UUID next() {
        // The random bits, and the variant, of a random UUID, from the same secure source.
        UUID random = UUID.randomUUID();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
