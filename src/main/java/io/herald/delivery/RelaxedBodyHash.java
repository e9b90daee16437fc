package io.herald.delivery;

import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * A body's DKIM hash with relaxed canonicalization (RFC 6376, 3.4.4), computed as the body streams through: in each
 * line every run of spaces and tabs becomes one space and none is left before the line's end (a line of nothing else
 * is empty); empty lines at the end
 * of the body are dropped; a body that does not end its last line gets a CRLF; an empty body hashes nothing. Lines end
 * in CRLF (a lone CR or LF is a character of its line, as RFC 5322 bodies have none).
 * <p>
 * Written for the sending path: runs of characters (single spaces between them included) are copied whole into a
 * small buffer, only spaces, tabs and line ends are looked at one by one, the digest is fed in blocks, and nothing is
 * allocated per message but this object. {@code RelaxedBodyHashTest} checks it against a canonicalization written straight from the
 * RFC's steps and against jDKIM's canonicalizer, on generated bodies cut into writes at random places.
 */
final class RelaxedBodyHash extends OutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final MessageDigest digest;
    private final byte[] buffer = new byte[4096];
    private int buffered;

    /** Spaces or tabs since the line's last character: one space if more of the line follows, none at its end. */
    private boolean space;
    /** The line has characters other than spaces and tabs. */
    private boolean content;
    /** A CR was the last byte: a line end if LF follows. */
    private boolean cr;
    /** Empty lines seen since the last line with content: written once more content follows, dropped at the end. */
    private int emptyLines;

    private boolean closed;

    /** Hashes into {@code digest}, which must be fresh (reset). */
    RelaxedBodyHash(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void write(int b) {
        take((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            byte b = bytes[i];
            if (cr || special(b)) {
                take(b);
                i++;
                continue;
            }
            // A run of characters, single spaces between them included, goes in as it is: most of a body.
            int start = i++;
            while (i < end) {
                b = bytes[i];
                if (b == CR || b == '\t' || b == ' ' && (i + 1 == end || special(bytes[i + 1]))) {
                    break;
                }
                i++;
            }
            startCharacters();
            put(bytes, start, i - start);
        }
    }

    private static boolean special(byte b) {
        return b == ' ' || b == '\t' || b == CR;
    }

    private void take(byte b) {
        if (cr) {
            cr = false;
            if (b == LF) {
                endLine();
                return;
            }
            character(CR);
        }
        if (b == CR) {
            cr = true;
        } else if (b == ' ' || b == '\t') {
            space = true;
        } else {
            character(b);
        }
    }

    /**
     * A character other than a space or tab: after the empty lines before it, and one space for a run of them before
     * it (at the line's start too).
     */
    private void character(byte b) {
        startCharacters();
        put(b);
    }

    /** Before the line's next characters: the empty lines before them, and one space for a run before them. */
    private void startCharacters() {
        if (!content) {
            for (; emptyLines > 0; emptyLines--) {
                put(CR);
                put(LF);
            }
            content = true;
        }
        if (space) {
            put((byte) ' ');
            space = false;
        }
    }

    private void endLine() {
        if (content) {
            put(CR);
            put(LF);
        } else {
            emptyLines++;
        }
        content = false;
        space = false;
    }

    private void put(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (buffered == buffer.length) {
                digest.update(buffer, 0, buffered);
                buffered = 0;
            }
            int n = Math.min(length, buffer.length - buffered);
            System.arraycopy(bytes, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    private void put(byte b) {
        if (buffered == buffer.length) {
            digest.update(buffer, 0, buffered);
            buffered = 0;
        }
        buffer[buffered++] = b;
    }

    /** Ends the body: a last line without its CRLF gets one; trailing empty lines and spaces are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cr) {
            cr = false;
            character(CR);
        }
        if (content) {
            endLine();
        }
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }

    /** The hash of the whole body (ends it first). */
    byte[] hash() {
        close();
        return digest.digest();
    }
}
