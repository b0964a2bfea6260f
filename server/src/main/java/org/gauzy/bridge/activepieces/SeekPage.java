package org.gauzy.bridge.activepieces;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Activepieces' page shape, {@code {data, next, previous}}, which our list routes keep. */
record SeekPage<T>(
        List<T> data, @Nullable String next, @Nullable String previous) {

    /** Activepieces' own page, passed on as it came. */
    static SeekPage<JsonNode> of(JsonNode page, List<JsonNode> data) {
        return new SeekPage<>(
                data, page.path("next").asString(null), page.path("previous").asString(null));
    }
}
