package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.util.LineOutputStream;

/**
 * A prepared edition's message: its headers, and its encoded content as pieces (see {@link PreparedEdition}),
 * each also kept in SMTP DATA form ({@link WireBytes#inside}), so {@link PreparedSmtpTransport} writes it in a
 * few large writes. Written anywhere else (a file, a test, a DKIM signer), it is an ordinary unmodified message
 * whose content is the pieces joined; the bytes are the same either way.
 */
final class SplicedMessage extends MimeMessage {
    private final List<byte[]> pieces;
    private final List<byte[]> wire;

    /** {@code wire} is null when some piece is not in DATA form; then the message goes the ordinary way. */
    SplicedMessage(Session session, InternetHeaders headers, List<byte[]> pieces, List<byte[]> wire) {
        super(session);
        this.headers = headers;
        this.pieces = pieces;
        this.wire = wire;
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

    /** The header lines and the blank line after them, as MimeMessage.writeTo writes them. */
    private byte[] headerBytes(String[] ignoreList) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        LineOutputStream lines = new LineOutputStream(out, false);
        for (Enumeration<String> e = getNonMatchingHeaderLines(ignoreList); e.hasMoreElements(); ) {
            lines.writeln(e.nextElement());
        }
        lines.writeln();
        return out.toByteArray();
    }

    /** The encoded content, piece by piece, as writeTo writes it after the header. */
    void writeContent(OutputStream out) throws IOException {
        for (byte[] piece : pieces) {
            out.write(piece);
        }
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
