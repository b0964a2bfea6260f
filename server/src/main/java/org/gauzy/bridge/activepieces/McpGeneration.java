package org.gauzy.bridge.activepieces;

import java.util.Locale;
import java.util.Optional;
import org.gauzy.bridge.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Which MCP API the Activepieces at the configured base URL has, from its release: generation B
 * (0.61–0.72, named servers at {@code /v1/mcp-servers}; create, get, {@code name} and {@code tools}
 * first ship in 0.61.0, b354248d45) or D (0.83 on, one server per project). Releases between have
 * an MCP API of another shape (0.76.1: a server with a {@code status}, 8ac70bf20c), and those before
 * 0.61 a {@code pieces} model: for them the answer is a 422 that names the releases that work.
 * {@code ACTIVEPIECES_API_VERSION} may pin "B", "D" or a release.
 */
@Component
class McpGeneration {

    enum Generation {
        B,
        D
    }

    private final ActivepiecesSettings settings;
    private final ActivepiecesRelease release;

    McpGeneration(ActivepiecesSettings settings, ActivepiecesRelease release) {
        this.settings = settings;
        this.release = release;
        if (StringUtils.hasText(settings.apiVersion())) {
            validate(settings.apiVersion());
        }
    }

    Generation current() {
        String pinned = settings.apiVersion();
        if (StringUtils.hasText(pinned)) {
            String v = pinned.trim().toUpperCase(Locale.ROOT);
            if (v.equals("B") || v.equals("D")) {
                return Generation.valueOf(v);
            }
        }
        Optional<ActivepiecesRelease.Version> version = release.current();
        if (version.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "Activepieces at " + settings.baseUrl() + " does not say "
                            + "its release (GET /v1/flags); set ACTIVEPIECES_API_VERSION to it");
        }
        return of(version.get());
    }

    static Generation of(ActivepiecesRelease.Version version) {
        if (version.atLeast(0, 83, 0)) {
            return Generation.D;
        }
        if (version.atLeast(0, 61, 0) && !version.atLeast(0, 73, 0)) {
            return Generation.B;
        }
        throw new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Managing MCP servers needs Activepieces 0.61 to 0.72 or 0.83 and later; this Activepieces is "
                        + version);
    }

    /** "B" or "D", or a release such as "0.72" or "0.85.4": the service does not start with anything else. */
    private static void validate(String configured) {
        String v = configured.trim().toUpperCase(Locale.ROOT);
        if (!v.equals("B")
                && !v.equals("D")
                && ActivepiecesRelease.Version.parse(v).isEmpty()) {
            throw new IllegalStateException("ACTIVEPIECES_API_VERSION must be B, D or a release such as 0.85");
        }
    }
}
