package io.herald.delivery;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A send's status as senders see it between two messages: read from the database at most every 200 ms per send, so
 * a pause or cancel from any node of a cluster stops every worker within that time without a query per message.
 */
@ApplicationScoped
public class SendStatuses {

    private static final long FRESH_NANOS = 200_000_000L;

    private final SendLedger ledger;
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

    SendStatuses(SendLedger ledger) {
        this.ledger = ledger;
    }

    private record Seen(Optional<SendStatus> status, long at) {}

    /** The send's status as of at most 200 ms ago; empty when there is no such send. */
    public Optional<SendStatus> status(long sendId) throws SQLException {
        long now = System.nanoTime();
        Seen last = seen.get(sendId);
        if (last == null || now - last.at() > FRESH_NANOS) {
            last = new Seen(ledger.status(sendId), now);
            seen.put(sendId, last);
            if (seen.size() > 1000) {
                seen.clear();
            }
        }
        return last.status();
    }

    /** This node changed the status itself: no need to wait for the next read. */
    public void changed(long sendId) {
        seen.remove(sendId);
    }
}
