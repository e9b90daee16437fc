package io.herald.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

/** Reads what GreenMail received, waiting for mail to arrive instead of sleeping. */
public final class Mailboxes {

    private Mailboxes() {}

    /** Messages received for one address whose subject is {@code subject} (any subject when null). */
    public static List<MimeMessage> withSubject(GreenMail mail, String address, String subject) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return (subject == null || subject.equals(m.getSubject()))
                                && Arrays.stream(m.getAllRecipients())
                                        .anyMatch(a -> ((InternetAddress) a)
                                                .getAddress()
                                                .equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The decoded text of a message's part of this type (text/plain, text/html). */
    public static String part(MimeMessage m, String mimeType) throws Exception {
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(mimeType)) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + mimeType + " part");
    }

    /** The subjects in an address's INBOX, read over IMAP as any mail client would. */
    public static List<String> imapSubjects(GreenMail mail, String address) throws MessagingException {
        java.util.Properties props = new java.util.Properties();
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        jakarta.mail.Store store = session.getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), address, address);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            List<String> subjects = new java.util.ArrayList<>();
            for (jakarta.mail.Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    /** Waits until {@code count} messages with that subject reached the address (at most 20 s). */
    public static List<MimeMessage> await(GreenMail mail, String address, String subject, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> withSubject(mail, address, subject).size() >= count);
        return withSubject(mail, address, subject);
    }
}
