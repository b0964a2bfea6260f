package org.gauzy.bridge.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to start the sandbox: from {@code --name=value} arguments, else the {@code AP_SANDBOX_*}
 * environment variables, else defaults (port 8090 on the command line, version 0.85, generated
 * credentials).
 */
record SandboxOptions(
        int port,
        String apVersion,
        @Nullable String apiKey,
        @Nullable String projectId,
        @Nullable String userEmail,
        @Nullable String userPassword) {

    static final String DEFAULT_VERSION = "0.85";
    static final int DEFAULT_PORT = 8090;

    SandboxOptions {
        if (apiKey != null && !apiKey.startsWith("sk-")) {
            throw new IllegalArgumentException("An Activepieces API key starts with sk-");
        }
        if (projectId != null && !Ids.isApId(projectId)) {
            throw new IllegalArgumentException("A project id is 21 letters and digits (Activepieces' ApId)");
        }
    }

    static SandboxOptions parse(String[] args, Map<String, String> env) {
        var given = new HashMap<String, String>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "': use --name=value");
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        for (String name : given.keySet()) {
            if (!Set.of("port", "ap-version", "api-key", "project-id", "user-email", "user-password")
                    .contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; known: --port, --ap-version, "
                        + "--api-key, --project-id, --user-email, --user-password");
            }
        }
        String port = pick(given, "port", env, "AP_SANDBOX_PORT");
        String version = pick(given, "ap-version", env, "AP_SANDBOX_AP_VERSION");
        try {
            return new SandboxOptions(
                    port == null ? DEFAULT_PORT : Integer.parseInt(port),
                    version == null ? DEFAULT_VERSION : version,
                    pick(given, "api-key", env, "AP_SANDBOX_API_KEY"),
                    pick(given, "project-id", env, "AP_SANDBOX_PROJECT_ID"),
                    pick(given, "user-email", env, "AP_SANDBOX_USER_EMAIL"),
                    pick(given, "user-password", env, "AP_SANDBOX_USER_PASSWORD"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not '" + port + "'");
        }
    }

    private static @Nullable String pick(
            Map<String, String> given, String option, Map<String, String> env, String variable) {
        String value = given.getOrDefault(option, env.get(variable));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
