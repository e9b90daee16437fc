package io.herald.social;

import java.time.Instant;
import java.util.List;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Queues an article's teasers when its email goes out. The outbox keeps one row per (article, channel), so an
 * article sent to three lists is posted once, at the first send.
 */
@ApplicationScoped
public class TeasersFollowEmail {

    private final SocialOutbox outbox;

    TeasersFollowEmail(SocialOutbox outbox) {
        this.outbox = outbox;
    }

    /** A real (not dry-run) send of these articles to a list started at {@code at}. */
    public void editionGoingOut(List<Long> articleIds, String listId, Instant at) {
        for (long articleId : articleIds) {
            try {
                int queued = outbox.enqueue(articleId, at);
                if (queued > 0) {
                    Log.infof("Article %d: %d teaser(s) queued with its email to %s", articleId, queued, listId);
                }
            } catch (Exception e) {
                // The email must not fail for its teasers; ops can still publish them from the outbox.
                Log.errorf(e, "Could not queue the teasers of article %d", articleId);
            }
        }
    }
}
