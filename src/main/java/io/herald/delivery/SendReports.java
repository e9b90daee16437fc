package io.herald.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import io.herald.common.RecentReadings;
import io.herald.storage.Sql;
import io.herald.subscriber.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where a send stands: its row and its readers' rows counted by state, with the rate and an estimate of the end. */
@ApplicationScoped
public class SendReports {

    /** The counts of a send's rows by state, and its readers due later, as of {@code at}. */
    record Counted(Map<DeliveryState, Long> counts, DeliveryRows.Later later, Instant at) {}

    /** How many times as long as a running send's last count took its counts are kept (about 5% of a thread). */
    static final int RECOUNT_FACTOR = 20;

    private final DataSource dataSource;
    private final DeliveryRows rows;
    /**
     * A running send's counts are read again after a second at the soonest, after twenty times what reading took, and
     * after ten seconds at the latest.
     */
    private final RecentReadings<Long, Counted> counted =
            new RecentReadings<>(TimeUnit.SECONDS.toNanos(1), RECOUNT_FACTOR, TimeUnit.SECONDS.toNanos(10));

    /**
     * How long a finished send's counts are kept at most. Its rows change no more (an outcome is written only over a
     * pending row, or a cancelled one, and a finished send has neither) until a reader is erased and their rows go:
     * the counts are taken again after any node's erasure ({@link #ERASURES_READ_NANOS}), and after a day in any case
     * (a database restored or changed by hand).
     */
    static final long FINISHED_KEPT_NANOS = TimeUnit.DAYS.toNanos(1);

    /**
     * How often the number of erasures so far is read from the database: another node's erasure shows in this node's
     * counts within this time (this node's own at once).
     */
    static final long ERASURES_READ_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The number of erasures so far, by any node ({@link Suppressions#erasures}); it only grows. */
    interface Erasures {
        long count() throws SQLException;
    }

    /** What had been erased when counts were taken: this node's erasures, and every node's as the database told. */
    private record Erased(long here, long everywhere) {}

    /** A finished send's counts, with the erasures before they were taken. */
    private record Finished(Counted counted, Erased erased) {}

    /**
     * Finished sends' counts: the ops console shows thirty sends, and counting one of a million rows by state takes
     * PostgreSQL about a sixth of a second and H2 over half a second, at every view otherwise.
     */
    private final RecentReadings<Long, Finished> finished;

    private final Erasures erasures;
    private final RecentReadings<Boolean, Long> erasedEverywhere;
    private final AtomicLong erasedHere = new AtomicLong();

    @Inject
    SendReports(DataSource dataSource, DeliveryRows rows, Suppressions suppressions) {
        this(dataSource, rows, suppressions::erasures, System::nanoTime);
    }

    /** The same, with the erasures read from {@code erasures} and time on the clock {@code nanos} (tests). */
    SendReports(DataSource dataSource, DeliveryRows rows, Erasures erasures, LongSupplier nanos) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.erasures = erasures;
        this.finished = new RecentReadings<>(FINISHED_KEPT_NANOS, 1, FINISHED_KEPT_NANOS, 1024, nanos);
        this.erasedEverywhere = new RecentReadings<>(ERASURES_READ_NANOS, 1, ERASURES_READ_NANOS, 1, nanos);
    }

    public Optional<DeliveryReport> report(long sendId, Instant now) throws SQLException {
        Optional<SendHistory.SendRow> row =
                Sql.first(dataSource, DeliveryQueries.REPORT, ps -> ps.setLong(1, sendId), SendHistory.SendRow::read);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                DeliveryReport.of(row.get(), recentCounts(sendId, row.get().status(), now)));
    }

    /**
     * A reader's rows were erased (GDPR): the finished sends' counts this node keeps may count them. Called once the
     * erasure is committed; a count taken meanwhile is known by its number of erasures and taken again.
     */
    public void readerErased() {
        erasedHere.incrementAndGet();
        erasedEverywhere.forgetAll();
        finished.forgetAll();
    }

    /**
     * The counts of a running send, read again once the last reading is a second old and twenty times as old as it
     * took, or ten seconds old (RecentReadings): counting a million rows per state takes a while, and progress pages,
     * the event stream and the console line all ask every second or two. A finished send's counts are kept
     * ({@link #FINISHED_KEPT_NANOS}); a cancelled send's are read at every request, as a message in flight at the
     * cancel is still recorded sent over its cancelled row, even by a node that replays its journal much later.
     * What had been erased is read before the rows are counted: an erasure that commits meanwhile leaves counts
     * marked older than they are, and they are taken again at the next request, never the other way round.
     */
    private Counted recentCounts(long sendId, SendStatus status, Instant at) throws SQLException {
        if (!status.ended()) {
            return counted.get(sendId, () -> count(sendId, false, at));
        }
        counted.forget(sendId);
        if (status != SendStatus.FINISHED) {
            return count(sendId, true, at);
        }
        Erased erased = new Erased(erasedHere.get(), erasedEverywhere.get(Boolean.TRUE, erasures::count));
        Finished kept = finished.get(sendId, () -> new Finished(count(sendId, true, at), erased));
        if (!kept.erased().equals(erased)) {
            finished.forget(sendId);
            kept = finished.get(sendId, () -> new Finished(count(sendId, true, at), erased));
        }
        return kept.counted();
    }

    private Counted count(long sendId, boolean ended, Instant at) throws SQLException {
        Map<DeliveryState, Long> counts = rows.counts(sendId);
        // Rows in flight are pending in the ledger: the workers' current claims are shown as sending.
        long pending = counts.getOrDefault(DeliveryState.PENDING, 0L);
        long inFlight = ended || pending == 0 ? 0 : Math.min(pending, rows.inFlight(sendId, at));
        if (inFlight > 0) {
            counts.put(DeliveryState.PENDING, pending - inFlight);
            counts.put(DeliveryState.SENDING, inFlight);
        }
        // Only a running send with pending rows can have readers due later.
        DeliveryRows.Later later = !ended && counts.getOrDefault(DeliveryState.PENDING, 0L) > 0
                ? rows.dueLater(sendId, at)
                : DeliveryRows.Later.NONE;
        return new Counted(counts, later, at);
    }
}
