package io.herald.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** Where a send stands: its row and its readers' rows counted by state, with the rate and an estimate of the end. */
@ApplicationScoped
public class SendReports {

    record Counted(Map<DeliveryState, Long> counts, DeliveryRows.Later later, long atNanos) {}

    private final DataSource dataSource;
    private final DeliveryRows rows;
    private final Map<Long, Counted> counted = new ConcurrentHashMap<>();

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
                    recentCounts(sendId, status.ended(), now),
                    now);
        });
    }

    /**
     * The counts of a running send as of at most a second ago: counting a million rows per state takes a while, and
     * progress pages, the event stream and the console line all ask every second or two.
     */
    private Counted recentCounts(long sendId, boolean ended, Instant at) throws SQLException {
        long now = System.nanoTime();
        Counted last = counted.get(sendId);
        if (ended || last == null || now - last.atNanos() > 1_000_000_000L) {
            Map<DeliveryState, Long> counts = rows.counts(sendId);
            // Only a running send with pending rows can have readers due later.
            DeliveryRows.Later later = !ended && counts.getOrDefault(DeliveryState.PENDING, 0L) > 0
                    ? rows.dueLater(sendId, at)
                    : DeliveryRows.Later.NONE;
            last = new Counted(counts, later, now);
            if (counted.size() > 100) {
                counted.clear();
            }
            counted.put(sendId, last);
        }
        return last;
    }
}
