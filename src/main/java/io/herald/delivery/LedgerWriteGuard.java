package io.herald.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a worker could not write its outcomes to the ledger a moment ago (the database went away), or is still
 * trying to. Sent messages whose outcomes are not written would be sent again later if the writing worker gave up,
 * and a worker that takes over its batch once the database is back must not send them before that worker has written
 * them: while any worker of the node tries, and for five seconds after a write last failed, no worker of the node
 * starts another message (DatabaseLossIT).
 */
@ApplicationScoped
class LedgerWriteGuard {

    private static final long QUIET_NANOS = Duration.ofSeconds(5).toNanos();

    private volatile long failedAt = System.nanoTime() - QUIET_NANOS;
    private final AtomicInteger retrying = new AtomicInteger();

    /** An outcome write just failed. */
    void failed() {
        failedAt = System.nanoTime();
    }

    /** A worker tries its failed write again until it succeeds or gives up ({@link #doneRetrying}). */
    void retrying() {
        retrying.incrementAndGet();
    }

    void doneRetrying() {
        retrying.decrementAndGet();
    }

    /** Refuses to send while a worker tries to write, or a write failed less than five seconds ago. */
    void refuseWhileUnwritable() throws SQLException {
        if (retrying.get() > 0 || System.nanoTime() - failedAt < QUIET_NANOS) {
            throw new SQLException("the ledger could not be written a moment ago; not sending until it can");
        }
    }
}
