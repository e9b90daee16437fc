package io.herald.social;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.article.Photo;
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
public class OutboxPublisher {

    static final int CLAIM_LIMIT = 20;
    private static final int MAX_ROUNDS = 50;
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final OutboxStore store;
    private final TeaserStore teasers;
    private final ArticleStore articles;
    private final TeaserComposer composer;
    private final Publishers publishers;
    private final SocialConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    OutboxPublisher(
            OutboxStore store,
            TeaserStore teasers,
            ArticleStore articles,
            TeaserComposer composer,
            Publishers publishers,
            SocialConfig socialConfig,
            Clock clock,
            MeterRegistry metrics) {
        this.store = store;
        this.teasers = teasers;
        this.articles = articles;
        this.composer = composer;
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
        recoverStale();
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
        Post post = post(row, text);
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

    private void recoverStale() throws SQLException {
        Instant now = clock.instant();
        for (long id : store.stale(now)) {
            if (!store.claimStale(id, node, now.plus(config.lease()), now)) {
                continue;
            }
            OutboxPost row = store.find(id).orElseThrow();
            Optional<Publisher> publisher = publishers.byId(row.route());
            Publisher.Recovery recovery = publisher.map(Publisher::recovery).orElse(Publisher.Recovery.NONE);
            switch (recovery) {
                case IDEMPOTENT ->
                    store.settle(
                            id,
                            OutboxPost.PENDING,
                            now,
                            "a node stopped while publishing; sending again with the same idempotency key",
                            now);
                case LOOKUP -> {
                    try {
                        Optional<Published> found = publisher.get().lookup(post(row, row.text()));
                        if (found.isPresent()) {
                            store.published(
                                    id, found.get().externalId(), found.get().externalUrl(), row.route(), now);
                            Log.infof(
                                    "Article %d was on %s already (found after a stop)",
                                    row.articleId(), row.channel());
                        } else {
                            store.settle(
                                    id,
                                    OutboxPost.PENDING,
                                    now,
                                    "a node stopped before " + row.channel()
                                            + " took the post; it is not there, so it goes again",
                                    now);
                        }
                    } catch (PublishFailure e) {
                        // The lookup failed: the row stays publishing until its lease runs out and is tried again.
                        Log.warnf(
                                "Could not check %s for article %d: %s",
                                row.channel(), row.articleId(), e.getMessage());
                    }
                }
                case NONE -> {
                    count(row.channel(), "unknown");
                    store.settle(
                            id,
                            OutboxPost.UNKNOWN,
                            null,
                            "a node stopped while publishing to "
                                    + row.channel()
                                    + ", which cannot tell whether it took the post: check the channel, then "
                                    + "mark it posted or retry",
                            now);
                }
            }
        }
    }

    private Post post(OutboxPost row, String text) throws SQLException {
        Article article = articles.find(row.articleId()).orElseThrow();
        Channel channel = Channel.byId(row.channel()).orElseThrow();
        Optional<Photo> image = article.image();
        return new Post(
                row.id(),
                row.articleId(),
                row.channel(),
                text,
                article.title(),
                channel.clickableLinks() ? composer.socialUrl(article, channel) : null,
                image.map(Photo::url).orElse(null),
                image.map(Photo::alt).orElse(null),
                row.idempotencyKey(),
                row.createdAt());
    }
}
