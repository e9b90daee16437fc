package io.herald.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One batch run's outcomes, written to the ledger ledger-flush at a time, and what the batch did. */
final class OutcomeTally {

    private final DeliveryRows rows;
    private final DeliveryMetrics metrics;
    private final LedgerWriteGuard guard;
    private final Clock clock;
    private final int flushAt;
    private final LedgerJournal journal;
    private final List<DeliveryRows.Outcome> buffer = new ArrayList<>();
    private final List<LedgerJournal.Segment> journaled = new ArrayList<>();
    private int attempted;
    private int failed;
    private String lastError;
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
            int flushAt) {
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
            throw e;
        }
        journal.written(journaled);
        journaled.clear();
        metrics.recorded(buffer);
        buffer.clear();
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
