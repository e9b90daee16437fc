package io.herald.social;

import io.herald.Distribution.EditionGoingOut;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    void onSend(@Observes EditionGoingOut sending) {
        for (long articleId : sending.articleIds()) {
            try {
                int queued = outbox.enqueue(articleId, sending.at());
                if (queued > 0) {
                    Log.infof("Article %d: %d teaser(s) queued with its email to %s", articleId, queued,
                            sending.listId());
                }
            } catch (Exception e) {
                // The email must not fail for its teasers; ops can still publish them from the outbox.
                Log.errorf(e, "Could not queue the teasers of article %d", articleId);
            }
        }
    }
}
