package org.gauzy.bridge.activepieces.contract;

import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.OnPostgres;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** The contract suite against the sandbox of each release it serves, on H2 and on PostgreSQL. */
class ContractOnSandboxTests {

    /** The sandbox the context's {@code test.sandbox} names: one of the test's own, whose clock the burst may pin. */
    abstract static class OnSandbox extends ActivepiecesContractTests {

        @Value("${test.sandbox}")
        String sandboxName;

        ActivepiecesSandbox sandbox() {
            return TestSandbox.named(sandboxName);
        }

        @Override
        protected ActivepiecesTarget target() {
            return ActivepiecesTarget.sandbox(sandbox());
        }

        @Override
        protected void inOneSecond(Runnable burst) {
            sandbox().clock().pinToSecond();
            try {
                burst.run();
            } finally {
                sandbox().clock().unpin();
            }
        }
    }

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=contract@0.85")
    class Release085OnH2 extends OnSandbox {}

    @Nested
    @OnPostgres
    @TestPropertySource(properties = "test.sandbox=contract@0.85")
    class Release085OnPostgres extends OnSandbox {}

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=contract@0.72")
    class Release072OnH2 extends OnSandbox {}

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=contract@0.76.1")
    class Release076OnH2 extends OnSandbox {}

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=contract@0.83.0")
    class Release083OnH2 extends OnSandbox {}

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=contract@0.86")
    class Release086OnH2 extends OnSandbox {}
}
