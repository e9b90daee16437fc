package io.herald.social;

import java.time.Instant;

/** One row of the social outbox, as the API and the console show it. */
public record OutboxPost(long id, long articleId, String channel, String route, String state, String text,
        String idempotencyKey, Instant dueAt, Instant nextAttemptAt, int attempts, String externalId,
        String externalUrl, String lastError, Instant createdAt, Instant publishedAt, String publishedBy) {

    public static final String PENDING = "pending";
    public static final String PUBLISHING = "publishing";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
    public static final String MANUAL = "manual";
    public static final String SKIPPED = "skipped";
    public static final String UNKNOWN = "unknown";
}
