package io.herald.delivery;

import java.io.Console;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * When Herald runs in a terminal, one progress line per running send, rewritten in place every two seconds:
 * "send 12  45,000/100,000  45%  2,130/s  ETA 26s". Logs stay the record; this is for the person watching.
 */
@ApplicationScoped
public class ConsoleProgress {

    private final SendLedger ledger;
    private final SendReports reports;
    private final Clock clock;
    private final Console console = System.console();

    ConsoleProgress(SendLedger ledger, SendReports reports, Clock clock) {
        this.ledger = ledger;
        this.reports = reports;
        this.clock = clock;
    }

    @Scheduled(
            every = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void print() throws SQLException {
        if (console == null) {
            return;
        }
        for (long id : ledger.runningSends()) {
            reports.report(id, clock.instant())
                    .ifPresent(r -> console.writer().printf("\r%s", line(r)).flush());
        }
    }

    static String line(DeliveryReport r) {
        long done = r.sent() + r.failed() + r.skipped() + r.cancelled();
        long percent = r.total() == 0 ? 100 : done * 100 / r.total();
        String eta = r.eta() == null
                ? "?"
                : Math.max(0, Duration.between(Instant.now(), r.eta()).toSeconds()) + "s";
        return String.format(
                "send %d  %,d/%,d  %d%%  %,.0f/s  ETA %s   ", r.id(), done, r.total(), percent, r.rate(), eta);
    }
}
