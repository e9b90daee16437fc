package io.herald.delivery;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a send pauses itself for failing too often: in this batch, or among the send's final outcomes so far, at
 * least herald.delivery.pause-error-rate of at least pause-min-sample messages failed.
 */
@ApplicationScoped
public class PauseRule {

    private final DeliveryRows rows;
    private final DeliveryConfig.Delivery config;

    PauseRule(DeliveryRows rows, DeliveryConfig deliveryConfig) {
        this.rows = rows;
        this.config = deliveryConfig.delivery();
    }

    /** The reason to pause, if the send fails too often. */
    public Optional<String> failingTooOften(long sendId, int seq, SendRunner.Outcome batch) throws SQLException {
        double rate = config.pauseErrorRate();
        int sample = config.pauseMinSample();
        String last = "; last: " + batch.lastError();
        if (batch.attempted() >= sample && batch.failed() >= rate * batch.attempted()) {
            return Optional.of(batch.failed() + " of " + batch.attempted() + " messages failed in batch " + seq + last);
        }
        if (batch.failed() == 0) {
            return Optional.empty();
        }
        Map<DeliveryState, Long> n = rows.counts(sendId);
        long failed =
                n.getOrDefault(DeliveryState.FAILED_PERMANENT, 0L) + n.getOrDefault(DeliveryState.FAILED_TEMPORARY, 0L);
        long tried = failed + n.getOrDefault(DeliveryState.SENT, 0L);
        return tried >= sample && failed >= rate * tried
                ? Optional.of(failed + " of " + tried + " messages failed so far (batch " + seq + ": " + batch.failed()
                        + " of " + batch.attempted() + ")" + last)
                : Optional.empty();
    }
}
