package io.herald;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import io.herald.article.Article;
import io.herald.delivery.EditionMessages;
import io.herald.delivery.MessageSource;
import io.herald.delivery.SubjectVariants;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.digest.RenderedEmail;
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
    private final SubjectTesting subjectTesting;

    BatchMessages(
            DigestRenderer renderer,
            EditionMessages messages,
            ClickLinks clickLinks,
            SubscriberStore subscribers,
            SubjectTesting subjectTesting) {
        this.renderer = renderer;
        this.messages = messages;
        this.clickLinks = clickLinks;
        this.subscribers = subscribers;
        this.subjectTesting = subjectTesting;
    }

    /**
     * The send's messages; with a subject test, each reader's carries the subject of their row's variant, or the
     * winner's outside the test (chosen before the first of those rows is due), and links that count clicks per
     * variant.
     */
    MessageSource of(
            long sendId, long editionId, MailingList list, List<Article> edition, Optional<SubjectVariants.Test> test)
            throws SQLException, MessagingException {
        EditionContext context = renderer.editionContext(editionId);
        if (test.isEmpty()) {
            return variant(sendId, editionId, list, edition, context, 0, null);
        }
        Map<Integer, MessageSource> sources = new HashMap<>();
        return recipient -> {
            int v = recipient.variant();
            MessageSource source;
            synchronized (sources) {
                source = sources.get(v);
                if (source == null) {
                    SubjectVariants.Test t = v > 0
                            ? test.get()
                            : subjectTesting
                                    .decideIfDue(sendId)
                                    .filter(SubjectVariants.Test::decided)
                                    .orElseThrow(() -> new IllegalStateException(
                                            "send " + sendId + ": a reader outside the subject test"
                                                    + " came due before the test's end"));
                    source = variant(sendId, editionId, list, edition, context, v, t.subject(v));
                    sources.put(v, source);
                }
            }
            return source.compose(recipient);
        };
    }

    /**
     * Under aggregate (and off) one edition serves every reader: prepared once and spliced. Under individual, readers
     * who consented get links of their own, so each message is built in full. {@code subject} replaces the
     * template's when not null.
     */
    private MessageSource variant(
            long sendId,
            long editionId,
            MailingList list,
            List<Article> edition,
            EditionContext context,
            int variant,
            String subject)
            throws SQLException, MessagingException {
        LongFunction<String> unsubscribe = id -> renderer.unsubscribeUrl(list.id(), id) + "&s=" + sendId;
        if (list.tracking() != MailingList.Tracking.INDIVIDUAL) {
            EditionContext tracked = context.tracked(clickLinks.tracking(editionId, list, -1, variant));
            return messages.forSend(
                    sendId,
                    variant,
                    list,
                    (name, email, url) -> titled(renderer.render(edition, list, name, email, url, tracked), subject),
                    unsubscribe);
        }
        Set<Long> consenting = subscribers.consentingReaders(list.id());
        return messages.forReaders(
                sendId,
                list,
                reader -> {
                    EditionContext tracked = context.tracked(
                            clickLinks.tracking(editionId, list, consenting.contains(reader) ? reader : -1, variant));
                    return (name, email, url) ->
                            titled(renderer.render(edition, list, name, email, url, tracked), subject);
                },
                unsubscribe);
    }

    private static RenderedEmail titled(RenderedEmail email, String subject) {
        return subject == null ? email : new RenderedEmail(subject, email.html(), email.text());
    }
}
