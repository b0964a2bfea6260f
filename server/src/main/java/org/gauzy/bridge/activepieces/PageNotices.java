package org.gauzy.bridge.activepieces;

import java.util.Map;
import org.gauzy.bridge.pages.Pages;
import org.jspecify.annotations.Nullable;

/**
 * The confirmations the Activepieces pages show after a redirect (see {@link Pages#notice}).
 */
final class PageNotices {

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("integrated", "Activepieces is integrated: the key was accepted and stored encrypted."),
            Map.entry("key-replaced", "The new API key was accepted and replaced the old one."),
            Map.entry("enabled", "The integration is enabled."),
            Map.entry("disabled", "The integration is disabled: it lends its key to nothing until you enable it."),
            Map.entry("removed", "The integration was removed, with its stored key."),
            Map.entry("connection-created", "The connection was created in Activepieces."),
            Map.entry("connection-deleted", "The connection was deleted in Activepieces."),
            Map.entry("mcp-renamed", "The MCP server was renamed."),
            Map.entry("mcp-tools", "The MCP server's tools were saved."),
            Map.entry(
                    "mcp-rotated",
                    "The MCP server's token was rotated: clients using the old one must get the new "
                            + "one from Activepieces."));

    private PageNotices() {}

    static @Nullable String text(@Nullable String key) {
        return Pages.notice(TEXTS, key);
    }
}
