package io.herald.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

import io.herald.config.HeraldConfig;
import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * Wraps a rendered email into the MIME message a subscriber receives: multipart/alternative with the text part
 * first, UTF-8 throughout, an RFC 2047 subject, a stable Message-ID per (send, subscriber) so receivers can drop a
 * duplicate, List-Id, and RFC 8058 one-click List-Unsubscribe.
 */
@ApplicationScoped
public class MessageBuilder {

    private final HeraldConfig config;
    private final Clock clock;
    private final Session session = Session.getInstance(new java.util.Properties());

    MessageBuilder(HeraldConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Identity of one message: which send it belongs to, or a label such as "preview" for messages outside sends. */
    public record MessageKey(String send, long subscriberId) {
    }

    public MimeMessage build(RenderedEmail email, MailingList list, Recipient to, String unsubscribeUrl,
            MessageKey key) throws MessagingException {
        InternetAddress from = new InternetAddress(list.from(), true);
        String domain = config.mail().messageIdDomain().orElse(from.getAddress().substring(from.getAddress().indexOf('@') + 1));
        String messageId = "<herald." + key.send() + "." + key.subscriberId() + "@" + domain + ">";
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(from);
        if (list.replyTo() != null) {
            message.setReplyTo(InternetAddress.parse(list.replyTo(), true));
        }
        message.setRecipient(MimeMessage.RecipientType.TO, address(to));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("List-Id", listId(list, domain));
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(Recipient to) throws MessagingException {
        try {
            return to.name() == null ? new InternetAddress(to.email(), true)
                    : new InternetAddress(to.email(), to.name(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("Cannot encode the name of " + to.email(), e);
        }
    }

    private static String listId(MailingList list, String domain) throws MessagingException {
        try {
            String name = MimeUtility.encodeText(list.name().replaceAll("[\\p{Cntrl}<>\"]", " "), "UTF-8", null);
            return "\"" + name + "\" <" + list.id() + ".list." + domain + ">";
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("Cannot encode list name " + list.name(), e);
        }
    }

    /** A MimeMessage that keeps the Message-ID Herald chose instead of generating a new one on saveChanges. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
