package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One edition's messages, built once and spliced per subscriber. The edition is rendered with sentinel values for
 * what differs per subscriber (name, address, unsubscribe link); quoted-printable is line-local, so every line without
 * a sentinel is encoded once, and per subscriber only the few lines with one are filled in and encoded. Headers come
 * from the same {@link MessageBuilder#headers} as a fully built message. The result is byte for byte what
 * {@link MessageBuilder#build} makes for that subscriber; {@link #prepare} checks it on a probe recipient for each
 * shape (with and without a name) and gives up, so the caller builds every message fully, when a template hides a
 * sentinel from it.
 */
public final class PreparedEdition {

    static final String NAME = "Hrld7NameQ";
    static final String EMAIL = "hrld7addrq@sentinel.invalid";
    static final String URL = "https://sentinel.invalid/hrld7unsubq";

    private static final MessageBuilder.To NAMED_PROBE =
            new MessageBuilder.To(-1, "probe.o'neil@example.com", "Zoë O'Neil & <Co> \"Ltd\"");
    private static final MessageBuilder.To UNNAMED_PROBE = new MessageBuilder.To(-1, "probe@example.com", null);

    /** Renders the edition for a recipient given as (name or null, address, unsubscribe link). */
    public interface Renderer {
        RenderedEmail render(String name, String email, String unsubscribeUrl);
    }

    private final MessageBuilder builder;
    private final MailingList list;
    private final Renderer renderer;
    private final Shape named;
    private final Shape unnamed;

    private PreparedEdition(MessageBuilder builder, MailingList list, Renderer renderer, Shape named, Shape unnamed) {
        this.builder = builder;
        this.list = list;
        this.renderer = renderer;
        this.named = named;
        this.unnamed = unnamed;
    }

    /** The prepared edition, or null when splicing would not reproduce the fully built messages. */
    public static PreparedEdition prepare(
            MessageBuilder builder,
            MailingList list,
            String send,
            Renderer renderer,
            java.util.function.LongFunction<String> unsubscribeUrl,
            java.time.Instant date)
            throws MessagingException {
        Shape named = Shape.of(builder, list, send, renderer.render(NAME, EMAIL, URL), date);
        Shape unnamed = Shape.of(builder, list, send, renderer.render(null, EMAIL, URL), date);
        if (named == null || unnamed == null) {
            return null;
        }
        PreparedEdition edition = new PreparedEdition(builder, list, renderer, named, unnamed);
        for (MessageBuilder.To probe : List.of(NAMED_PROBE, UNNAMED_PROBE)) {
            MessageBuilder.MessageKey key = new MessageBuilder.MessageKey(send, probe.subscriberId(), date);
            String url = unsubscribeUrl.apply(probe.subscriberId());
            MimeMessage full = builder.build(renderer.render(probe.name(), probe.email(), url), list, probe, url, key);
            if (!Arrays.equals(bytes(full), bytes(edition.message(probe, url, key)))) {
                return null;
            }
        }
        return edition;
    }

    /** The message for one subscriber. */
    public MimeMessage message(MessageBuilder.To to, String unsubscribeUrl, MessageBuilder.MessageKey key)
            throws MessagingException {
        Shape shape = to.name() == null ? unnamed : named;
        String subject = shape.subject.contains(NAME) || shape.subject.contains(EMAIL) || shape.subject.contains(URL)
                ? renderer.render(to.name(), to.email(), unsubscribeUrl).subject()
                : shape.subject;
        MessageBuilder.HeaderMessage headers = builder.headers(subject, list, to, unsubscribeUrl, key);
        Pieces pieces = new Pieces();
        pieces.add(shape.frames[0]);
        shape.text.fill(pieces, to, unsubscribeUrl);
        pieces.add(shape.frames[1]);
        shape.html.fill(pieces, to, unsubscribeUrl);
        pieces.add(shape.frames[2]);
        return builder.spliced(
                headers.completed(shape.mimeVersion, shape.contentType),
                pieces.raw,
                pieces.wireReady ? pieces.wire : null);
    }

    /** Encoded bytes, once as they are and once in SMTP DATA form (null when not CRLF-clean). */
    private record Chunk(byte[] raw, byte[] wire) {
        static Chunk of(byte[] raw) {
            return new Chunk(raw, WireBytes.inside(raw));
        }
    }

    /** A message's content as it is assembled: the pieces, and the same pieces ready for the wire. */
    private static final class Pieces {
        final List<byte[]> raw = new ArrayList<>(32);
        final List<byte[]> wire = new ArrayList<>(32);
        boolean wireReady = true;

        void add(Chunk chunk) {
            raw.add(chunk.raw());
            wire.add(chunk.wire());
            wireReady &= chunk.wire() != null;
        }
    }

    static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The edition for recipients with a name, or for those without: its constant bytes and its varying lines. */
    private static final class Shape {
        final String subject;
        final String mimeVersion;
        final String contentType;
        final Chunk[] frames;
        final Body text;
        final Body html;

        private Shape(String subject, String mimeVersion, String contentType, Chunk[] frames, Body text, Body html) {
            this.subject = subject;
            this.mimeVersion = mimeVersion;
            this.contentType = contentType;
            this.frames = frames;
            this.text = text;
            this.html = html;
        }

        static Shape of(
                MessageBuilder builder, MailingList list, String send, RenderedEmail email, java.time.Instant date)
                throws MessagingException {
            MessageBuilder.To sentinel = new MessageBuilder.To(0, EMAIL, null);
            MimeMessage full = builder.build(email, list, sentinel, URL, new MessageBuilder.MessageKey(send, 0, date));
            byte[] content = content(full);
            Body text = Body.of(email.text(), false);
            Body html = Body.of(email.html(), true);
            byte[] textBytes = text.sentinelBytes();
            byte[] htmlBytes = html.sentinelBytes();
            int t = indexOf(content, textBytes, 0);
            int h = t < 0 ? -1 : indexOf(content, htmlBytes, t + textBytes.length);
            if (t < 0 || h < 0) {
                return null;
            }
            Chunk[] frames = {
                Chunk.of(Arrays.copyOfRange(content, 0, t)),
                Chunk.of(Arrays.copyOfRange(content, t + textBytes.length, h)),
                Chunk.of(Arrays.copyOfRange(content, h + htmlBytes.length, content.length))
            };
            return new Shape(
                    email.subject(),
                    full.getHeader("MIME-Version", null),
                    full.getHeader("Content-Type", null),
                    frames,
                    text,
                    html);
        }

        private static byte[] content(MimeMessage message) throws MessagingException {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                message.getDataHandler().writeTo(out);
                return out.toByteArray();
            } catch (java.io.IOException e) {
                throw new MessagingException("Cannot write the edition", e);
            }
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
        String value(MessageBuilder.To to, String url) {
            String raw = switch (sentinel) {
                case NAME -> to.name() == null ? "" : to.name();
                case EMAIL -> to.email();
                default -> url;
            };
            return context.escape(raw);
        }
    }

    /** One text part: runs of constant lines, encoded once, between lines that hold a sentinel. */
    private static final class Body {
        private final List<Object> pieces; // Chunk: an encoded constant run, or List<Object> of String and Slot

        private Body(List<Object> pieces) {
            this.pieces = pieces;
        }

        static Body of(String text, boolean html) {
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
            return new Body(pieces);
        }

        /** The line text[start, end) as literals and slots, or null when it holds no sentinel. */
        private static List<Object> tokens(String text, int start, int end, Context[] contexts) {
            List<Object> tokens = null;
            int literal = start;
            for (int i = start; i < end; i++) {
                for (String sentinel : List.of(NAME, EMAIL, URL)) {
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
                out.writeBytes(
                        piece instanceof Chunk c ? c.raw() : MessageBuilder.quotedPrintable(sentinelLine(piece)));
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

        void fill(Pieces out, MessageBuilder.To to, String url) {
            for (Object piece : pieces) {
                if (piece instanceof Chunk chunk) {
                    out.add(chunk);
                } else {
                    StringBuilder line = new StringBuilder();
                    for (Object token : (List<?>) piece) {
                        line.append(token instanceof Slot slot ? slot.value(to, url) : (String) token);
                    }
                    out.add(Chunk.of(MessageBuilder.quotedPrintable(line.toString())));
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
