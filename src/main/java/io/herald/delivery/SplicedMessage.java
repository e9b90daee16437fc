package io.herald.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * A prepared edition's message: its headers, and its encoded content as pieces (see {@link PreparedEdition}),
 * each also kept in SMTP DATA form ({@link WireBytes#inside}), so {@link PreparedSmtpTransport} writes it in a
 * few large writes. Written anywhere else (a file, a test, a DKIM signer), it is an ordinary unmodified message
 * whose content is the pieces joined; the bytes are the same either way.
 *
 * <p>Subject, From and the recipients are read back as MimeMessage reads them, without decoding the same header
 * again for every message: Angus asks each message for its subject (for a hook of its own) and its From (for MAIL
 * FROM), the pool for its recipients, and decoding them was a sixth of a sending thread's CPU. A send's messages
 * share their Subject and From lines, so the decoded value of a line is kept by the line's text; the recipient is
 * the address the message's To was written from, used while the To line is still that address's own. (Parsing
 * also depends on the session's {@code mail.mime.address.strict}, which no session of Herald's sets.)
 */
final class SplicedMessage extends MimeMessage {
    /** Decoded Subject and parsed From lines, by the line's text; emptied when either passes 64 lines. */
    private static final ConcurrentHashMap<String, String> SUBJECTS = new ConcurrentHashMap<>();

    private static final ConcurrentHashMap<String, Address[]> FROMS = new ConcurrentHashMap<>();

    /** Each thread's working space for {@link #headerBytes}. */
    private static final ThreadLocal<byte[]> HEADER_SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private final List<byte[]> pieces;
    private final List<byte[]> wire;
    private final InternetAddress to;
    /** {@code to.toString()}, already written for the To line (null: not known). */
    private final String toValue;

    /**
     * {@code wire} is null when some piece is not in DATA form; then the message goes the ordinary way. {@code to}:
     * the address the To line was set from (null: read from the line); {@code toValue}: its {@code toString()}
     * when the caller has it, or null.
     */
    SplicedMessage(
            Session session,
            InternetHeaders headers,
            List<byte[]> pieces,
            List<byte[]> wire,
            InternetAddress to,
            String toValue) {
        super(session);
        this.headers = headers;
        this.pieces = pieces;
        this.wire = wire;
        this.to = to;
        this.toValue = toValue;
        // Unmodified and saved: writeTo writes these headers and this content as they are.
        this.modified = false;
        this.saved = true;
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        if (os instanceof PreparedSmtpTransport.DataStream data && wire != null) {
            byte[] head = WireBytes.inside(headerBytes(ignoreList));
            if (head != null) {
                List<byte[]> all = new ArrayList<>(wire.size() + 1);
                all.add(head);
                all.addAll(wire);
                data.writeWire(all);
                return;
            }
        }
        joined();
        super.writeTo(os, ignoreList);
    }

    /**
     * The header lines and the blank line after them, as MimeMessage.writeTo writes them through a LineOutputStream
     * without UTF-8 (mail.mime.allowutf8, which no session of Herald's sets: each char as its low byte, a CRLF after
     * each line), into the thread's working space and copied out at their size: the stream made two arrays a line.
     */
    private byte[] headerBytes(String[] ignoreList) throws MessagingException {
        byte[] out = HEADER_SCRATCH.get();
        int size = 0;
        for (Enumeration<String> e = getNonMatchingHeaderLines(ignoreList); e.hasMoreElements(); ) {
            String line = e.nextElement();
            if (out.length < size + line.length() + 4) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + line.length() + 4));
                HEADER_SCRATCH.set(out);
            }
            for (int i = 0; i < line.length(); i++) {
                out[size++] = (byte) line.charAt(i);
            }
            out[size++] = '\r';
            out[size++] = '\n';
        }
        if (out.length < size + 2) {
            out = Arrays.copyOf(out, size + 2);
            HEADER_SCRATCH.set(out);
        }
        out[size++] = '\r';
        out[size++] = '\n';
        return Arrays.copyOf(out, size);
    }

    /** The encoded content, piece by piece, as writeTo writes it after the header. */
    void writeContent(OutputStream out) throws IOException {
        for (byte[] piece : pieces) {
            out.write(piece);
        }
    }

    @Override
    public String getSubject() throws MessagingException {
        String line = getHeader("Subject", null);
        if (line == null) {
            return super.getSubject();
        }
        String known = SUBJECTS.get(line);
        if (known == null) {
            known = super.getSubject();
            remember(SUBJECTS, line, known);
        }
        return known;
    }

    @Override
    public Address[] getFrom() throws MessagingException {
        String line = getHeader("From", ",");
        if (line == null) {
            return super.getFrom();
        }
        Address[] known = FROMS.get(line);
        if (known == null) {
            known = super.getFrom();
            remember(FROMS, line, known);
        }
        return copies(known);
    }

    /** The To address alone, as MimeMessage would parse it, while To is its line and no Cc, Bcc or Newsgroups. */
    @Override
    public Address[] getAllRecipients() throws MessagingException {
        if (to != null
                && (toValue != null ? toValue : to.toString()).equals(getHeader("To", ","))
                && getHeader("Cc") == null
                && getHeader("Bcc") == null
                && getHeader("Newsgroups") == null) {
            return new Address[] {(Address) to.clone()};
        }
        return super.getAllRecipients();
    }

    private static <V> void remember(ConcurrentHashMap<String, V> known, String line, V value) {
        if (value == null) {
            return;
        }
        if (known.size() >= 64) {
            known.clear();
        }
        known.put(line, value);
    }

    /** Addresses are mutable: each caller gets its own. */
    private static Address[] copies(Address[] addresses) {
        Address[] copy = new Address[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            copy[i] = addresses[i] instanceof InternetAddress a ? (Address) a.clone() : addresses[i];
        }
        return copy;
    }

    @Override
    protected InputStream getContentStream() throws MessagingException {
        joined();
        return super.getContentStream();
    }

    @Override
    public int getSize() throws MessagingException {
        joined();
        return super.getSize();
    }

    private synchronized void joined() {
        if (content == null) {
            int length = 0;
            for (byte[] piece : pieces) {
                length += piece.length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] piece : pieces) {
                System.arraycopy(piece, 0, all, at, piece.length);
                at += piece.length;
            }
            content = all;
        }
    }
}
