package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Clock clock;
    /** Each list's consenting readers as last read, for the batches that follow within {@link #CONSENT_READ_AGAIN}. */
    private final Map<String, Consenting> consenting = new ConcurrentHashMap<>();

    /**
     * How long the consenting readers of a list, read for one batch, serve the batches after it. Reading them reads
     * every membership of the list, and a send of 100,000 has 200 batches: read for each, they took a send on H2
     * from thousands of messages a second to 3,400. A consent given or withdrawn reaches the emails built this long
     * after it at the latest; a click is written under the reader's name only while the consent stands.
     */
    static final Duration CONSENT_READ_AGAIN = Duration.ofSeconds(10);

    private record Consenting(Instant read, Set<Long> readers) {}

    BatchMessages(
            DigestRenderer renderer,
            EditionMessages messages,
            ClickLinks clickLinks,
            SubscriberStore subscribers,
            SubjectTesting subjectTesting,
            Clock clock) {
        this.renderer = renderer;
        this.messages = messages;
        this.clickLinks = clickLinks;
        this.subscribers = subscribers;
        this.subjectTesting = subjectTesting;
        this.clock = clock;
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
     * who consented get links of their own, from an edition prepared for them that splices in their part of the links
     * as it does their name; every other reader gets the aggregate links, from the edition prepared as under
     * aggregate. (Built in full for each reader, a list that counted individually sent 439 messages a second.)
     * {@code subject} replaces the template's when not null.
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
        EditionContext aggregate = context.tracked(clickLinks.tracking(editionId, list, -1, variant));
        MessageSource shared = messages.forSend(
                sendId,
                variant,
                list,
                (name, email, url) -> titled(renderer.render(edition, list, name, email, url, aggregate), subject),
                unsubscribe);
        if (list.tracking() != MailingList.Tracking.INDIVIDUAL) {
            return shared;
        }
        Set<Long> consenting = consentingReaders(list.id());
        if (consenting.isEmpty()) {
            // Nobody's links are their own: no edition is prepared for them.
            return shared;
        }
        MessageSource own = messages.forReaders(
                sendId,
                variant,
                list,
                (name, email, url, part) -> titled(
                        renderer.render(
                                edition,
                                list,
                                name,
                                email,
                                url,
                                context.tracked(clickLinks.trackingWithPart(editionId, list, part, variant))),
                        subject),
                unsubscribe,
                reader -> clickLinks.readerPart(editionId, reader));
        return recipient ->
                consenting.contains(recipient.subscriberId()) ? own.compose(recipient) : shared.compose(recipient);
    }

    /**
     * Synchronized: a send's first batches start together, and each reading the set of its own held several copies
     * of it at once (a node sending to 100,000 consenting readers grew its heap from 49 to 98 MB).
     */
    private synchronized Set<Long> consentingReaders(String listId) throws SQLException {
        Instant now = clock.instant();
        // Lists that no longer send are forgotten with their readers (and a read the clock has gone back past).
        consenting
                .values()
                .removeIf(c -> now.isBefore(c.read()) || !now.isBefore(c.read().plus(CONSENT_READ_AGAIN)));
        Consenting known = consenting.get(listId);
        if (known != null) {
            return known.readers();
        }
        Set<Long> readers = Set.copyOf(subscribers.consentingReaders(listId));
        consenting.put(listId, new Consenting(now, readers));
        return readers;
    }

    private static RenderedEmail titled(RenderedEmail email, String subject) {
        return subject == null ? email : new RenderedEmail(subject, email.html(), email.text());
    }
}
