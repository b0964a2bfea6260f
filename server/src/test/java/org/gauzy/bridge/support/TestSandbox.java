package org.gauzy.bridge.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;

/**
 * The Activepieces sandboxes test contexts talk to: one per name for the whole test JVM, all with the
 * same platform key (configured as the service's global key). The default one runs 0.85; a test class
 * picks another with {@code @TestPropertySource(properties = "test.sandbox=<name>")}, where a name that
 * is a version ("0.72") selects that version, a name ending in {@code @<version>} ("contract@0.72") a
 * private sandbox of that version, and any other name a private 0.85 sandbox (for faults that must not
 * touch other tests). The name {@code real} points the service at the real Activepieces instead
 * ({@link RealActivepieces}). Tests share a sandbox, so they create their own data and
 * remove the faults they inject.
 */
public final class TestSandbox {

    /** The sandbox platform's key, configured as the service's global key (GAUZY_ACTIVEPIECES_API_KEY). */
    public static final String GLOBAL_KEY = "sk-GlobalSharedTestKey000000000000000000000000000000000000000000";

    public static final String DEFAULT = "default";
    /** A base URL where nothing listens. */
    public static final String UNREACHABLE = "unreachable";

    private static final Map<String, ActivepiecesSandbox> SANDBOXES = new ConcurrentHashMap<>();

    private TestSandbox() {}

    public static ActivepiecesSandbox shared() {
        return named(DEFAULT);
    }

    public static ActivepiecesSandbox named(String name) {
        return SANDBOXES.computeIfAbsent(
                name,
                n -> ActivepiecesSandbox.builder()
                        .apVersion(version(n))
                        .apiKey(GLOBAL_KEY)
                        .start());
    }

    private static String version(String name) {
        String version = name.contains("@") ? name.substring(name.lastIndexOf('@') + 1) : name;
        return version.matches("\\d+\\.\\d+(\\.\\d+)?") ? version : "0.85";
    }

    /** The base URL the service is configured with for a sandbox name. */
    public static String baseUrl(String name) {
        if (RealActivepieces.NAME.equals(name)) {
            return RealActivepieces.facts().baseUrl();
        }
        return UNREACHABLE.equals(name) ? "http://127.0.0.1:9" : named(name).baseUrl();
    }
}
