package io.herald.delivery;

import java.util.Arrays;

/**
 * Quoted-printable bytes (RFC 2045, 6.7) exactly as Angus's {@code QPEncoderStream} writes them at its default 76
 * characters a line, closed at the end: line breaks become CRLF, a space is encoded only before a line break or at
 * the end, control characters, 8-bit bytes and "=" are encoded, and a soft break ("=" CRLF) keeps every line within 76
 * characters. Angus's stream takes one virtual call per byte in and per byte out; the per-reader lines of every
 * message go through this, and the stream was a twelfth of a sending thread's CPU. {@code QuotedPrintableTest} holds
 * the two to the same bytes.
 */
final class QuotedPrintable {

    /** Characters on a line before a soft break, as QPEncoderStream counts them (76 less the "="). */
    private static final int PER_LINE = 75;

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    /**
     * Each thread's working space, as large as the largest text it encoded up to {@link #KEPT}: the result is copied
     * out at its size, so a message's lines allocate what they are, not three times it.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private static final int KEPT = 256 * 1024;

    private QuotedPrintable() {}

    static byte[] encode(byte[] in) {
        // Every byte at most three, plus a soft break at most every 25 bytes in, plus a trailing encoded space.
        int most = in.length * 3 + in.length / 8 + 16;
        byte[] out = SCRATCH.get();
        if (out.length < most) {
            out = new byte[most];
            if (most <= KEPT) {
                SCRATCH.set(out);
            }
        }
        int size = 0;
        int count = 0;
        boolean gotSpace = false;
        boolean gotCr = false;
        for (byte b : in) {
            int c = b & 0xff;
            if (gotSpace) {
                boolean encode = c == '\r' || c == '\n';
                int width = encode ? 3 : 1;
                if ((count += width) > PER_LINE) {
                    size = softBreak(out, size);
                    count = width;
                }
                size = encode ? encoded(out, size, ' ') : plain(out, size, ' ');
                gotSpace = false;
            }
            if (c == '\r') {
                gotCr = true;
                out[size++] = '\r';
                out[size++] = '\n';
                count = 0;
                continue;
            }
            if (c == '\n') {
                if (!gotCr) {
                    out[size++] = '\r';
                    out[size++] = '\n';
                    count = 0;
                }
            } else if (c == ' ') {
                gotSpace = true;
            } else if (c < 32 || c >= 127 || c == '=') {
                if ((count += 3) > PER_LINE) {
                    size = softBreak(out, size);
                    count = 3;
                }
                size = encoded(out, size, c);
            } else {
                if (++count > PER_LINE) {
                    size = softBreak(out, size);
                    count = 1;
                }
                out[size++] = (byte) c;
            }
            gotCr = false;
        }
        if (gotSpace) {
            if (count + 3 > PER_LINE) {
                size = softBreak(out, size);
            }
            size = encoded(out, size, ' ');
        }
        return Arrays.copyOf(out, size);
    }

    private static int softBreak(byte[] out, int size) {
        out[size] = '=';
        out[size + 1] = '\r';
        out[size + 2] = '\n';
        return size + 3;
    }

    private static int encoded(byte[] out, int size, int c) {
        out[size] = '=';
        out[size + 1] = HEX[c >> 4];
        out[size + 2] = HEX[c & 0xf];
        return size + 3;
    }

    private static int plain(byte[] out, int size, int c) {
        out[size] = (byte) c;
        return size + 1;
    }
}
