package org.gauzy.bridge.activepieces;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Which MCP API the Activepieces at the configured base URL has: generation B (0.56–0.72, named
 * servers at {@code /v1/mcp-servers}) or D (0.83 on, one server per project). Taken from
 * {@code ACTIVEPIECES_API_VERSION} when set, else detected once per base URL: generation D answers
 * {@code /v1/mcp-servers} with Fastify's "Route not found".
 */
@Component
class McpGeneration {

    enum Generation { B, D }

    private final ActivepiecesSettings settings;
    private final ActivepiecesCalls calls;
    private final Map<String, Generation> detected = new ConcurrentHashMap<>();

    McpGeneration(ActivepiecesSettings settings, ActivepiecesCalls calls) {
        this.settings = settings;
        this.calls = calls;
    }

    /** The generation, detected with the user's session if not configured. */
    Generation of(Credential user, String projectId) {
        Generation configured = configured(settings.apiVersion());
        if (configured != null) {
            return configured;
        }
        Generation known = detected.get(settings.apiBase());
        if (known != null) {
            return known;
        }
        Generation found = detect(user, projectId);
        detected.put(settings.apiBase(), found);
        return found;
    }

    private Generation detect(Credential user, String projectId) {
        try {
            calls.sendAsUser(user, projectId, ActivepiecesHttp.Call.get("mcp-servers").param("projectId", projectId)
                    .param("limit", 1));
            return Generation.B;
        } catch (ActivepiecesFailure failure) {
            boolean routeNotFound = failure.upstreamStatus == 404 && failure.upstreamCode == null;
            return routeNotFound ? Generation.D : Generation.B;
        }
    }

    /** "B" or "D", or a release such as "0.72" or "0.85.4". */
    static @Nullable Generation configured(@Nullable String version) {
        if (!StringUtils.hasText(version)) {
            return null;
        }
        String v = version.trim().toUpperCase(Locale.ROOT);
        if (v.equals("B") || v.equals("D")) {
            return Generation.valueOf(v);
        }
        String[] parts = v.replaceFirst("^V", "").split("\\.");
        try {
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return Integer.parseInt(parts[0]) > 0 || minor >= 73 ? Generation.D : Generation.B;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("ACTIVEPIECES_API_VERSION must be B, D or a release such as 0.85");
        }
    }
}
