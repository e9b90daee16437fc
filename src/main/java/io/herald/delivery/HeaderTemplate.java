package io.herald.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.herald.subscriber.MailingList;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

/**
 * The header of a prepared edition's messages, made once: the lines {@link MessageBuilder#headers} and
 * {@link MessageBuilder.HeaderMessage#completed} write for one send, list and subject, with the four lines that
 * differ between messages (To, Message-ID, Date and List-Unsubscribe) filled in for each reader. The other lines
 * (From, Reply-To, Subject, List-Id, List-Unsubscribe-Post, Precedence, MIME-Version, Content-Type and
 * Content-Language) are the template's own strings. Setting fourteen headers one by one on a new MimeMessage, each
 * set walking the header list, was about a tenth of a sending thread's CPU. Content-Language names the language of
 * Herald's words in the body, which a prepared edition rendered once for the whole send: it is taken with them, not
 * looked up again for each message (where a language file added during the send would have given later messages a
 * header that no longer matched their words).
 *
 * <p>The result is the same list, empty places included ({@link CompactHeaders}), as setting the headers one by one
 * gives, so what is set or added to a message later lands where it would have. {@link #of} gives up (null) unless
 * each varying line it recomputes for the probe it was made from is the probe's own line; {@link PreparedEdition}
 * checks whole messages against fully built ones besides.
 */
final class HeaderTemplate {

    /** The lines that differ between messages, each found by its header's name. */
    private static final String TO = "To";

    private static final String MESSAGE_ID = "Message-ID";
    private static final String DATE = "Date";
    private static final String UNSUBSCRIBE = "List-Unsubscribe";

    private final MessageBuilder builder;
    private final String domain;
    /** Each place's header name and line (null: an empty place), in the list's order. */
    private final String[] names;

    private final String[] lines;
    private final int to;
    private final int messageId;
    private final int date;
    private final int unsubscribe;

    private HeaderTemplate(MessageBuilder builder, String domain, List<String> names, List<String> lines) {
        this.builder = builder;
        this.domain = domain;
        this.names = names.toArray(String[]::new);
        this.lines = lines.toArray(String[]::new);
        this.to = at(TO);
        this.messageId = at(MESSAGE_ID);
        this.date = at(DATE);
        this.unsubscribe = at(UNSUBSCRIBE);
    }

    /**
     * One message's header, the address its To line was written from, and that line's value when it is the
     * address's own {@code toString()} (null when the line was folded).
     */
    record Filled(InternetHeaders headers, InternetAddress recipient, String toValue) {}

    /**
     * The template of the messages of {@code send} to {@code list} under {@code subject}, made from a probe's header
     * as the builder writes it; null when a varying line is missing or the template would not write it as the
     * builder did.
     */
    static HeaderTemplate of(
            MessageBuilder builder,
            MailingList list,
            String send,
            String subject,
            String mimeVersion,
            String contentType,
            java.time.Instant dated)
            throws MessagingException {
        MessageBuilder.To probe = new MessageBuilder.To(0, PreparedEdition.EMAIL, null);
        MessageBuilder.MessageKey key = new MessageBuilder.MessageKey(send, 0, dated);
        MessageBuilder.HeaderMessage message = builder.headers(subject, list, probe, PreparedEdition.URL, key);
        List<String> written =
                Collections.list(message.completed(mimeVersion, contentType).getAllHeaderLines());
        // The places a new CompactHeaders has, each filled by the written line of its name; the other lines go before
        // the ":" marker in the order they were written, as InternetHeaders.setHeader adds a header it has no place
        // for.
        List<String> names = new ArrayList<>(CompactHeaders.PLACES);
        List<String> lines = new ArrayList<>(Collections.nCopies(names.size(), (String) null));
        for (String line : written) {
            String name = nameOf(line);
            int place = -1;
            for (int i = 0; i < names.size() && place < 0; i++) {
                if (lines.get(i) == null && names.get(i).equalsIgnoreCase(name)) {
                    place = i;
                }
            }
            if (place < 0) {
                int marker = names.indexOf(":");
                names.add(marker, name);
                lines.add(marker, line);
            } else {
                lines.set(place, line);
            }
        }
        HeaderTemplate template =
                new HeaderTemplate(builder, builder.common(subject, list, send).domain(), names, lines);
        if (template.to < 0 || template.messageId < 0 || template.date < 0 || template.unsubscribe < 0) {
            return null;
        }
        Filled again = template.fill(probe, PreparedEdition.URL, key);
        return Collections.list(again.headers().getAllHeaderLines()).equals(written) ? template : null;
    }

    /** The header of one reader's message. */
    Filled fill(MessageBuilder.To to, String unsubscribeUrl, MessageBuilder.MessageKey key) throws MessagingException {
        InternetAddress recipient = MessageBuilder.address(to);
        // As MimeMessage.setRecipient writes To without mail.mime.allowutf8 (no session of Herald's sets it).
        String toValue = InternetAddress.toString(new Address[] {recipient}, TO.length() + 2);
        String[] filled = lines.clone();
        filled[this.to] = TO + ": " + toValue;
        filled[messageId] = MESSAGE_ID + ": " + builder.messageId(key, domain);
        filled[date] = DATE + ": " + builder.date(key.date());
        filled[unsubscribe] = UNSUBSCRIBE + ": <" + unsubscribeUrl + ">";
        // Unfolded, the value is the address's own toString, which SplicedMessage then need not write again; a
        // folded one (a long name) leaves it to compare as before.
        return new Filled(new CompactHeaders(names, filled), recipient, toValue.indexOf('\r') < 0 ? toValue : null);
    }

    private int at(String name) {
        int found = -1;
        for (int i = 0; i < names.length; i++) {
            if (lines[i] != null && nameOf(lines[i]).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static String nameOf(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }
}
