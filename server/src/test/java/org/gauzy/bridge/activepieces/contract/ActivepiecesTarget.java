package org.gauzy.bridge.activepieces.contract;

import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.RealActivepieces;
import org.jspecify.annotations.Nullable;

/**
 * The Activepieces a contract test runs against, described by what any Activepieces offers: its base
 * URL, a platform API key (none on a community edition), a user who may sign in, that user's project,
 * and a piece whose metadata it holds, so that connections may name it.
 *
 * @param generation the MCP generation: 'B' (0.56–0.72), 'C' (0.73–0.82, not managed) or 'D' (0.83 on)
 * @param mcpToolsField generation D's tool list: {@code enabledTools} on 0.83, {@code disabledTools} from 0.85.2
 */
public record ActivepiecesTarget(
        String name,
        String baseUrl,
        @Nullable String apiKey,
        String userEmail,
        String userPassword,
        String projectId,
        String pieceName,
        char generation,
        String mcpToolsField) {

    /**
     * The real Activepieces of {@link RealActivepieces}. Its pieces come from the npm registry: connections
     * name {@code @activepieces/piece-ashby}, which the kit's smoke test installs; a piece whose auth has
     * no {@code validate} stores a SECRET_TEXT connection whatever its auth type.
     */
    public static ActivepiecesTarget real() {
        RealActivepieces.Facts facts = RealActivepieces.facts();
        return new ActivepiecesTarget(
                "real 0.85.4",
                facts.baseUrl(),
                facts.apiKey(),
                facts.email(),
                facts.password(),
                facts.projectId(),
                "@activepieces/piece-ashby",
                'D',
                "disabledTools");
    }

    private static char generation(int minor) {
        return minor <= 72 ? 'B' : minor <= 82 ? 'C' : 'D';
    }

    /** A sandbox, through its seed. */
    public static ActivepiecesTarget sandbox(ActivepiecesSandbox ap) {
        return new ActivepiecesTarget(
                "sandbox " + ap.apVersion(),
                ap.baseUrl(),
                ap.seed().apiKey(),
                ap.seed().userEmail(),
                ap.seed().userPassword(),
                ap.seed().projectId(),
                ActivepiecesSandbox.EVER_GAUZY_PIECE,
                generation(Integer.parseInt(ap.apVersion().split("\\.")[1])),
                ap.apVersion().startsWith("0.83.") ? "enabledTools" : "disabledTools");
    }
}
