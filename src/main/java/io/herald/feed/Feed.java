package io.herald.feed;

import java.time.Instant;
import java.util.List;

/** A feed and what its last polls did, as GET /api/feeds shows it. */
public record Feed(long id, String url, List<String> lists, String source, String etag, String lastModified,
        Instant lastPollAt, Instant lastSuccessAt, String lastStatus, String lastError, int consecutiveFailures,
        Instant nextPollAt, int itemsSeen) {
}
