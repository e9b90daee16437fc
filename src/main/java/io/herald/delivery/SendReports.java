package io.herald.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.herald.common.RecentReadings;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

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

    SendReports(DataSource dataSource, DeliveryRows rows) {
        this.dataSource = dataSource;
        this.rows = rows;
    }

    public Optional<DeliveryReport> report(long sendId, Instant now) throws SQLException {
        return Sql.first(dataSource, DeliveryQueries.REPORT, ps -> ps.setLong(1, sendId), rs -> {
            SendStatus status = SendStatus.of(rs.getString(5));
            return DeliveryReport.of(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(4),
                    status,
                    rs.getString(6),
                    Sql.instant(rs, 7),
                    Sql.instant(rs, 8),
                    Sql.instant(rs, 9),
                    rs.getString(10),
                    recentCounts(sendId, status.ended(), now));
        });
    }

    /**
     * The counts of a running send, read again once the last reading is a second old and twenty times as old as it
     * took, or ten seconds old (RecentReadings): counting a million rows per state takes a while, and progress pages,
     * the event stream and the console line all ask every second or two. An ended send's counts are read at every
     * request.
     */
    private Counted recentCounts(long sendId, boolean ended, Instant at) throws SQLException {
        if (ended) {
            counted.forget(sendId);
            return count(sendId, true, at);
        }
        return counted.get(sendId, () -> count(sendId, false, at));
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
