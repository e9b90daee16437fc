package io.herald.social.publish;

import java.util.Optional;

/**
 * Posts teasers to one platform's API. One implementation per platform; credentials come from herald.social.*.
 * <p>
 * A node may stop after the platform accepted a post and before the outbox recorded it. {@link #recovery()} says how
 * the outbox finds out what happened without posting twice.
 */
public interface Publisher {

    enum Recovery {
        /** The platform drops a repeated request with the same key (Mastodon's Idempotency-Key, the webhook's id). */
        IDEMPOTENT,
        /** {@link #lookup} can tell whether the post exists (Bluesky's record key, X and Facebook timelines). */
        LOOKUP,
        /** Neither: a person must look (the post goes to the "unknown" state). */
        NONE
    }

    /** The publisher's id as configuration and the outbox name it: telegram, mastodon, ..., webhook. */
    String id();

    /** Whether the credentials it needs are set. */
    boolean configured();

    /** What is missing when not configured, naming the settings. */
    String missingConfiguration();

    Published publish(Post post) throws PublishFailure;

    Recovery recovery();

    /** Whether the post already exists on the platform; only for {@link Recovery#LOOKUP}. */
    default Optional<Published> lookup(Post post) throws PublishFailure {
        return Optional.empty();
    }
}
