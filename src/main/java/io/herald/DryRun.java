package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import io.herald.article.Article;
import io.herald.delivery.DeliveryRows;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendStatus;
import io.herald.digest.DigestRenderer;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** A dry run of a planned send: renders one sample (its subject goes to the log), records every row as dry_run. */
@ApplicationScoped
class DryRun {

    private final SubscriberStore subscribers;
    private final DigestRenderer renderer;
    private final DeliveryRows rows;
    private final SendLedger ledger;
    private final Clock clock;

    DryRun(SubscriberStore subscribers, DigestRenderer renderer, DeliveryRows rows, SendLedger ledger, Clock clock) {
        this.subscribers = subscribers;
        this.renderer = renderer;
        this.rows = rows;
        this.ledger = ledger;
        this.clock = clock;
    }

    void rehearse(long sendId, List<Article> edition, MailingList list) throws SQLException {
        subscribers
                .sampleRecipient(list.id())
                .ifPresent(r -> Log.infof(
                        "Dry run %d: sample subject \"%s\"",
                        sendId,
                        renderer.render(edition, list, r, renderer.previewContext(edition.get(0)))
                                .subject()));
        rows.markDryRun(sendId, clock.instant());
        ledger.transition(sendId, SendStatus.RUNNING, SendStatus.FINISHED, "dry run: nothing sent", clock.instant());
    }
}
