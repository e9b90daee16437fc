package io.herald.feed;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.herald.common.Refusal;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Polls feeds and turns new items into articles, once (FeedItems decides per item: new, updated or unchanged). After a poll that brought new articles, each of the feed's lists without a schedule gets them at once
 * (lists with a schedule get them at their next run). A failing feed is recorded with its reason and waits
 * poll-interval x 2^failures (at most max-backoff); it never stops other feeds.
 */
@ApplicationScoped
public class FeedPoller {

    /** What one poll did. */
    public record PollResult(String status, int newArticles, int updated, int unchanged, List<String> skipped) {}

    private final FeedStore feeds;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final FeedItems items;
    private final MailingLists mailingLists;
    private final NewArticles newArticles;
    private final FeedsConfig config;
    private final Clock clock;

    FeedPoller(
            FeedStore feeds,
            FeedFetcher fetcher,
            FeedParser parser,
            FeedItems items,
            MailingLists mailingLists,
            NewArticles newArticles,
            FeedsConfig feedsConfig,
            Clock clock) {
        this.feeds = feeds;
        this.fetcher = fetcher;
        this.parser = parser;
        this.items = items;
        this.mailingLists = mailingLists;
        this.newArticles = newArticles;
        this.config = feedsConfig;
        this.clock = clock;
    }

    /** Every feed that is due; what one feed does never stops the others. */
    public int pollDue() throws SQLException {
        int polled = 0;
        for (Feed feed : feeds.due(clock.instant())) {
            if (!feeds.claim(feed, clock.instant().plus(config.pollInterval()))) {
                continue; // another node has it
            }
            try {
                poll(feed);
                polled++;
            } catch (SQLException e) {
                Log.errorf(e, "Feed %s: poll failed unexpectedly", feed.url());
                failed(feed, "the poll could not be recorded (database unavailable); it is tried again");
            }
        }
        return polled;
    }

    /**
     * Polls one feed now. No input makes this fail with an exception: whatever goes wrong is the feed's failure,
     * recorded with a reason a person understands, and the feed keeps its backoff.
     */
    public PollResult poll(Feed feed) throws SQLException {
        try {
            return pollOrThrow(feed);
        } catch (RuntimeException e) {
            Log.errorf(e, "Feed %s: poll failed unexpectedly", feed.url());
            String reason = "the feed could not be read (an unexpected fault, logged by Herald); it is tried again";
            failed(feed, reason);
            return new PollResult("failed", 0, 0, 0, List.of(reason));
        }
    }

    private PollResult pollOrThrow(Feed feed) throws SQLException {
        Instant now = clock.instant();
        FeedFetcher.Result result;
        List<FeedEntry> entries;
        try {
            result = fetcher.fetch(feed.url(), feed.etag(), feed.lastModified());
            if (result instanceof FeedFetcher.NotModified) {
                feeds.succeeded(
                        feed.id(), "not-modified", null, null, 0, 0, null, now, now.plus(config.pollInterval()));
                return new PollResult("not-modified", 0, 0, 0, List.of());
            }
            FeedFetcher.Fetched fetched = (FeedFetcher.Fetched) result;
            entries = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedFailure e) {
            failed(feed, e.getMessage());
            return new PollResult("failed", 0, 0, 0, List.of(e.getMessage()));
        }
        FeedFetcher.Fetched fetched = (FeedFetcher.Fetched) result;
        List<String> defaults = defaultChannels(feed);
        List<Long> created = new ArrayList<>();
        int updated = 0;
        int unchanged = 0;
        List<String> skipped = new ArrayList<>();
        // Oldest first, so articles are stored (and sent) in the order they were published.
        for (int i = entries.size() - 1; i >= 0; i--) {
            FeedEntry entry = entries.get(i);
            try {
                FeedItems.Taken taken = items.take(feed, entry, defaults, now);
                switch (taken.what()) {
                    case CREATED -> created.add(taken.articleId());
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            } catch (FeedItems.SkippedItem e) {
                skipped.add(e.getMessage() + " (" + describe(entry) + ")");
            } catch (Refusal e) {
                skipped.add("item refused: " + e.getMessage() + " (" + describe(entry) + ")");
            } catch (RuntimeException e) {
                Log.warnf(e, "Feed %s: item %s could not be read", feed.url(), describe(entry));
                skipped.add("item could not be read (" + describe(entry) + ")");
            }
        }
        String note = skipped.isEmpty() ? null : skipped.size() + " item(s) skipped: " + String.join("; ", skipped);
        feeds.succeeded(
                feed.id(),
                "ok",
                fetched.etag(),
                fetched.lastModified(),
                created.size(),
                skipped.size(),
                note,
                now,
                now.plus(config.pollInterval()));
        Log.infof(
                "Feed %s: %d new, %d updated, %d unchanged, %d skipped",
                feed.url(), created.size(), updated, unchanged, skipped.size());
        if (!created.isEmpty()) {
            newArticles.arrived(created, feed.lists(), "feed:" + feed.id());
        }
        return new PollResult("ok", created.size(), updated, unchanged, skipped);
    }

    private List<String> defaultChannels(Feed feed) throws SQLException {
        Set<String> channels = new LinkedHashSet<>();
        for (String id : feed.lists()) {
            mailingLists.find(id).map(MailingList::defaultChannels).ifPresent(channels::addAll);
        }
        return List.copyOf(channels);
    }

    private void failed(Feed feed, String reason) throws SQLException {
        int failures = feed.consecutiveFailures() + 1;
        Duration wait = config.pollInterval().multipliedBy(1L << Math.min(failures, 20));
        if (wait.compareTo(config.maxBackoff()) > 0) {
            wait = config.maxBackoff();
        }
        Instant now = clock.instant();
        feeds.failed(feed.id(), reason, failures, now, now.plus(wait));
        Log.warnf("Feed %s: %s (failure %d, next try in %s)", feed.url(), reason, failures, wait);
    }

    private static String describe(FeedEntry entry) {
        return entry.guid() != null ? entry.guid() : entry.link() != null ? entry.link() : "an item";
    }
}
