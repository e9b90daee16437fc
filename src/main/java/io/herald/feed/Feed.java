package io.herald.feed;

import java.time.Instant;
import java.util.List;

/**
 * A feed and what its last polls did, as GET /api/feeds shows it; {@code itemsSkipped} counts the items Herald
 * could not take over the feed's life (the reasons of the last poll's are in {@code lastError}). {@code waiting} says why a feed whose poll is due
 * is not polled when the reason is outside the feed (the feed job has not run); the web layer fills it in.
 */
public record Feed(
        long id,
        String url,
        List<String> lists,
        String source,
        String etag,
        String lastModified,
        Instant lastPollAt,
        Instant lastSuccessAt,
        String lastStatus,
        String lastError,
        int consecutiveFailures,
        Instant nextPollAt,
        int itemsSeen,
        int itemsSkipped,
        String waiting) {

    /** The same feed with why its poll waits. */
    public Feed withWaiting(String reason) {
        return new Feed(
                id,
                url,
                lists,
                source,
                etag,
                lastModified,
                lastPollAt,
                lastSuccessAt,
                lastStatus,
                lastError,
                consecutiveFailures,
                nextPollAt,
                itemsSeen,
                itemsSkipped,
                reason);
    }
}
