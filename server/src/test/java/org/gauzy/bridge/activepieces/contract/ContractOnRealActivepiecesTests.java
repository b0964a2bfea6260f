package org.gauzy.bridge.activepieces.contract;

import org.gauzy.bridge.support.OnH2;
import org.springframework.test.context.TestPropertySource;

/**
 * The contract suite against the real Activepieces 0.85.4 that {@code shared/real-activepieces} runs:
 * only in the {@code real-activepieces} Maven profile (see the README), never in {@code .ci/run}.
 */
@OnH2
@TestPropertySource(properties = {"test.sandbox=real", "gauzy.activepieces.piece-name=@activepieces/piece-ashby"})
class ContractOnRealActivepiecesTests extends ActivepiecesContractTests {

    @Override
    protected ActivepiecesTarget target() {
        return ActivepiecesTarget.real();
    }

    /** The real server's clock cannot be held: the burst is 24 upserts from 8 threads, which share seconds. */
    @Override
    protected void inOneSecond(Runnable burst) {
        burst.run();
    }
}
