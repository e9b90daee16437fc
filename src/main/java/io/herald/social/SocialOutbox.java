package io.herald.social;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import io.herald.social.publish.Publishers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The queue of posts: a post is enqueued when its article's email goes out (or an ops user says "now"), due after the
 * channel's delay or at its time of day; ops mark manual posts as posted and retry failed ones. OutboxPublisher
 * publishes what is due.
 */
@ApplicationScoped
public class SocialOutbox {

    private final OutboxStore store;
    private final TeaserStore teasers;
    private final Publishers publishers;
    private final SocialConfig config;
    private final Clock clock;

    SocialOutbox(
            OutboxStore store, TeaserStore teasers, Publishers publishers, SocialConfig socialConfig, Clock clock) {
        this.store = store;
        this.teasers = teasers;
        this.publishers = publishers;
        this.config = socialConfig;
        this.clock = clock;
    }

    /** The article's email went out at {@code at}: every teaser is queued for its channel's time. */
    public int enqueue(long articleId, Instant at) throws SQLException {
        int added = 0;
        for (Teaser teaser : teasers.forArticle(articleId)) {
            if (enqueue(articleId, teaser.channel(), dueAt(teaser.channel(), at))) {
                added++;
            }
        }
        return added;
    }

    /** Ops: publish now, for one channel or (channel null) all of the article's teasers. */
    public List<OutboxPost> publishNow(long articleId, String channel) throws SQLException {
        Instant now = clock.instant();
        for (Teaser teaser : teasers.forArticle(articleId)) {
            if (channel != null && !channel.equals(teaser.channel())) {
                continue;
            }
            if (!enqueue(articleId, teaser.channel(), now)) {
                OutboxPost existing = store.find(articleId, teaser.channel()).orElseThrow();
                if (!store.dueNow(existing.id(), now)) {
                    store.retry(existing.id(), now);
                }
            }
        }
        return store.forArticle(articleId);
    }

    private boolean enqueue(long articleId, String channel, Instant due) throws SQLException {
        Publishers.Route route = publishers.routeFor(channel);
        return store.insertIfAbsent(
                articleId,
                channel,
                route.name(),
                route.manual() ? OutboxPost.MANUAL : OutboxPost.PENDING,
                due,
                route.reason(),
                clock.instant());
    }

    /** When a channel's post is due after an email at {@code at}: the delay, then the next time of day if set. */
    Instant dueAt(String channel, Instant at) {
        SocialConfig.ChannelTiming timing = config.channels().get(channel);
        if (timing == null) {
            return at;
        }
        Instant earliest = at.plus(timing.delay());
        if (timing.timeOfDay().isEmpty()) {
            return earliest;
        }
        ZonedDateTime local = earliest.atZone(ZoneId.of(config.timeZone()));
        ZonedDateTime slot = local.with(LocalTime.parse(timing.timeOfDay().get()));
        return (slot.isBefore(local) ? slot.plusDays(1) : slot).toInstant();
    }

    /** A person posted it (manual queue) or found it posted (unknown): recorded with who and where. */
    public boolean markPosted(long id, String url, String by) throws SQLException {
        return store.published(id, null, url, by, clock.instant());
    }

    public List<OutboxPost> forArticle(long articleId) throws SQLException {
        return store.forArticle(articleId);
    }

    public boolean retry(long id) throws SQLException {
        return store.retry(id, clock.instant());
    }
}
