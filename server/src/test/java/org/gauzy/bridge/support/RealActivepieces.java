package org.gauzy.bridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Activepieces that the kit in {@code shared/real-activepieces} built, started and provisioned:
 * what its {@code provisioned.json} says (the file named by {@code REAL_ACTIVEPIECES}, else the kit's
 * default under the cache folder). Only the {@code real-activepieces} Maven profile uses it.
 */
public final class RealActivepieces {

    /** The {@code test.sandbox} name that selects the real Activepieces. */
    public static final String NAME = "real";

    /** @param baseUrl without {@code /api} */
    public record Facts(String baseUrl, @Nullable String apiKey, String email, String password, String projectId) {}

    private static final AtomicReference<Facts> FACTS = new AtomicReference<>();

    private RealActivepieces() {}

    public static Facts facts() {
        return FACTS.updateAndGet(known -> known != null ? known : read(provisioned()));
    }

    static Path provisioned() {
        String given = System.getenv("REAL_ACTIVEPIECES");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base =
                cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("real-activepieces").resolve("provisioned.json");
    }

    private static Facts read(Path file) {
        JsonNode facts;
        try {
            facts = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No provisioned real Activepieces at " + file + ": run the kit's setup.sh, "
                            + "start.sh, provision.sh and smoke.sh first (README: testing against the real Activepieces)",
                    e);
        }
        return new Facts(
                facts.path("baseUrl").asString().replaceAll("/api/?$", ""),
                facts.path("apiKey").asString(null),
                facts.path("email").asString(),
                facts.path("password").asString(),
                facts.path("projectId").asString());
    }
}
