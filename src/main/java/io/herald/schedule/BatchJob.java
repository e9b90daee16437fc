package io.herald.schedule;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.herald.BatchQueue;
import io.herald.Distribution;
import io.herald.delivery.DeliveryConfig;
import io.herald.delivery.Draining;
import io.herald.storage.Jdbc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * Delivers one batch of a send through Distribution; when rows wait for a retry, schedules itself for then. A run
 * that fails is queued again: soon when the database failed it, as the send goes on once the database is back, and
 * once Quartz's own tables (in the same database) take the job again, which the run waits for.
 */
@Dependent
@DisallowConcurrentExecution
public class BatchJob implements Job {

    /** A run that failed for any other reason runs again this much later. */
    static final Duration AFTER_A_FAILURE = Duration.ofSeconds(30);

    /**
     * A run the database failed (out of reach, or the ledger not writable a moment ago) runs again this much later:
     * the five seconds for which a node sends nothing after a failed ledger write. While the database is away,
     * Quartz cannot start it anyway; it runs once Quartz's tables are back and this time has passed.
     */
    static final Duration AFTER_THE_DATABASE = Duration.ofSeconds(5);

    private static final long QUEUE_AGAIN_EVERY_MILLIS = 1000;

    private final Distribution distribution;
    private final SendScheduler scheduler;
    private final Draining draining;
    private final Duration retryWindow;

    BatchJob(Distribution distribution, SendScheduler scheduler, Draining draining, DeliveryConfig config) {
        this.distribution = distribution;
        this.scheduler = scheduler;
        this.draining = draining;
        this.retryWindow = config.delivery().ledgerRetry();
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long sendId = Long.parseLong(context.getMergedJobDataMap().getString(SendScheduler.SEND_ID));
        int seq = Integer.parseInt(context.getMergedJobDataMap().getString(SendScheduler.BATCH));
        try {
            distribution.deliverBatch(sendId, seq).ifPresent(due -> scheduler.runBatchAt(sendId, seq, due));
        } catch (Exception e) {
            // Quartz drops a failed execution; queue the batch again instead of losing its recipients.
            Duration after;
            if (databaseAway(e)) {
                Log.warnf(
                        "Send %d batch %d: the database failed this run (%s); running it again in %d s",
                        sendId, seq, e.getMessage(), AFTER_THE_DATABASE.toSeconds());
                after = AFTER_THE_DATABASE;
            } else {
                Log.errorf(
                        e,
                        "Send %d batch %d failed to run; retrying in %d s",
                        sendId,
                        seq,
                        AFTER_A_FAILURE.toSeconds());
                after = AFTER_A_FAILURE;
            }
            queueAgain(sendId, seq, after);
            // The run had handed out the send's next batches in the ledger when the queue refused them: queued here
            // too, or they would wait for the send watchdog with nobody sending them.
            notQueued(e).ifPresent(refused -> {
                for (int next : refused.batches()) {
                    Log.infof("Send %d batch %d: handed out, not queued; queueing it again", refused.sendId(), next);
                    queueAgain(refused.sendId(), next, after);
                }
            });
            throw new JobExecutionException(e);
        }
    }

    /**
     * Queues the batch's next run. While Quartz's tables cannot be reached (the database is away), tries again every
     * second until they can, the node stops or herald.delivery.ledger-retry has passed; before, a batch whose next
     * run could not be queued waited for the send watchdog (herald.schedule.watchdog-interval, a minute by default)
     * after the database came back. The watchdog stays the net under what this gives up.
     */
    private void queueAgain(long sendId, int seq, Duration after) {
        long started = System.nanoTime();
        for (int tries = 1; ; tries++) {
            try {
                scheduler.runBatchAt(sendId, seq, Instant.now().plus(after));
                if (tries > 1) {
                    Log.infof("Send %d batch %d queued again after %d tries", sendId, seq, tries);
                }
                return;
            } catch (RuntimeException e) {
                if (!databaseAway(e)
                        || draining.active()
                        || System.nanoTime() - started >= retryWindow.toNanos()
                        || !pause()) {
                    Log.errorf(
                            e, "Send %d batch %d could not be queued again; the send watchdog queues it", sendId, seq);
                    return;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(QUEUE_AGAIN_EVERY_MILLIS);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The batches a failed run handed out and could not queue, if that is among the failure's causes. */
    static Optional<BatchQueue.NotQueued> notQueued(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BatchQueue.NotQueued refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is the database being out of reach: the first SQLException among its causes says. */
    static boolean databaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return Jdbc.unreachable(e);
            }
        }
        return false;
    }
}
