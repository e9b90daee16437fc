package io.herald.delivery;

import java.io.Console;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.herald.common.RepeatingTask;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When Herald runs in a terminal, one progress line per running send, rewritten in place every two seconds:
 * "send 12  45,000/100,000  45%  2,130/s  ETA 26s". Logs stay the record; this is for the person watching.
 *
 * <p>A thread of the node's own draws it, started only when the node has a terminal. It was a Quartz job, which in
 * a cluster ran on whichever node took it each time (so a terminal's line moved by fits), went through Quartz's
 * tables every two seconds on every node with or without a terminal, and cost each start a lookup and a rewrite of
 * its trigger (migration V24 removes that job from Quartz's tables).
 */
@ApplicationScoped
public class ConsoleProgress {

    private static final Duration EVERY = Duration.ofSeconds(2);

    private final SendLedger ledger;
    private final SendReports reports;
    private final Clock clock;
    private final Console console = System.console();
    private RepeatingTask timer;

    ConsoleProgress(SendLedger ledger, SendReports reports, Clock clock) {
        this.ledger = ledger;
        this.reports = reports;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (console == null) {
            return;
        }
        // A line that cannot be drawn now is drawn at the next turn.
        timer = RepeatingTask.start(
                "herald-console-progress",
                EVERY,
                this::print,
                e -> Log.debugf("No progress line this time: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stopNow();
        }
    }

    private void print() throws SQLException {
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
