package org.gauzy.bridge.sandbox;

/**
 * The Activepieces release the sandbox imitates, which decides the routes it serves: MCP generation B
 * (0.56–0.72, many named servers, {@code /v1/mcp-servers}) or D (0.83 on, one server per project),
 * and {@code GET /v1/app-connections/:id} (from 0.86, the first release after 0.85.4).
 */
record ApVersion(int major, int minor, int patch) {

    static ApVersion parse(String text) {
        String[] parts = text.trim().replaceFirst("^v", "").split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : newestPatch(major, minor);
            var version = new ApVersion(major, minor, patch);
            version.mcpGeneration();
            return version;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ap-version must look like 0.85 or 0.72.1, not '" + text + "'");
        }
    }

    /**
     * A release named without its patch is the newest patch modelled: 0.85 is 0.85.4 and 0.72 is 0.72.4
     * (the releases read and run), so "0.85" has what 0.85.2 brought.
     */
    private static int newestPatch(int major, int minor) {
        return major == 0 && (minor == 85 || minor == 72) ? 4 : 0;
    }

    boolean atLeast(int major, int minor, int patch) {
        return this.major != major || this.minor != minor ? atLeast(major, minor) : this.patch >= patch;
    }

    /** 0.85.2 renamed the project MCP server's {@code enabledTools} to {@code disabledTools} (dce719d82c). */
    String mcpToolsField() {
        return atLeast(0, 85, 2) ? "disabledTools" : "enabledTools";
    }

    boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    boolean hasConnectionById() {
        return atLeast(0, 86);
    }

    /**
     * Security "v2" (0.75 on): sessions not bound to a project, project access by membership, and other
     * wording. Before it ({@code core/security/authn/platform-api-key-authn-handler.ts} and
     * {@code authz/project-authz-handler.ts} @be989f5cba), a key refused for a project says "invalid api
     * key" and a session used outside its project "invalid project id".
     */
    boolean securityV2() {
        return atLeast(0, 75);
    }

    /** Security "v2" (0.75 on) words a refused principal type differently from v1. */
    String principalRefusal() {
        return atLeast(0, 75) ? "principal is not allowed for this route" : "invalid route for principal type";
    }

    /** B (0.56–0.72), C (0.73–0.82: one server per project with a {@code status}, 8ac70bf20c) or D (0.83 on). */
    char mcpGeneration() {
        if (atLeast(0, 83)) {
            return 'D';
        }
        if (atLeast(0, 73)) {
            return 'C';
        }
        if (atLeast(0, 56)) {
            return 'B';
        }
        throw new IllegalArgumentException("Activepieces " + this + " is not simulated: choose 0.56 or later");
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
