package io.herald.social.publish;

import java.time.Duration;

/**
 * A platform did not take a post. Retryable failures (429, 5xx, timeouts, lost connections) come back later, after
 * {@code retryAfter} when the platform said how long; the others (401, 403, 400 ...) fail with the platform's own
 * message, which the outbox shows to editors.
 */
public class PublishFailure extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;
    private final int status;

    public PublishFailure(String message, boolean retryable, Duration retryAfter, int status) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    public static PublishFailure permanent(String message) {
        return new PublishFailure(message, false, null, 0);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the platform asked for (Retry-After, Telegram's retry_after), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
