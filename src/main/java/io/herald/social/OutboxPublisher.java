package io.herald.social;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.social.publish.Post;
import io.herald.social.publish.PublishFailure;
import io.herald.social.publish.Published;
import io.herald.social.publish.Publisher;
import io.herald.social.publish.Publishers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes teasers exactly once: the publish job claims due rows with a conditional UPDATE
 * (one node, one thread wins), copies the teaser's current text, calls the platform, and records the outcome.
 * Retries back off exponentially with jitter; a platform's Retry-After wins; a refusal (4xx) fails with the
 * platform's message. A row left in "publishing" by a stopped node is settled by the publisher's {@link
 * Publisher.Recovery}: resent with the same idempotency key, looked up, or handed to a person as "unknown".
 */
@ApplicationScoped
// Made at start, not at first use: its metric series (below) exist before anything is published.
@io.quarkus.runtime.Startup
public class OutboxPublisher {

    static final int CLAIM_LIMIT = 20;
    private static final int MAX_ROUNDS = 50;
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final OutboxStore store;
    private final TeaserStore teasers;
    private final OutboxRecovery recovery;
    private final Posts posts;
    private final Publishers publishers;
    private final SocialConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    OutboxPublisher(
            OutboxStore store,
            TeaserStore teasers,
            OutboxRecovery recovery,
            Posts posts,
            Publishers publishers,
            SocialConfig socialConfig,
            Clock clock,
            MeterRegistry metrics) {
        this.store = store;
        this.teasers = teasers;
        this.recovery = recovery;
        this.posts = posts;
        this.publishers = publishers;
        this.config = socialConfig;
        this.clock = clock;
        this.metrics = metrics;
        // Every series exists from the start (at zero), so dashboards and alert rules never read a missing series.
        for (Channel channel : Channel.values()) {
            for (String outcome : List.of("published", "retry", "failed", "unknown")) {
                count(channel.id(), outcome, 0);
            }
        }
    }

    /**
     * One pass of the publish job: settle what stopped nodes left, then publish what is due, {@link #CLAIM_LIMIT}
     * rows at a time until nothing due is left (a row that fails is settled with a later attempt time or a final
     * state, so the pass ends).
     */
    public int publishDue() throws SQLException {
        recovery.recoverStale();
        int published = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Long> due = store.due(clock.instant(), CLAIM_LIMIT);
            int taken = 0;
            for (long id : due) {
                Outcome outcome = publishOne(id);
                if (outcome != Outcome.TAKEN_ELSEWHERE) {
                    taken++;
                }
                if (outcome == Outcome.PUBLISHED) {
                    published++;
                }
            }
            if (due.size() < CLAIM_LIMIT || taken == 0) {
                break;
            }
        }
        return published;
    }

    private enum Outcome {
        PUBLISHED,
        SETTLED,
        TAKEN_ELSEWHERE
    }

    private Outcome publishOne(long id) throws SQLException {
        OutboxPost row = store.find(id).orElse(null);
        if (row == null) {
            return Outcome.TAKEN_ELSEWHERE;
        }
        Optional<Teaser> teaser = teasers.find(row.articleId(), row.channel());
        Instant now = clock.instant();
        String text = teaser.map(Teaser::text).orElse(row.text());
        if (!store.claim(id, text, node, now.plus(config.lease()), now)) {
            return Outcome.TAKEN_ELSEWHERE; // another node or thread has it
        }
        if (teaser.isEmpty()) {
            store.settle(
                    id, OutboxPost.SKIPPED, null, "the article has no teaser for " + row.channel() + " any more", now);
            return Outcome.SETTLED;
        }
        if (!teaser.get().valid()) {
            store.settle(
                    id,
                    OutboxPost.FAILED,
                    null,
                    "the teaser cannot be posted: " + teaser.get().problem() + "; edit it and retry",
                    now);
            return Outcome.SETTLED;
        }
        Optional<Publisher> publisher = publishers.byId(row.route());
        if (publisher.isEmpty() || !publisher.get().configured()) {
            store.settle(id, OutboxPost.FAILED, null, "publisher " + row.route() + " is not configured", now);
            return Outcome.SETTLED;
        }
        Post post = posts.of(row, text);
        try {
            Published result = publisher.get().publish(post);
            store.published(id, result.externalId(), result.externalUrl(), row.route(), clock.instant());
            count(row.channel(), "published");
            Log.infof("Published article %d to %s: %s", row.articleId(), row.channel(), result.externalUrl());
            return Outcome.PUBLISHED;
        } catch (PublishFailure e) {
            failed(row, row.attempts() + 1, e);
            return Outcome.SETTLED;
        } catch (RuntimeException e) {
            failed(row, row.attempts() + 1, new PublishFailure(e.toString(), true, null, 0));
            return Outcome.SETTLED;
        }
    }

    /** herald_teasers_total{channel, outcome}: published, retry, failed, unknown, recovered. */
    private void count(String channel, String outcome) {
        count(channel, outcome, 1);
    }

    private void count(String channel, String outcome, int n) {
        metrics.counter("herald_teasers", "channel", channel, "outcome", outcome)
                .increment(n);
    }

    private void failed(OutboxPost row, int attempts, PublishFailure e) throws SQLException {
        Instant now = clock.instant();
        count(row.channel(), !e.retryable() || attempts >= config.maxAttempts() ? "failed" : "retry");
        if (!e.retryable()) {
            store.settle(row.id(), OutboxPost.FAILED, null, e.getMessage(), now);
            Log.warnf("%s refused article %d: %s", row.channel(), row.articleId(), e.getMessage());
        } else if (attempts >= config.maxAttempts()) {
            store.settle(
                    row.id(),
                    OutboxPost.FAILED,
                    null,
                    "gave up after " + attempts + " attempts: " + e.getMessage(),
                    now);
            Log.warnf("Gave up publishing article %d to %s: %s", row.articleId(), row.channel(), e.getMessage());
        } else {
            Instant next = now.plus(e.retryAfter() != null ? e.retryAfter() : backoff(attempts));
            store.settle(row.id(), OutboxPost.PENDING, next, e.getMessage(), now);
            Log.infof(
                    "Publishing article %d to %s failed (attempt %d), retry at %s: %s",
                    row.articleId(), row.channel(), attempts, next, e.getMessage());
        }
    }

    /** retry-backoff x 2^(attempt-1), at most six hours, plus up to a quarter more so retries do not bunch. */
    Duration backoff(int attempt) {
        Duration base = config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (base.compareTo(MAX_BACKOFF) > 0) {
            base = MAX_BACKOFF;
        }
        long jitter =
                (long) (base.toMillis() * 0.25 * ThreadLocalRandom.current().nextDouble());
        return base.plusMillis(jitter);
    }
}
