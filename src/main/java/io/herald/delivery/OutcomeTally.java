package io.herald.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.herald.storage.Jdbc;
import io.quarkus.logging.Log;

/**
 * One batch run's outcomes, written to the ledger ledger-flush at a time, and what the batch did.
 *
 * <p>A write that fails because the database cannot be reached is tried again {@link #RETRY_EVERY_MILLIS} ms after
 * each failed try for up to ledger-retry, while the worker sends nothing: the messages it holds are then recorded as soon as the
 * database is back, instead of being sent again when the batch's lease ends. While it tries, the node's other workers
 * send nothing ({@link LedgerWriteGuard}), so a worker that claims this batch once the database is back does not send
 * these rows before this one has written them. A node asked to stop gives up at once: its ledger journal has the
 * messages, for the next start. A write the database refused for what it says (not for being out of reach) is not
 * tried again.
 */
final class OutcomeTally {

    static final long RETRY_EVERY_MILLIS = 250;

    private final DeliveryRows rows;
    private final DeliveryMetrics metrics;
    private final LedgerWriteGuard guard;
    private final Clock clock;
    private final int flushAt;
    private final long retryNanos;
    private final BooleanSupplier stopping;
    private final LedgerJournal journal;
    private final List<DeliveryRows.Outcome> buffer = new ArrayList<>();
    private final List<LedgerJournal.Segment> journaled = new ArrayList<>();
    private int attempted;
    private int failed;
    private String lastError;
    private boolean retried;
    /** Why the send must pause now (set by the runner). */
    String halt;
    /** Why no connection could be opened (set by the runner). */
    String relayDown;

    OutcomeTally(
            DeliveryRows rows,
            LedgerJournal journal,
            DeliveryMetrics metrics,
            LedgerWriteGuard guard,
            Clock clock,
            int flushAt,
            Duration retryFor,
            BooleanSupplier stopping) {
        this.retryNanos = retryFor.toNanos();
        this.stopping = stopping;
        this.rows = rows;
        this.journal = journal;
        this.metrics = metrics;
        this.guard = guard;
        this.clock = clock;
        this.flushAt = flushAt;
    }

    /** A message the relay accepted, already in the ledger journal ({@code line}, null if the journal failed). */
    void add(DeliveryRows.Outcome outcome, LedgerJournal.Segment line) throws SQLException {
        journaled.add(line);
        add(outcome);
    }

    void add(DeliveryRows.Outcome outcome) throws SQLException {
        if (outcome.state() != DeliveryState.SKIPPED && !outcome.untried()) {
            attempted++;
            if (outcome.state() != DeliveryState.SENT) {
                failed++;
                lastError = outcome.reply();
            }
        }
        buffer.add(outcome);
        if (buffer.size() >= flushAt) {
            flush();
        }
    }

    void flush() throws SQLException {
        try {
            rows.write(buffer, clock.instant());
        } catch (SQLException e) {
            guard.failed();
            if (!Jdbc.unreachable(e) || stopping.getAsBoolean() || retryNanos <= 0) {
                throw e;
            }
            Log.warnf(
                    "Cannot write %d outcomes to the ledger (%s); trying again until the database is back",
                    buffer.size(), e.getMessage());
            guard.retrying();
            try {
                writeOnceReachable(e);
            } finally {
                guard.doneRetrying();
            }
        }
        journal.written(journaled);
        journaled.clear();
        metrics.recorded(buffer);
        buffer.clear();
    }

    /** Whether every outcome added so far is in the ledger (the last write did not fail). */
    boolean allWritten() {
        return buffer.isEmpty();
    }

    /**
     * Whether a write had to be tried again since the last call: the batch's lease may have run out meanwhile, so
     * the rows still claimed in memory are not sent (another worker may hold them now); the next claim finds those
     * still pending.
     */
    boolean takeRetried() {
        boolean was = retried;
        retried = false;
        return was;
    }

    /** Tries the write again until it succeeds, the node stops, or ledger-retry has passed; {@code first} failed. */
    private void writeOnceReachable(SQLException first) throws SQLException {
        long started = System.nanoTime();
        SQLException last = first;
        for (int tries = 2; ; tries++) {
            pause(last);
            // A try on a connection the stopped server ended would fail although the database is back.
            rows.dropBrokenConnections();
            try {
                rows.write(buffer, clock.instant());
                retried = true;
                Log.infof("The ledger is written again after %d tries: %d outcomes recorded", tries, buffer.size());
                return;
            } catch (SQLException e) {
                guard.failed();
                last = e;
                if (!Jdbc.unreachable(e) || stopping.getAsBoolean() || System.nanoTime() - started >= retryNanos) {
                    Log.warnf("Giving up writing %d outcomes after %d tries: %s", buffer.size(), tries, e.getMessage());
                    throw e;
                }
            }
        }
    }

    private static void pause(SQLException failure) throws SQLException {
        try {
            Thread.sleep(RETRY_EVERY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    SendRunner.Outcome finish(SendLedger.Batch batch) throws SQLException {
        flush();
        return new SendRunner.Outcome(
                attempted,
                failed,
                lastError,
                rows.nextDue(batch),
                Optional.ofNullable(halt),
                Optional.ofNullable(relayDown));
    }
}
