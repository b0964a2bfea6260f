package org.gauzy.bridge.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must wait until what the current transaction wrote is visible to other threads and nodes. */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs {@code action} once the current transaction commits (never, if it rolls back), or now without one. */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
