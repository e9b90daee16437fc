package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** One text part: runs of constant lines, encoded once, between lines that hold a sentinel. */
final class PreparedPart {
    private static final List<String> SENTINELS =
            List.of(PreparedEdition.NAME, PreparedEdition.EMAIL, PreparedEdition.URL, PreparedEdition.READER);

    private final List<Object> pieces; // Chunk: an encoded constant run, or List<Object> of String and Slot

    private PreparedPart(List<Object> pieces) {
        this.pieces = pieces;
    }

    static PreparedPart of(String text, boolean html) {
        Context[] contexts = html ? contexts(text) : null;
        List<Object> pieces = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            List<Object> tokens = tokens(text, start, end, contexts);
            if (tokens == null) {
                run.append(text, start, end);
            } else {
                if (run.length() > 0) {
                    pieces.add(Chunk.of(MessageBuilder.quotedPrintable(run.toString())));
                    run.setLength(0);
                }
                pieces.add(tokens);
            }
            start = end;
        }
        if (run.length() > 0) {
            pieces.add(Chunk.of(MessageBuilder.quotedPrintable(run.toString())));
        }
        return new PreparedPart(pieces);
    }

    /** The line text[start, end) as literals and slots, or null when it holds no sentinel. */
    private static List<Object> tokens(String text, int start, int end, Context[] contexts) {
        List<Object> tokens = null;
        int literal = start;
        for (int i = start; i < end; i++) {
            for (String sentinel : SENTINELS) {
                if (text.startsWith(sentinel, i)) {
                    tokens = tokens == null ? new ArrayList<>() : tokens;
                    tokens.add(text.substring(literal, i));
                    tokens.add(new Slot(sentinel, contexts == null ? Context.RAW : contexts[i]));
                    i += sentinel.length() - 1;
                    literal = i + 1;
                    break;
                }
            }
        }
        if (tokens != null) {
            tokens.add(text.substring(literal, end));
        }
        return tokens;
    }

    /** The context of every character of jsoup's HTML output: text, inside a tag's quoted value, or comment. */
    private static Context[] contexts(String html) {
        Context[] at = new Context[html.length()];
        int state = 0; // 0 text, 1 tag, 2 double-quoted value, 3 single-quoted value, 4 comment
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            at[i] = state == 0 ? Context.TEXT : state == 4 ? Context.RAW : Context.ATTRIBUTE;
            switch (state) {
                case 0 -> state = c == '<' ? (html.startsWith("<!--", i) ? 4 : 1) : 0;
                case 1 -> state = c == '"' ? 2 : c == '\'' ? 3 : c == '>' ? 0 : 1;
                case 2 -> state = c == '"' ? 1 : 2;
                case 3 -> state = c == '\'' ? 1 : 3;
                default -> state = html.startsWith("-->", i) ? 0 : 4;
            }
        }
        return at;
    }

    byte[] sentinelBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof Chunk c ? c.raw() : MessageBuilder.quotedPrintable(sentinelLine(piece)));
        }
        return out.toByteArray();
    }

    private static String sentinelLine(Object piece) {
        StringBuilder line = new StringBuilder();
        for (Object token : (List<?>) piece) {
            line.append(token instanceof Slot slot ? slot.sentinel() : (String) token);
        }
        return line.toString();
    }

    /** This part for one subscriber: their name, address, unsubscribe link and link part (null: none) in place. */
    void fill(Pieces out, MessageBuilder.To to, String url, String readerPart) {
        for (Object piece : pieces) {
            if (piece instanceof Chunk chunk) {
                out.add(chunk);
            } else {
                StringBuilder line = new StringBuilder();
                for (Object token : (List<?>) piece) {
                    line.append(token instanceof Slot slot ? slot.value(to, url, readerPart) : (String) token);
                }
                out.add(Chunk.of(MessageBuilder.quotedPrintable(line.toString())));
            }
        }
    }

    /** Encoded bytes, once as they are and once in SMTP DATA form (null when not CRLF-clean). */
    record Chunk(byte[] raw, byte[] wire) {
        static Chunk of(byte[] raw) {
            return new Chunk(raw, WireBytes.inside(raw));
        }
    }

    /** A message's content as it is assembled: the pieces, and the same pieces ready for the wire. */
    static final class Pieces {
        final List<byte[]> raw = new ArrayList<>(32);
        final List<byte[]> wire = new ArrayList<>(32);
        boolean wireReady = true;

        void add(Chunk chunk) {
            raw.add(chunk.raw());
            wire.add(chunk.wire());
            wireReady &= chunk.wire() != null;
        }
    }

    /** Where a subscriber value sits in the HTML, which decides how it is escaped. */
    private enum Context {
        /** The plain-text part, or inside an HTML comment: written as it is. */
        RAW,
        /** HTML text: jsoup escapes &amp; &lt; &gt; and no-break space. */
        TEXT,
        /** An HTML attribute value: jsoup escapes &amp; &lt; &gt; &quot; and no-break space. */
        ATTRIBUTE;

        String escape(String value) {
            if (this == RAW) {
                return value;
            }
            StringBuilder out = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '\u00a0' -> out.append("&nbsp;");
                    case '"' -> out.append(this == ATTRIBUTE ? "&quot;" : "\"");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** A subscriber value in a line: which one, and how it is escaped there. */
    private record Slot(String sentinel, Context context) {
        String value(MessageBuilder.To to, String url, String readerPart) {
            String raw = switch (sentinel) {
                case PreparedEdition.NAME -> to.name() == null ? "" : to.name();
                case PreparedEdition.EMAIL -> to.email();
                // Found where the links have no part of a reader's: an edition's own text, which the check of the
                // prepared edition against a full build then refuses.
                case PreparedEdition.READER -> readerPart == null ? "" : readerPart;
                default -> url;
            };
            return context.escape(raw);
        }
    }
}
