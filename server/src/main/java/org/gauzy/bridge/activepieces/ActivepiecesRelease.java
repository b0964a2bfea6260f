package org.gauzy.bridge.activepieces;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The Activepieces release at the configured base URL, for the behaviours that differ by release:
 * {@code ACTIVEPIECES_API_VERSION} when set, else what Activepieces says of itself in its public flags
 * ({@code GET /v1/flags}, {@code CURRENT_VERSION}, in {@code flags/flag.service.ts} of every release
 * served), asked once per base URL.
 */
@Component
class ActivepiecesRelease {

    /** A release, compared by major, minor and patch. */
    record Version(int major, int minor, int patch) implements Comparable<Version> {

        static Optional<Version> parse(@Nullable String text) {
            if (!StringUtils.hasText(text)) {
                return Optional.empty();
            }
            String[] parts = text.trim().replaceFirst("^[vV]", "").split("[.-]");
            try {
                return Optional.of(new Version(
                        Integer.parseInt(parts[0]),
                        parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                        parts.length > 2 ? Integer.parseInt(parts[2]) : 0));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean atLeast(int major, int minor, int patch) {
            return compareTo(new Version(major, minor, patch)) >= 0;
        }

        @Override
        public int compareTo(Version other) {
            int c = Integer.compare(major, other.major);
            c = c != 0 ? c : Integer.compare(minor, other.minor);
            return c != 0 ? c : Integer.compare(patch, other.patch);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    private final ActivepiecesSettings settings;
    private final ActivepiecesHttp http;
    private final Map<String, Optional<Version>> known = new ConcurrentHashMap<>();

    ActivepiecesRelease(ActivepiecesSettings settings, ActivepiecesHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** The release, if configured or said; empty when Activepieces does not say (its flags changed). */
    Optional<Version> current() {
        // "B" and "D" pin only the MCP generation (see McpGeneration), not a release.
        Optional<Version> configured = Version.parse(settings.apiVersion());
        if (configured.isPresent()) {
            return configured;
        }
        Optional<Version> found = known.get(settings.apiBase());
        if (found == null) {
            found = Version.parse(http.send(null, ActivepiecesHttp.Call.get("flags"))
                    .path("CURRENT_VERSION")
                    .asString(null));
            known.put(settings.apiBase(), found);
        }
        return found;
    }
}
