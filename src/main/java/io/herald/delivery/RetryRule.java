package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** What a refused message becomes: a permanent refusal fails it, a temporary one retries with backoff, up to herald.smtp.max-attempts. */
@ApplicationScoped
class RetryRule {

    private final DeliveryConfig deliveryConfig;

    RetryRule(DeliveryConfig deliveryConfig) {
        this.deliveryConfig = deliveryConfig;
    }

    /** The row's outcome after the relay refused it: failed for good, out of attempts, or due again after a backoff. */
    DeliveryRows.Outcome outcome(DeliveryRows.Claimed row, DeliveryException e, Instant now) {
        if (e.permanent()) {
            Log.warnf("%s refused: %s", row.email(), e.getMessage());
            return new DeliveryRows.Outcome(row, DeliveryState.FAILED_PERMANENT, e.getMessage(), null, null);
        }
        if (row.attempts() >= deliveryConfig.smtp().maxAttempts()) {
            Log.warnf("%s failed %d times, giving up: %s", row.email(), row.attempts(), e.getMessage());
            return new DeliveryRows.Outcome(row, DeliveryState.FAILED_TEMPORARY, e.getMessage(), null, null);
        }
        return new DeliveryRows.Outcome(
                row, DeliveryState.PENDING, e.getMessage(), null, now.plus(backoff(row.attempts())));
    }

    /** Exponential: the configured backoff, doubled for each attempt already made. */
    Duration backoff(int attempts) {
        return deliveryConfig.smtp().retryBackoff().multipliedBy(1L << Math.max(0, Math.min(attempts - 1, 10)));
    }
}
