package io.herald.feed;

import java.sql.SQLException;
import java.util.List;

/**
 * Where a feed's new articles go: the distribution, which decides per list what to send. Declared here so that the
 * feed reader does not call up into what sends.
 */
public interface NewArticles {

    /** Articles that a feed added just now, for the feed's lists; {@code startedBy} names the feed. */
    void arrived(List<Long> articleIds, List<String> listIds, String startedBy) throws SQLException;
}
