package io.herald.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * Wraps a rendered email into the MIME message a subscriber receives: multipart/alternative with the text part
 * first, UTF-8 and quoted-printable throughout, an RFC 2047 subject, a stable Message-ID per (send, subscriber) so
 * receivers can drop a duplicate, List-Id, RFC 8058 one-click List-Unsubscribe, Precedence bulk and the list's
 * Content-Language. The boundary is fixed per send,
 * so that {@link PreparedEdition} can produce the very same bytes without building each message.
 */
@ApplicationScoped
public class MessageBuilder {

    static final String QUOTED_PRINTABLE = "quoted-printable";

    static {
        // jakarta.mail looks its StreamProvider up with a ServiceLoader on every encode and decode, reading jar files
        // each time (jakartaee/mail-api #861); naming the provider makes the lookup a plain class instantiation.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final DeliveryConfig deliveryConfig;
    private final Session session = Session.getInstance(new java.util.Properties());

    private final MessageIds messageIds;

    private final io.herald.language.Languages languages;

    MessageBuilder(DeliveryConfig deliveryConfig, MessageIds messageIds, io.herald.language.Languages languages) {
        this.languages = languages;
        this.deliveryConfig = deliveryConfig;
        this.messageIds = messageIds;
    }

    /** Who a message goes to, as the headers show them. */
    public record To(long subscriberId, String email, String name) {}

    /** Identity of one message: the send (or a label such as "preview") and when it is dated. */
    public record MessageKey(String send, long subscriberId, Instant date) {}

    /** The fully built message: every part rendered and encoded by Angus. */
    public MimeMessage build(RenderedEmail email, MailingList list, To to, String unsubscribeUrl, MessageKey key)
            throws MessagingException {
        HeaderMessage message = headers(email.subject(), list, to, unsubscribeUrl, key);
        MimeMultipart alternative = new FixedBoundaryMultipart(boundary(key.send()));
        alternative.addBodyPart(textPart(email.text(), "plain"));
        alternative.addBodyPart(textPart(email.html(), "html"));
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** The message's headers alone, as build() sets them, ready to take the prepared content. */
    HeaderMessage headers(String subject, MailingList list, To to, String unsubscribeUrl, MessageKey key)
            throws MessagingException {
        Common common = common(subject, list, key.send());
        HeaderMessage message = new HeaderMessage(session, messageId(key, common.domain()));
        message.setHeader("From", common.from());
        if (common.replyTo() != null) {
            message.setHeader("Reply-To", common.replyTo());
        }
        message.recipient = address(to);
        message.setRecipient(MimeMessage.RecipientType.TO, message.recipient);
        message.setHeader("Subject", common.subject());
        message.setHeader("Date", date(key.date()));
        message.setHeader("List-Id", common.listId());
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Bulk list mail: readers' out-of-office and vacation responders do not answer it to the newsroom's
        // reply-to address (RFC 3834 responders honour Precedence bulk/list/junk), and spam filters see a list.
        message.setHeader("Precedence", "bulk");
        // The language of Herald's words in it (RFC 3282): mail clients and screen readers pick their voice by it.
        message.setHeader("Content-Language", contentLanguage(list));
        return message;
    }

    /** The Message-ID of the message {@code key} names, at the send's domain. */
    String messageId(MessageKey key, String domain) {
        return messageIds.of(key.send(), key.subscriberId(), domain);
    }

    /**
     * The language of Herald's words in a list's messages, looked up with each message built in full, whose words are
     * rendered with it (the files can change while a node runs); a prepared edition's header keeps its probe's.
     */
    private String contentLanguage(MailingList list) {
        return languages.words(list.language()).language();
    }

    /**
     * The header values every message of one send to one list with one subject shares, each written by Angus's own
     * setter (setFrom, setReplyTo, setSubject) on a scratch message and read back, so they are the very values a
     * message built in full gets. Worked out per message, they and the Date took half of the header step, which was a
     * fifth of a sending thread's CPU.
     * (Content-Language is looked up per message: the language files can change while a node runs.)
     */
    record Common(MailingList list, String domain, String from, String replyTo, String subject, String listId) {}

    /** The Date header of one second, as setSentDate writes it (it drops the milliseconds). */
    private record DateHeader(long second, String value) {}

    private record CommonKey(String send, String subject) {}

    /**
     * Common values by send and subject: a send's batches ask for the same ones message after message, and a subject
     * test's variants run side by side. Emptied when it passes 32 entries (sends long finished).
     */
    private final ConcurrentHashMap<CommonKey, Common> commons = new ConcurrentHashMap<>();

    private volatile DateHeader date;

    Common common(String subject, MailingList list, String send) throws MessagingException {
        CommonKey key = new CommonKey(send, subject);
        Common known = commons.get(key);
        if (known != null && known.list() == list) {
            return known;
        }
        InternetAddress from = new InternetAddress(list.from(), true);
        String domain = deliveryConfig
                .mail()
                .messageIdDomain()
                .orElse(from.getAddress().substring(from.getAddress().indexOf('@') + 1));
        MimeMessage scratch = new MimeMessage(session);
        scratch.setFrom(from);
        if (list.replyTo() != null) {
            scratch.setReplyTo(InternetAddress.parse(list.replyTo(), true));
        }
        scratch.setSubject(subject, StandardCharsets.UTF_8.name());
        Common made = new Common(
                list,
                domain,
                scratch.getHeader("From", null),
                scratch.getHeader("Reply-To", null),
                scratch.getHeader("Subject", null),
                listId(list, domain));
        if (commons.size() >= 32) {
            commons.clear();
        }
        commons.put(key, made);
        return made;
    }

    String date(Instant at) throws MessagingException {
        long second = at.getEpochSecond();
        DateHeader last = date;
        if (last != null && last.second() == second) {
            return last.value();
        }
        MimeMessage scratch = new MimeMessage(session);
        scratch.setSentDate(Date.from(Instant.ofEpochSecond(second)));
        DateHeader made = new DateHeader(second, scratch.getHeader("Date", null));
        date = made;
        return made.value();
    }

    static String boundary(String send) {
        // "=_" never occurs in quoted-printable text, so the boundary cannot collide with a body line.
        return "=_herald_" + send;
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        // Always quoted-printable: line-local, so a changed line re-encodes alone (see PreparedEdition).
        part.setHeader("Content-Transfer-Encoding", QUOTED_PRINTABLE);
        return part;
    }

    /**
     * Quoted-printable bytes of a text, as Angus encodes a text part's UTF-8 content (its QPEncoderStream, which
     * MimeUtility.encode hands out; see {@link QuotedPrintable}).
     */
    static byte[] quotedPrintable(String text) {
        return QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The address RCPT TO names for a reader, known without composing the message: the one {@link #address} puts in
     * To (parsed when there is no name, as written when there is one). Null when it does not parse.
     */
    static String envelopeAddress(String email, String name) {
        try {
            return name == null ? new InternetAddress(email, true).getAddress() : email;
        } catch (AddressException e) {
            return null;
        }
    }

    static InternetAddress address(To to) throws MessagingException {
        try {
            return to.name() == null
                    ? new InternetAddress(to.email(), true)
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

    /** A MimeMessage that keeps the Message-ID Herald chose and lends its headers to a prepared message. */
    static final class HeaderMessage extends MimeMessage {
        private final String messageId;
        /** The address its To line was written from. */
        private InternetAddress recipient;

        HeaderMessage(Session session, String messageId) throws MessagingException {
            super(session);
            this.messageId = messageId;
            this.headers = new CompactHeaders();
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        /** These headers plus what saveChanges added to the fully built message of the same send. */
        InternetHeaders completed(String mimeVersion, String contentType) throws MessagingException {
            setHeader("MIME-Version", mimeVersion);
            setHeader("Content-Type", contentType);
            updateMessageID();
            return headers;
        }

        InternetAddress recipient() {
            return recipient;
        }
    }

    /** multipart/alternative with a boundary chosen by Herald instead of a random one. */
    static final class FixedBoundaryMultipart extends MimeMultipart {
        FixedBoundaryMultipart(String boundary) throws MessagingException {
            super("alternative");
            jakarta.mail.internet.ContentType type = new jakarta.mail.internet.ContentType(contentType);
            type.setParameter("boundary", boundary);
            contentType = type.toString();
        }
    }

    SplicedMessage spliced(
            InternetHeaders headers, List<byte[]> pieces, List<byte[]> wire, InternetAddress to, String toValue) {
        return new SplicedMessage(session, headers, pieces, wire, to, toValue);
    }
}
