package io.herald.social;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.herald.social.publish.PublishFailure;
import io.herald.social.publish.Published;
import io.herald.social.publish.Publisher;
import io.herald.social.publish.Publishers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Posts a stopped node left in "publishing", settled by their publisher's {@link Publisher.Recovery}: sent again with
 * the same idempotency key, looked up on the platform, or handed to a person as "unknown".
 */
@ApplicationScoped
class OutboxRecovery {

    private final OutboxStore store;
    private final Publishers publishers;
    private final Posts posts;
    private final SocialConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    OutboxRecovery(
            OutboxStore store,
            Publishers publishers,
            Posts posts,
            SocialConfig socialConfig,
            Clock clock,
            MeterRegistry metrics) {
        this.store = store;
        this.publishers = publishers;
        this.posts = posts;
        this.config = socialConfig;
        this.clock = clock;
        this.metrics = metrics;
    }

    void recoverStale() throws SQLException {
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
                        Optional<Published> found = publisher.get().lookup(posts.of(row, row.text()));
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
                    metrics.counter("herald_teasers", "channel", row.channel(), "outcome", "unknown")
                            .increment();
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
}
