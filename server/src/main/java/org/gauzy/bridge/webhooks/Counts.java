package org.gauzy.bridge.webhooks;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/** A count per id, kept while it is above zero; safe to share between threads. */
final class Counts {

    private final Map<UUID, Integer> counts = new ConcurrentHashMap<>();

    void add(UUID id, int n) {
        counts.merge(id, n, Integer::sum);
    }

    /** Takes {@code n} off the id's count; the id goes once nothing is left. */
    void subtract(UUID id, int n) {
        counts.computeIfPresent(id, (key, left) -> left > n ? left - n : null);
    }

    void remove(UUID id) {
        counts.remove(id);
    }

    boolean contains(UUID id) {
        return counts.containsKey(id);
    }

    @Nullable Integer get(UUID id) {
        return counts.get(id);
    }

    /** The ids counted now, as a view that follows later changes. */
    Set<UUID> ids() {
        return counts.keySet();
    }
}
