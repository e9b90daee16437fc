package io.herald.delivery;

import java.time.Instant;

/** Where a send stands, counted from its ledger rows. */
public record DeliveryReport(long id, String list, long edition, boolean dryRun, String status, String startedBy,
        Instant createdAt, Instant finishedAt, long total, long pending, long sending, long sent, long failed,
        long skipped) {

    public boolean finished() {
        return "finished".equals(status);
    }
}
