package io.herald;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.herald.article.ArticleIngest;
import io.herald.delivery.SendRunner;
import io.herald.social.Cards;
import io.herald.social.card.CardFormat;
import io.herald.social.card.CardsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Draws an article's cards as soon as it is stored or changed, one card at a time on one background thread, so the
 * preview, the public page's og:image and the publishing job find them ready. While this node sends email it waits:
 * a card takes a core for a tenth of a second, and a send of hundreds of messages a second needs both cores more
 * (docs/reach.md, BENCHMARKS.md). A card asked for before it is drawn is drawn on demand.
 */
@ApplicationScoped
public class CardPainter {

    private static final int QUEUE_LIMIT = 10_000;
    private static final long WAIT_WHILE_SENDING_MILLIS = 250;

    private final Cards cards;
    private final SendRunner sends;
    private final CardsConfig config;
    private final LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private volatile Thread thread;

    CardPainter(Cards cards, SendRunner sends, CardsConfig config) {
        this.cards = cards;
        this.sends = sends;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled() || !config.paintAhead()) {
            return;
        }
        thread = new Thread(this::paint, "herald-card-painter");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    void onStored(@Observes ArticleIngest.ArticleStored event) {
        enqueue(event.article().id());
    }

    void onUpdated(@Observes ArticleIngest.ArticleUpdated event) {
        enqueue(event.article().id());
    }

    private void enqueue(Long id) {
        if (thread != null && id != null && !queue.offer(id)) {
            Log.debugf("Card queue full: article %d's cards are drawn when first asked for", id);
        }
    }

    /** How many articles wait for their cards (for the bench and the tests). */
    public int waiting() {
        return queue.size();
    }

    private void paint() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long id = queue.take();
                for (CardFormat format : CardFormat.values()) {
                    while (sends.busy()) {
                        TimeUnit.MILLISECONDS.sleep(WAIT_WHILE_SENDING_MILLIS);
                    }
                    cards.card(id, format);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // The article went away, or its layout does not draw: asked for, the card says why.
                Log.debugf("Card not drawn ahead: %s", e.getMessage());
            }
        }
    }
}
