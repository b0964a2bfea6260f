package org.gauzy.bridge.automation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a flow's latest version says about it ({@code PopulatedFlow}: flows/flow.ts, flow-version.ts,
 * triggers/trigger.ts, actions/action.ts in Activepieces' shared package @66f43de175): its name, whether it
 * is on, its trigger, every piece its steps use (following {@code nextAction}, a loop's
 * {@code firstLoopAction} and a router's {@code children}), and the connections (external ids) it uses.
 */
record FlowFacts(
        String id,
        String displayName,
        boolean enabled,
        String trigger,
        Set<String> pieces,
        List<String> connectionIds,
        @Nullable String updated) {

    static FlowFacts of(JsonNode flow) {
        JsonNode version = flow.path("version");
        JsonNode trigger = version.path("trigger");
        var pieces = new LinkedHashSet<String>();
        collect(trigger, pieces, 0);
        var connections = new ArrayList<String>();
        version.path("connectionIds").forEach(c -> connections.add(c.asString()));
        return new FlowFacts(
                flow.path("id").asString(),
                version.path("displayName").asString(flow.path("id").asString()),
                "ENABLED".equals(flow.path("status").asString()),
                describe(trigger),
                Set.copyOf(pieces),
                List.copyOf(connections),
                flow.path("updated").isString() ? flow.path("updated").asString() : null);
    }

    /** {@code @activepieces/piece-ever-gauzy: new_task}, or the trigger's type when it has no piece. */
    private static String describe(JsonNode trigger) {
        JsonNode settings = trigger.path("settings");
        if (settings.path("pieceName").isString()) {
            String name = settings.path("triggerName").isString()
                    ? ": " + settings.path("triggerName").asString()
                    : "";
            return settings.path("pieceName").asString() + name;
        }
        return trigger.path("type").asString("EMPTY");
    }

    /** The pieces of a step and of every step after or inside it; deep nesting is cut off, not followed. */
    private static void collect(JsonNode step, Set<String> pieces, int depth) {
        for (JsonNode at = step; at.isObject() && depth < 500; at = at.path("nextAction"), depth++) {
            JsonNode settings = at.path("settings");
            if (settings.path("pieceName").isString()) {
                pieces.add(settings.path("pieceName").asString());
            }
            if (at.path("firstLoopAction").isObject()) {
                collect(at.path("firstLoopAction"), pieces, depth + 1);
            }
            for (JsonNode child : at.path("children")) {
                collect(child, pieces, depth + 1);
            }
        }
    }
}
