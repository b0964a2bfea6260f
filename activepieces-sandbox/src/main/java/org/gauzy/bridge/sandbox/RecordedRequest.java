package org.gauzy.bridge.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the sandbox received on {@code /api}, so tests can assert exactly what was sent.
 * Credentials in headers are masked to their last 4 characters.
 */
public record RecordedRequest(
        Instant at,
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        String body) {

    public @Nullable String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
