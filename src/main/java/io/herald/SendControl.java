package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import io.herald.common.Refusal;
import io.herald.delivery.ClaimOwner;
import io.herald.delivery.DeliveryConfig;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.DeliveryRows;
import io.herald.delivery.LedgerJournal;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendReports;
import io.herald.delivery.SendStatus;
import io.herald.delivery.SendStatuses;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ops do to a send once it runs: pause, resume, cancel, read its report; and, after a crash, give every
 * running send's batches their jobs back. Every node sees a change within SendStatuses' freshness.
 */
@ApplicationScoped
public class SendControl {

    private final SendLedger ledger;
    private final DeliveryRows rows;
    private final SendReports reports;
    private final SendStatuses statuses;
    private final BatchQueue queue;
    private final DeliveryConfig.Delivery config;
    private final Clock clock;

    private final ClaimOwner owner;
    private final LedgerJournal journal;

    SendControl(
            SendLedger ledger,
            DeliveryRows rows,
            SendReports reports,
            SendStatuses statuses,
            BatchQueue queue,
            DeliveryConfig deliveryConfig,
            ClaimOwner owner,
            LedgerJournal journal,
            Clock clock) {
        this.owner = owner;
        this.journal = journal;
        this.ledger = ledger;
        this.rows = rows;
        this.reports = reports;
        this.statuses = statuses;
        this.queue = queue;
        this.config = deliveryConfig.delivery();
        this.clock = clock;
    }

    /** Stops a running send after the messages in flight; resume picks up where it stopped. */
    public boolean pause(long sendId, String by) throws SQLException {
        requireSend(sendId);
        boolean changed =
                ledger.transition(sendId, SendStatus.RUNNING, SendStatus.PAUSED, "paused by " + by, clock.instant());
        statuses.changed(sendId);
        return changed;
    }

    public boolean resume(long sendId) throws SQLException {
        requireSend(sendId);
        if (!ledger.transition(
                sendId, java.util.EnumSet.of(SendStatus.PAUSED), SendStatus.SENDING, null, clock.instant())) {
            return false;
        }
        statuses.changed(sendId);
        queue.runBatchesNow(sendId, ledger.openBatches(sendId));
        queue.runBatchesNow(sendId, ledger.handOut(sendId, config.batchesInFlight()));
        return true;
    }

    /** Ends a send: nobody not yet tried gets it; what is in flight finishes and is recorded. */
    public boolean cancel(long sendId, String by) throws SQLException {
        requireSend(sendId);
        boolean changed = ledger.transition(
                sendId, SendStatus.NOT_ENDED, SendStatus.CANCELLED, "cancelled by " + by, clock.instant());
        statuses.changed(sendId);
        if (changed) {
            int n = rows.cancelPending(sendId, clock.instant());
            Log.infof("Send %d cancelled by %s: %d recipients not sent to", sendId, by, n);
        }
        return changed;
    }

    /**
     * At start, after a crash of this node: the rows its earlier run sent and had not written are marked sent from its
     * ledger journal; then the batches its earlier run leased go on now, not when their leases end (the lease is
     * for nodes that never come back). Their rows still pending are queued at once; Quartz's own recovery of the dead
     * run's jobs may run them too, and a batch's lease lets one worker at a time send it.
     */
    void releaseEarlierRunsClaims(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event)
            throws SQLException {
        int replayed = journal.replay();
        if (replayed > 0) {
            Log.warnf(
                    "%d recipients this node (%s) had sent to before it stopped are marked sent from its ledger journal",
                    replayed, owner.name());
        }
        for (long sendId : ledger.runningSends()) {
            int released = rows.releaseEarlierRuns(sendId, owner);
            if (released > 0) {
                Log.warnf(
                        "Send %d: %d batches this node (%s) was sending when it stopped go on now",
                        sendId, released, owner.name());
                queue.runBatchesNow(sendId, ledger.openBatches(sendId));
            }
        }
    }

    /**
     * After a crash: gives a job to every handed-out batch of a running send that holds open rows but has none, and
     * restarts the hand-out of a send none of whose batches has a job.
     */
    public void resumeOrphans() throws SQLException {
        for (long sendId : ledger.runningSends()) {
            boolean anyJob = false;
            for (int seq : ledger.openBatches(sendId)) {
                if (!queue.hasJob(sendId, seq) && stillOpen(sendId, seq)) {
                    Log.warnf("Send %d batch %d had open rows and no job: queueing it again", sendId, seq);
                    queue.runBatchAt(sendId, seq, clock.instant());
                }
                anyJob = true;
            }
            if (!anyJob) {
                queue.runBatchesNow(sendId, ledger.handOut(sendId, config.batchesInFlight()));
            }
        }
    }

    /**
     * Whether the batch still holds pending rows, read after Quartz said it has no job: a batch whose job wrote its
     * last outcomes and ended between the two reads is done, not orphaned (its outcomes are committed before Quartz
     * removes the job).
     */
    private boolean stillOpen(long sendId, int seq) throws SQLException {
        Optional<SendLedger.Batch> batch = ledger.batch(sendId, seq);
        return batch.isPresent() && rows.nextDue(batch.get()).isPresent();
    }

    public Optional<DeliveryReport> report(long sendId) throws SQLException {
        return reports.report(sendId, clock.instant());
    }

    private void requireSend(long sendId) throws SQLException {
        ledger.send(sendId).orElseThrow(() -> Refusal.notFound("id", "no send " + sendId));
    }
}
