package io.herald.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Message bytes in SMTP DATA form: lines end in CRLF only, and a dot that starts a line is doubled (RFC 5321 4.5.2).
 * A message is kept as pieces that each start at the beginning of a line or right after the previous piece; each
 * piece is made ready once ({@link #inside}), and the dot that may start a piece is settled while writing
 * ({@link #write}), which is what Angus's SMTPOutputStream does a byte at a time.
 */
final class WireBytes {

    private static final byte[] CRLF = {'\r', '\n'};

    private WireBytes() {}

    /**
     * The piece with every dot that follows a CR or LF inside it doubled, or null when the piece has a bare CR or LF
     * (Angus would rewrite it to CRLF; such bytes go the ordinary way). Returns the piece itself when nothing changes.
     */
    static byte[] inside(byte[] piece) {
        int dots = 0;
        for (int i = 0; i < piece.length; i++) {
            byte b = piece[i];
            if (b == '\r') {
                if (i + 1 >= piece.length || piece[i + 1] != '\n') {
                    return null;
                }
            } else if (b == '\n') {
                if (i == 0 || piece[i - 1] != '\r') {
                    return null;
                }
                if (i + 1 < piece.length && piece[i + 1] == '.') {
                    dots++;
                }
            }
        }
        if (dots == 0) {
            return piece;
        }
        byte[] out = new byte[piece.length + dots];
        int at = 0;
        for (int i = 0; i < piece.length; i++) {
            out[at++] = piece[i];
            if (piece[i] == '\n' && i + 1 < piece.length && piece[i + 1] == '.') {
                out[at++] = '.';
            }
        }
        return out;
    }

    /**
     * Writes pieces made by {@link #inside}, doubling a dot that starts a piece at the beginning of a line, and ends
     * the data at the beginning of a line, as SMTPOutputStream.ensureAtBOL does.
     */
    static void write(OutputStream out, List<byte[]> pieces) throws IOException {
        int last = '\n';
        for (byte[] piece : pieces) {
            if (piece.length == 0) {
                continue;
            }
            if (piece[0] == '.' && (last == '\n' || last == '\r')) {
                out.write('.');
            }
            out.write(piece);
            last = piece[piece.length - 1];
        }
        if (last != '\n') {
            out.write(CRLF);
        }
    }

    /**
     * An unsynchronised, reusable byte buffer: one per connection (as large as the largest message sent on it), and
     * for quoted-printable encoding.
     */
    static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int size;

        Buffer() {
            this(64 * 1024);
        }

        Buffer(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, size);
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }
}
