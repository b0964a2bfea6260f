package org.gauzy.bridge.automation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every flow of a project, page after page, none lost to Activepieces' cursor. Its flows are ordered by
 * status and {@code updated}, and the cursor holds {@code updated} to the millisecond while PostgreSQL keeps
 * microseconds, so the next page skips the flows of the last one's millisecond that come after it
 * ({@code buildCompositeCursorQuery} in helper/pagination/paginator.ts @66f43de175). The walk asks again from a
 * cursor one millisecond later, which takes that millisecond in again, and drops the flows it has. Releases
 * before 0.76 write {@code created:<ms>} cursors compared to the second: the walk moves those a second on.
 * A page that brings nothing new ends the walk, marked incomplete, as does the page limit.
 */
final class FlowWalk {

    static final int PAGE = 100;
    static final int MAX_PAGES = 50;

    /** The flows found, and whether some may be missing. */
    record Walked(List<JsonNode> flows, boolean complete) {}

    private FlowWalk() {}

    /** {@code fetch} answers the page for a cursor (null: the first). */
    static Walked all(Function<@Nullable String, JsonNode> fetch, JsonMapper json) {
        var seen = new LinkedHashSet<String>();
        var flows = new ArrayList<JsonNode>();
        String cursor = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            JsonNode page = fetch.apply(cursor);
            int before = flows.size();
            for (JsonNode flow : page.path("data")) {
                if (seen.add(flow.path("id").asString())) {
                    flows.add(flow);
                }
            }
            JsonNode next = page.path("next");
            if (!next.isString() || next.asString().isEmpty()) {
                return new Walked(flows, true);
            }
            if (flows.size() == before) {
                return new Walked(flows, false);
            }
            cursor = widened(next.asString(), json);
            if (cursor == null) {
                cursor = next.asString();
            }
        }
        return new Walked(flows, false);
    }

    /** The cursor moved one millisecond (a second, for a {@code created:} cursor) back toward its page. */
    static @Nullable String widened(String cursor, JsonMapper json) {
        try {
            String outer = new String(Base64.getDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
            int split = outer.indexOf('_');
            if (split < 0) {
                return null;
            }
            String prefix = outer.substring(0, split + 1);
            String inner = new String(Base64.getDecoder().decode(outer.substring(split + 1)), StandardCharsets.UTF_8);
            String moved;
            if (inner.startsWith("created:")) {
                long millis =
                        Long.parseLong(inner.substring("created:".length()).split(",")[0]);
                moved = "created:" + (Math.floorDiv(millis, 1000) + 1) * 1000;
            } else {
                JsonNode keys = json.readTree(inner);
                if (!(keys instanceof ObjectNode object)
                        || !object.path("updated").isString()) {
                    return null;
                }
                object.put(
                        "updated",
                        Instant.parse(object.path("updated").asString())
                                .plusMillis(1)
                                .toString());
                moved = json.writeValueAsString(object);
            }
            return Base64.getEncoder()
                    .encodeToString(
                            (prefix + Base64.getEncoder().encodeToString(moved.getBytes(StandardCharsets.UTF_8)))
                                    .getBytes(StandardCharsets.ISO_8859_1));
        } catch (RuntimeException notOurs) {
            return null;
        }
    }
}
