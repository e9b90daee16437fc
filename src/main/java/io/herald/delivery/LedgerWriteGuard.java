package io.herald.delivery;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a worker last failed to write outcomes to the ledger (the database went away). Sent messages whose outcomes
 * are not written are sent again later; each worker holding a connection can have at most ledger-flush of them, and
 * this keeps the others (waiting for a connection) from adding theirs: the bound stays pool-size x ledger-flush per
 * node (DatabaseLossIT).
 */
@ApplicationScoped
class LedgerWriteGuard {

    private static final long QUIET_NANOS = Duration.ofSeconds(5).toNanos();

    private volatile long failedAt = System.nanoTime() - QUIET_NANOS;

    /** An outcome write just failed. */
    void failed() {
        failedAt = System.nanoTime();
    }

    /** Refuses to send while a write failed less than five seconds ago. */
    void refuseWhileUnwritable() throws SQLException {
        if (System.nanoTime() - failedAt < QUIET_NANOS) {
            throw new SQLException("the ledger could not be written a moment ago; not sending until it can");
        }
    }
}
