package io.herald;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import io.herald.article.Article;
import io.herald.delivery.EditionMessages;
import io.herald.delivery.MessageSource;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.insight.ClickLinks;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

/**
 * The messages of a send's batches: the edition rendered for each reader, with links as the list counts them
 * (list.yaml tracking) and an unsubscribe link that names the send, so the edition's figures count who left through
 * it.
 */
@ApplicationScoped
class BatchMessages {

    private final DigestRenderer renderer;
    private final EditionMessages messages;
    private final ClickLinks clickLinks;
    private final SubscriberStore subscribers;

    BatchMessages(
            DigestRenderer renderer, EditionMessages messages, ClickLinks clickLinks, SubscriberStore subscribers) {
        this.renderer = renderer;
        this.messages = messages;
        this.clickLinks = clickLinks;
        this.subscribers = subscribers;
    }

    /**
     * Under aggregate (and off) one edition serves every reader: prepared once and spliced. Under individual, readers
     * who consented get links of their own, so each message is built in full.
     */
    MessageSource of(long sendId, long editionId, MailingList list, List<Article> edition)
            throws SQLException, MessagingException {
        EditionContext context = renderer.editionContext(editionId);
        LongFunction<String> unsubscribe = id -> renderer.unsubscribeUrl(list.id(), id) + "&s=" + sendId;
        if (list.tracking() != MailingList.Tracking.INDIVIDUAL) {
            EditionContext tracked = context.tracked(clickLinks.tracking(editionId, list, -1));
            return messages.forSend(
                    sendId,
                    list,
                    (name, email, url) -> renderer.render(edition, list, name, email, url, tracked),
                    unsubscribe);
        }
        Set<Long> consenting = subscribers.consentingReaders(list.id());
        return messages.forReaders(
                sendId,
                list,
                reader -> {
                    EditionContext tracked = context.tracked(
                            clickLinks.tracking(editionId, list, consenting.contains(reader) ? reader : -1));
                    return (name, email, url) -> renderer.render(edition, list, name, email, url, tracked);
                },
                unsubscribe);
    }
}
