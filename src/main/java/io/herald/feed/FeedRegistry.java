package io.herald.feed;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberSync.ListsSynced;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Keeps the feeds named in list.yaml files (feeds: [...]) in the feed table, each with the lists that name it. */
@ApplicationScoped
public class FeedRegistry {

    private final FeedStore store;
    private final Clock clock;

    FeedRegistry(FeedStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void onLists(@Observes ListsSynced synced) throws SQLException {
        Map<String, List<String>> listsByFeed = new LinkedHashMap<>();
        for (MailingList list : synced.lists()) {
            for (String url : list.feeds()) {
                listsByFeed.computeIfAbsent(url.strip(), u -> new ArrayList<>()).add(list.id());
            }
        }
        for (Map.Entry<String, List<String>> e : listsByFeed.entrySet()) {
            Feed feed = store.upsert(e.getKey(), e.getValue(), "file", clock.instant());
            Log.debugf("Feed %s feeds lists %s", feed.url(), feed.lists());
        }
        store.detachFileFeeds(new ArrayList<>(listsByFeed.keySet()));
    }
}
