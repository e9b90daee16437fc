package io.herald.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.config.HeraldConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.MimeMessage;

/**
 * Works through one send's ledger: claims due rows, sends each over one reused connection, and records every
 * outcome. One failed recipient never stops the run; a relay that cannot be reached puts the claimed rows back for
 * later. Returns when nothing is due now, saying when to come back.
 */
@ApplicationScoped
public class SendRunner {

    private static final int CLAIM_SIZE = 100;

    private final SendLedger ledger;
    private final Sender sender;
    private final HeraldConfig config;
    private final Clock clock;

    SendRunner(SendLedger ledger, Sender sender, HeraldConfig config, Clock clock) {
        this.ledger = ledger;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    /** The send is finished, or has rows to retry at {@code retryAt}. */
    public record Outcome(boolean finished, Instant retryAt) {
    }

    public Outcome run(long sendId, MessageSource source) throws SQLException {
        String token = UUID.randomUUID().toString();
        Sender.Session session = null;
        try {
            while (true) {
                Instant now = clock.instant();
                ledger.releaseExpired(sendId, now);
                List<SendLedger.Claimed> rows = ledger.claim(sendId, token, now,
                        now.plus(config.schedule().deliveryLease()), CLAIM_SIZE);
                if (rows.isEmpty()) {
                    break;
                }
                for (SendLedger.Claimed row : rows) {
                    if (session == null) {
                        try {
                            session = sender.open();
                        } catch (DeliveryException e) {
                            Log.warnf("Send %d: %s; %d recipients will be retried", sendId, e.getMessage(), rows.size());
                            postpone(rows.subList(rows.indexOf(row), rows.size()), token, e);
                            return outcome(sendId);
                        }
                    }
                    session = deliver(sendId, row, token, source, session);
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
        return outcome(sendId);
    }

    /** Sends one row; returns the session to use next (null when the connection was lost). */
    private Sender.Session deliver(long sendId, SendLedger.Claimed row, String token, MessageSource source,
            Sender.Session session) throws SQLException {
        try {
            Optional<String> skip = source.skipReason(row);
            if (skip.isPresent()) {
                ledger.finish(row, token, SendLedger.SKIPPED, skip.get(), null, clock.instant());
                return session;
            }
            MimeMessage message = source.compose(row);
            String reply = session.send(message);
            ledger.finish(row, token, SendLedger.SENT, reply, message.getMessageID(), clock.instant());
            return session;
        } catch (DeliveryException e) {
            failed(sendId, row, token, e);
            if (e.connectionLost()) {
                session.close();
                return null;
            }
            return session;
        } catch (Exception e) {
            // A message that cannot be built will not build next time either.
            Log.errorf(e, "Send %d: cannot compose the message for %s", sendId, row.email());
            ledger.finish(row, token, SendLedger.FAILED_PERMANENT, "compose: " + e.getMessage(), null, clock.instant());
            return session;
        }
    }

    private void failed(long sendId, SendLedger.Claimed row, String token, DeliveryException e) throws SQLException {
        Instant now = clock.instant();
        if (e.permanent()) {
            Log.warnf("Send %d: %s refused: %s", sendId, row.email(), e.getMessage());
            ledger.finish(row, token, SendLedger.FAILED_PERMANENT, e.getMessage(), null, now);
        } else if (row.attempts() >= config.smtp().maxAttempts()) {
            Log.warnf("Send %d: %s failed %d times, giving up: %s", sendId, row.email(), row.attempts(), e.getMessage());
            ledger.finish(row, token, SendLedger.FAILED_TEMPORARY, e.getMessage(), null, now);
        } else {
            ledger.retryLater(row, token, e.getMessage(), now.plus(backoff(row.attempts())), now);
        }
    }

    private void postpone(List<SendLedger.Claimed> rows, String token, DeliveryException e) throws SQLException {
        for (SendLedger.Claimed row : rows) {
            failed(0, row, token, e);
        }
    }

    /** Exponential: the configured backoff, doubled for each attempt already made. */
    Duration backoff(int attempts) {
        return config.smtp().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 10));
    }

    private Outcome outcome(long sendId) throws SQLException {
        Optional<Instant> next = ledger.nextAttempt(sendId);
        long open = ledger.counts(sendId).entrySet().stream()
                .filter(e -> e.getKey().equals(SendLedger.PENDING) || e.getKey().equals(SendLedger.SENDING))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        if (open == 0) {
            ledger.markStatus(sendId, "finished", clock.instant());
            return new Outcome(true, null);
        }
        // Rows still "sending" belong to another worker or a dead one; look again when their lease ends.
        return new Outcome(false, next.orElse(clock.instant().plus(config.schedule().deliveryLease())));
    }
}
