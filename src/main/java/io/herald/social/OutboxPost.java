package io.herald.social;

import java.time.Instant;

/**
 * One row of the social outbox, as the API and the console show it. {@code waiting} says why a post that is due
 * still waits when the reason is outside the post (the publishing job has not run); the web layer fills it in.
 */
public record OutboxPost(
        long id,
        long articleId,
        String channel,
        String route,
        String state,
        String text,
        String idempotencyKey,
        Instant dueAt,
        Instant nextAttemptAt,
        int attempts,
        String externalId,
        String externalUrl,
        String lastError,
        Instant createdAt,
        Instant publishedAt,
        String publishedBy,
        String waiting) {

    public OutboxPost(
            long id,
            long articleId,
            String channel,
            String route,
            String state,
            String text,
            String idempotencyKey,
            Instant dueAt,
            Instant nextAttemptAt,
            int attempts,
            String externalId,
            String externalUrl,
            String lastError,
            Instant createdAt,
            Instant publishedAt,
            String publishedBy) {
        this(
                id,
                articleId,
                channel,
                route,
                state,
                text,
                idempotencyKey,
                dueAt,
                nextAttemptAt,
                attempts,
                externalId,
                externalUrl,
                lastError,
                createdAt,
                publishedAt,
                publishedBy,
                null);
    }

    /** The same post with why it waits. */
    public OutboxPost withWaiting(String reason) {
        return new OutboxPost(
                id,
                articleId,
                channel,
                route,
                state,
                text,
                idempotencyKey,
                dueAt,
                nextAttemptAt,
                attempts,
                externalId,
                externalUrl,
                lastError,
                createdAt,
                publishedAt,
                publishedBy,
                reason);
    }

    /** When the post is next due: its next attempt, or its slot when it has none. */
    public Instant due() {
        return nextAttemptAt != null ? nextAttemptAt : dueAt;
    }

    public static final String PENDING = "pending";
    public static final String PUBLISHING = "publishing";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
    public static final String MANUAL = "manual";
    public static final String SKIPPED = "skipped";
    public static final String UNKNOWN = "unknown";
}
