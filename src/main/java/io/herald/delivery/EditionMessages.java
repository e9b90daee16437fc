package io.herald.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import io.herald.subscriber.MailingList;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Composes each recipient's message of a send: from the send's {@link PreparedEdition} when it could be prepared,
 * otherwise by rendering and building the message fully. Prepared editions are kept for the few sends running now.
 */
@ApplicationScoped
public class EditionMessages {

    private static final int KEPT = 8;

    private final MessageBuilder builder;
    private final DkimSigning dkim;
    private final DeliveryConfig deliveryConfig;
    private final Clock clock;
    private final Map<String, Entry> prepared = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > KEPT;
        }
    };

    EditionMessages(MessageBuilder builder, DkimSigning dkim, DeliveryConfig deliveryConfig, Clock clock) {
        this.builder = builder;
        this.dkim = dkim;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
    }

    private record Entry(PreparedEdition edition) {}

    /**
     * A source of messages for the send: one per claimed recipient. {@code variant} names the subject test's variant
     * the messages carry (0: none), each prepared apart.
     */
    public MessageSource forSend(
            long sendId,
            int variant,
            MailingList list,
            PreparedEdition.Renderer renderer,
            LongFunction<String> unsubscribeUrl)
            throws MessagingException {
        String key = "s" + sendId;
        PreparedEdition edition = deliveryConfig.delivery().preparedMessages()
                ? prepared(
                        sendId + "/" + variant,
                        sendId,
                        () -> PreparedEdition.prepare(builder, list, key, renderer, unsubscribeUrl, clock.instant()))
                : null;
        return recipient -> {
            MessageBuilder.To to = new MessageBuilder.To(recipient.subscriberId(), recipient.email(), recipient.name());
            String url = unsubscribeUrl.apply(recipient.subscriberId());
            MessageBuilder.MessageKey id =
                    new MessageBuilder.MessageKey(key, recipient.subscriberId(), clock.instant());
            return dkim.sign(
                    edition != null
                            ? edition.message(to, url, id)
                            : builder.build(renderer.render(to.name(), to.email(), url), list, to, url, id));
        };
    }

    /**
     * A source of messages for recipients whose links end in a part of their own ({@code readerPart} of their id: a
     * list's consenting readers under individual click counting). The part is spliced into the prepared edition as
     * the name and address are; an edition that cannot be prepared so is built in full for each recipient.
     */
    public MessageSource forReaders(
            long sendId,
            int variant,
            MailingList list,
            PreparedEdition.ReaderRenderer renderer,
            LongFunction<String> unsubscribeUrl,
            LongFunction<String> readerPart)
            throws MessagingException {
        String key = "s" + sendId;
        PreparedEdition edition = deliveryConfig.delivery().preparedMessages()
                ? prepared(
                        sendId + "/" + variant + "/readers",
                        sendId,
                        () -> PreparedEdition.prepare(
                                builder, list, key, renderer, unsubscribeUrl, readerPart, clock.instant()))
                : null;
        return recipient -> {
            MessageBuilder.To to = new MessageBuilder.To(recipient.subscriberId(), recipient.email(), recipient.name());
            String url = unsubscribeUrl.apply(recipient.subscriberId());
            MessageBuilder.MessageKey id =
                    new MessageBuilder.MessageKey(key, recipient.subscriberId(), clock.instant());
            return dkim.sign(
                    edition != null
                            ? edition.message(to, url, id)
                            : builder.build(
                                    renderer.render(
                                            to.name(), to.email(), url, readerPart.apply(recipient.subscriberId())),
                                    list,
                                    to,
                                    url,
                                    id));
        };
    }

    /** A single fully built message, outside any send (preview, the API's sample). */
    public MimeMessage single(
            String label,
            MailingList list,
            MessageBuilder.To to,
            PreparedEdition.Renderer renderer,
            String unsubscribeUrl)
            throws MessagingException {
        return dkim.sign(builder.build(
                renderer.render(to.name(), to.email(), unsubscribeUrl),
                list,
                to,
                unsubscribeUrl,
                new MessageBuilder.MessageKey(label, to.subscriberId(), clock.instant())));
    }

    /**
     * A test message for an editor's address: the email as the list gets it, with "[Test]" before the subject and
     * an X-Herald-Test header, signed like any other. It is in no ledger and its unsubscribe link unsubscribes no one.
     */
    public MimeMessage test(
            MailingList list, MessageBuilder.To to, PreparedEdition.Renderer renderer, String unsubscribeUrl)
            throws MessagingException {
        jakarta.mail.internet.MimeMessage message = builder.build(
                renderer.render(to.name(), to.email(), unsubscribeUrl),
                list,
                to,
                unsubscribeUrl,
                new MessageBuilder.MessageKey("test", 0, clock.instant()));
        message.setSubject("[Test] " + message.getSubject(), "UTF-8");
        message.setHeader("X-Herald-Test", "yes");
        message.saveChanges();
        return dkim.sign(message);
    }

    /** How a send's edition is prepared: the edition, or null when it cannot be spliced. */
    private interface Preparation {
        PreparedEdition prepare() throws MessagingException;
    }

    private PreparedEdition prepared(String cacheKey, long sendId, Preparation preparation) throws MessagingException {
        synchronized (prepared) {
            Entry entry = prepared.get(cacheKey);
            if (entry == null) {
                PreparedEdition edition = preparation.prepare();
                if (edition == null) {
                    Log.warnf(
                            "Send %d: the templates place subscriber values where they cannot be spliced; "
                                    + "building every message in full (slower, same result)",
                            sendId);
                }
                entry = new Entry(edition);
                prepared.put(cacheKey, entry);
            }
            return entry.edition();
        }
    }
}
