package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where a send stands, counted from its ledger rows, with its rate and an estimate of when it ends. The counts of a
 * running send are as of {@code countedAt} (SendReports keeps them a while), and its rate and end are reckoned to
 * that moment.
 */
public record DeliveryReport(
        long id,
        String list,
        long edition,
        boolean dryRun,
        SendStatus status,
        String statusReason,
        String startedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        long total,
        long pending,
        long sending,
        long sent,
        long failed,
        long skipped,
        long cancelled,
        long dueLater,
        Instant nextRelease,
        double rate,
        Instant eta,
        Instant countedAt) {

    /** The send's row with its readers counted. */
    static DeliveryReport of(SendHistory.SendRow row, SendReports.Counted counted) {
        Instant startedAt = row.startedAt();
        Instant finishedAt = row.finishedAt();
        Map<DeliveryState, Long> n = counted.counts();
        DeliveryRows.Later later = counted.later();
        long total = n.values().stream().mapToLong(Long::longValue).sum();
        long pending = n.getOrDefault(DeliveryState.PENDING, 0L);
        long sending = n.getOrDefault(DeliveryState.SENDING, 0L);
        long sent = n.getOrDefault(DeliveryState.SENT, 0L);
        Instant end = finishedAt != null ? finishedAt : counted.at();
        double seconds = startedAt == null
                ? 0
                : Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double rate = seconds == 0 ? 0 : sent / seconds;
        // A send with readers due later ends at the last release (plus the moments their messages take).
        Instant eta = finishedAt != null
                ? finishedAt
                : later.rows() > 0
                        ? later.last()
                        : rate > 0 ? counted.at().plusMillis((long) ((pending + sending) / rate * 1000)) : null;
        return new DeliveryReport(
                row.id(),
                row.list(),
                row.edition(),
                row.dryRun(),
                row.status(),
                row.statusReason(),
                row.startedBy(),
                row.createdAt(),
                startedAt,
                finishedAt,
                total,
                pending,
                sending,
                sent,
                n.getOrDefault(DeliveryState.FAILED_TEMPORARY, 0L) + n.getOrDefault(DeliveryState.FAILED_PERMANENT, 0L),
                n.getOrDefault(DeliveryState.SKIPPED, 0L),
                n.getOrDefault(DeliveryState.CANCELLED, 0L),
                later.rows(),
                later.next(),
                Math.round(rate * 10) / 10.0,
                eta,
                counted.at());
    }

    /** The same report with another reason for its status. */
    public DeliveryReport withStatusReason(String reason) {
        return new DeliveryReport(
                id,
                list,
                edition,
                dryRun,
                status,
                reason,
                startedBy,
                createdAt,
                startedAt,
                finishedAt,
                total,
                pending,
                sending,
                sent,
                failed,
                skipped,
                cancelled,
                dueLater,
                nextRelease,
                rate,
                eta,
                countedAt);
    }

    /** Planned or sending: rows may still go out. */
    public boolean running() {
        return status.running();
    }

    public boolean finished() {
        return status.ended();
    }
}
