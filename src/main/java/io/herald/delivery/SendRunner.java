package io.herald.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.Suppressions;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.MimeMessage;

/**
 * Works through one batch of a send: leases the batch, claims its due rows a few at a time, sends each over a pooled
 * connection, and records every outcome. One failed recipient never stops the batch; a relay that cannot be reached
 * puts the claimed rows back for later; a send paused or cancelled meanwhile stops the batch at the next row. Returns
 * when nothing is due now, giving the lease back; a batch another worker leases is due again at that lease's end.
 */
@ApplicationScoped
public class SendRunner {

    private static final long QUIET_AFTER_NANOS = 2_000_000_000L;

    private final AtomicInteger running = new AtomicInteger();
    private volatile long lastEnded = System.nanoTime() - QUIET_AFTER_NANOS;
    /** Leases of batch runs that ended with every outcome written but could not give the lease back. */
    private final Map<SendLedger.Batch, String> unreleased = new ConcurrentHashMap<>();

    private final SendLedger ledger;
    private final DeliveryRows rows;
    private final Sender sender;
    private final SendStatuses statuses;
    private final Draining draining;
    private final DeliveryConfig deliveryConfig;
    private final Clock clock;

    private final DeliveryMetrics metrics;
    private final RetryRule retries;
    private final LedgerWriteGuard guard;
    private final Suppressions suppressions;
    private final ClaimOwner owner;
    private final LedgerJournal journal;

    SendRunner(
            SendLedger ledger,
            DeliveryRows rows,
            Sender sender,
            SendStatuses statuses,
            Draining draining,
            DeliveryConfig deliveryConfig,
            Clock clock,
            DeliveryMetrics metrics,
            Suppressions suppressions,
            RetryRule retries,
            LedgerWriteGuard guard,
            ClaimOwner owner,
            LedgerJournal journal) {
        this.owner = owner;
        this.journal = journal;
        this.guard = guard;
        this.metrics = metrics;
        this.retries = retries;
        this.suppressions = suppressions;
        this.ledger = ledger;
        this.rows = rows;
        this.sender = sender;
        this.statuses = statuses;
        this.draining = draining;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
    }

    /**
     * What a batch run did, and when its batch is due again (empty when it holds no open row). {@code halt}: why the
     * send must pause now; {@code relayDown}: why no connection could be opened (the rows wait, untried).
     */
    public record Outcome(
            int attempted,
            int failed,
            String lastError,
            Optional<Instant> dueAgain,
            Optional<String> halt,
            Optional<String> relayDown) {}

    /**
     * Whether this node is sending: a batch runs now, or one ended less than {@link #QUIET_AFTER_NANOS} ago (the next
     * batch of the same send follows within milliseconds). Background work such as drawing cards waits for it.
     */
    public boolean busy() {
        return running.get() > 0 || System.nanoTime() - lastEnded < QUIET_AFTER_NANOS;
    }

    public Outcome run(SendLedger.Batch batch, String listId, MessageSource source) throws SQLException {
        running.incrementAndGet();
        try {
            return runBatch(batch, listId, source);
        } finally {
            lastEnded = System.nanoTime();
            running.decrementAndGet();
        }
    }

    private Outcome runBatch(SendLedger.Batch batch, String listId, MessageSource source) throws SQLException {
        giveBackUnreleased(batch);
        String token = owner.token(owner.worker());
        Instant started = clock.instant();
        if (!rows.lease(
                batch, token, started, started.plus(deliveryConfig.schedule().deliveryLease()), 0)) {
            return heldElsewhere(batch);
        }
        OutcomeTally tally = new OutcomeTally(
                rows,
                journal,
                metrics,
                guard,
                clock,
                deliveryConfig.delivery().ledgerFlush(),
                deliveryConfig.delivery().ledgerRetry(),
                draining::active);
        Outcome outcome;
        try {
            outcome = sendLeased(batch, listId, source, token, tally);
        } catch (SQLException e) {
            // The database failed this run (a claim, a status, a refusal while a write failed). When every outcome
            // this worker had is written, nothing it sent is unrecorded: the batch is free again at once, or, with
            // the database away, when it next runs on this node, instead of at the end of its lease (5 minutes by
            // default). After a failed ledger write the lease stays until it ends, so that the messages whose
            // outcomes were not written are not sent again at once by another worker.
            if (tally.allWritten()) {
                try {
                    rows.release(batch, token);
                } catch (SQLException releaseFailed) {
                    e.addSuppressed(releaseFailed);
                    unreleased.put(batch, token);
                }
            }
            throw e;
        }
        rows.release(batch, token);
        return outcome;
    }

    /**
     * Gives back the lease an earlier run of this batch on this node kept only because the database was away when it
     * ended: its worker is gone and wrote every outcome, so nobody is sending those rows. Stays noted while the
     * database is still away.
     */
    private void giveBackUnreleased(SendLedger.Batch batch) throws SQLException {
        String token = unreleased.remove(batch);
        if (token == null) {
            return;
        }
        // Connections the database ended while it was away fail their next statement: checked first.
        rows.dropBrokenConnections();
        try {
            rows.release(batch, token);
        } catch (SQLException e) {
            unreleased.putIfAbsent(batch, token);
            throw e;
        }
    }

    /** Another worker leases the batch: nothing sent, due again when that lease ends. */
    private Outcome heldElsewhere(SendLedger.Batch batch) throws SQLException {
        Optional<Instant> end = rows.leaseEnd(batch);
        return new Outcome(0, 0, null, end.isPresent() ? end : rows.nextDue(batch), Optional.empty(), Optional.empty());
    }

    private Outcome sendLeased(
            SendLedger.Batch batch, String listId, MessageSource source, String token, OutcomeTally tally)
            throws SQLException {
        Sender.Session session = null;
        ComposedAhead ahead = new ComposedAhead();
        try {
            while (!draining.active()
                    && ledger.send(batch.sendId())
                            .map(SendLedger.SendRow::running)
                            .orElse(false)) {
                tally.flush();
                if (session != null && !session.announced()) {
                    // The connection goes back to the pool while this worker claims the next rows: a worker that
                    // waits for one sends on it meanwhile. Only once this worker's outcomes are written, so that a
                    // failed write stops the next holder (LedgerWriteGuard) and nothing unwritten leaves with it.
                    session.close();
                    session = null;
                }
                Instant now = clock.instant();
                Optional<List<DeliveryRows.Claimed>> claim = rows.claim(
                        batch,
                        listId,
                        token,
                        now,
                        now.plus(deliveryConfig.schedule().deliveryLease()),
                        deliveryConfig.delivery().claimSize());
                if (claim.isEmpty()) {
                    // This worker's lease ran out and another took the batch over: it sends the rest.
                    Log.warnf("Send %d batch %d: lease lost to another worker", batch.sendId(), batch.seq());
                    tally.flush();
                    return heldElsewhere(batch);
                }
                List<DeliveryRows.Claimed> claimed = claim.get();
                // A write tried again before this claim does not touch it: the claim took the lease again.
                tally.takeRetried();
                if (claimed.isEmpty()) {
                    break;
                }
                for (int i = 0; i < claimed.size(); i++) {
                    if (tally.takeRetried()) {
                        // The database was gone while this worker held its outcomes, long enough for the batch's
                        // lease to end: the rest of this claim is left (still pending, never written as claimed),
                        // the connection too (it may have announced the next of them), and the next claim takes
                        // the lease again and finds what is still due.
                        if (session != null) {
                            session.close();
                            session = null;
                        }
                        break;
                    }
                    DeliveryRows.Claimed row = claimed.get(i);
                    // Empty while draining or when the send is gone.
                    Optional<SendStatus> status =
                            draining.active() ? Optional.empty() : statuses.status(batch.sendId());
                    if (status.isEmpty() || !status.get().running()) {
                        // Paused, cancelled or stopping meanwhile: what was claimed and not sent goes back, or is
                        // cancelled.
                        for (DeliveryRows.Claimed rest : claimed.subList(i, claimed.size())) {
                            tally.add(
                                    status.equals(Optional.of(SendStatus.CANCELLED))
                                            ? new DeliveryRows.Outcome(
                                                    rest, DeliveryState.CANCELLED, "cancelled", null, null, true)
                                            : new DeliveryRows.Outcome(
                                                    rest, DeliveryState.PENDING, null, null, null, true));
                        }
                        return tally.finish(batch);
                    }
                    // Another worker could not write its outcomes, or still tries to: sending more now could send
                    // its rows before it has recorded them. This run ends; once its own outcomes are written the
                    // batch's lease goes back, and what it claimed goes out when the batch runs again.
                    guard.refuseWhileUnwritable();
                    Optional<String> skip = skipReason(row);
                    if (skip.isPresent()) {
                        tally.add(new DeliveryRows.Outcome(row, DeliveryState.SKIPPED, skip.get(), null, null));
                        continue;
                    }
                    if (session == null) {
                        try {
                            session = sender.open();
                        } catch (DeliveryException e) {
                            // Nobody was tried: the rows go back as they were (their attempts not counted), due
                            // again after the backoff, so a relay that is down for an hour loses no one.
                            Log.warnf(
                                    "Send %d batch %d: %s; %d recipients will be retried",
                                    batch.sendId(), batch.seq(), e.getMessage(), claimed.size() - i);
                            Instant retryAt =
                                    clock.instant().plus(deliveryConfig.smtp().retryBackoff());
                            for (DeliveryRows.Claimed rest : claimed.subList(i, claimed.size())) {
                                tally.add(new DeliveryRows.Outcome(
                                        rest, DeliveryState.PENDING, e.getMessage(), null, retryAt, true));
                            }
                            if (e.relayRefusesHerald()) {
                                tally.halt = e.getMessage();
                            } else {
                                tally.relayDown = e.getMessage();
                            }
                            return tally.finish(batch);
                        }
                    }
                    // Asked again after the wait for a connection: it may be free because its holder's ledger write
                    // just failed, and a worker that had waited for it would send one more message twice.
                    guard.refuseWhileUnwritable();
                    DeliveryRows.Claimed following = i + 1 < claimed.size() ? claimed.get(i + 1) : null;
                    session = deliver(batch, row, following, source, session, tally, ahead);
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
            tally.flush();
        }
        return tally.finish(batch);
    }

    private static Optional<String> skipReason(DeliveryRows.Claimed row) {
        if (row.suppression() != null) {
            return Optional.of("suppressed: " + row.suppression());
        }
        if (!SubscriberStore.ACTIVE.equals(row.membership())) {
            return Optional.of(row.membership() == null ? "removed" : row.membership());
        }
        return Optional.empty();
    }

    /**
     * Sends one row; returns the session to use next (null when the connection was lost). The following row's
     * message is composed while the relay takes this one in.
     */
    private Sender.Session deliver(
            SendLedger.Batch batch,
            DeliveryRows.Claimed row,
            DeliveryRows.Claimed following,
            MessageSource source,
            Sender.Session session,
            OutcomeTally tally,
            ComposedAhead ahead)
            throws SQLException {
        MimeMessage message;
        try {
            message = ahead.take(row, source);
        } catch (Exception e) {
            // A message that cannot be built will not build next time either.
            Log.errorf(e, "Send %d: cannot compose the message for %s", batch.sendId(), row.email());
            tally.add(new DeliveryRows.Outcome(
                    row, DeliveryState.FAILED_PERMANENT, "compose: " + e.getMessage(), null, null));
            if (session.announced()) {
                // Its envelope was announced with the end of the message before: the relay waits for its data, so
                // the connection goes (unfinished, it delivers nothing) and the next row opens another.
                session.close();
                return null;
            }
            return session;
        }
        // The following row's message is composed while the relay takes this one in, and may be announced to the
        // relay with the end of this one: the loop then sends it next, or closes the session (which drops the
        // connection, so the relay never gets a message the loop decided not to send).
        Sender.Next next = following == null || skipReason(following).isPresent()
                ? null
                : new Sender.Next(
                        MessageBuilder.envelopeAddress(following.email(), following.name()),
                        () -> ahead.compose(following, source));
        try {
            String reply = session.send(message, next);
            String messageId = messageId(message);
            // In the journal before anything else: from here a crash no longer sends this reader the edition again.
            LedgerJournal.Segment line = journal.accepted(row, messageId);
            tally.add(new DeliveryRows.Outcome(row, DeliveryState.SENT, reply, messageId, null), line);
            return session;
        } catch (DeliveryException e) {
            tally.add(retries.outcome(row, e, clock.instant()));
            if (e.hardBounce()) {
                suppressions.add(row.email(), Suppressions.Reason.HARD_BOUNCE, e.getMessage(), clock.instant());
            }
            if (e.connectionLost()) {
                session.close();
                return null;
            }
            return session;
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }
}
