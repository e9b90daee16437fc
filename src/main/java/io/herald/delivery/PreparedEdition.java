package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One edition's messages, built once and spliced per subscriber. The edition is rendered with sentinel values for
 * what differs per subscriber (name, address, unsubscribe link, and where a list counts a consenting reader's clicks,
 * their part of the click links); quoted-printable is line-local, so every line without
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
    /**
     * The part a consenting reader's click links end in ({@code <subscriber>-<sig>}): letters and digits only, so that
     * no escaping or URL encoding a template applies to a link can change it.
     */
    static final String READER = "hrld7readerq";

    private static final MessageBuilder.To NAMED_PROBE =
            new MessageBuilder.To(-1, "probe.o'neil@example.com", "Zoë O'Neil & <Co> \"Ltd\"");
    private static final MessageBuilder.To UNNAMED_PROBE = new MessageBuilder.To(-1, "probe@example.com", null);

    /** Renders the edition for a recipient given as (name or null, address, unsubscribe link). */
    public interface Renderer {
        RenderedEmail render(String name, String email, String unsubscribeUrl);
    }

    /**
     * Renders the edition for a recipient whose links end in a part of their own (a consenting reader's click links
     * under individual counting), given as (name or null, address, unsubscribe link, that part).
     */
    public interface ReaderRenderer {
        RenderedEmail render(String name, String email, String unsubscribeUrl, String readerPart);
    }

    private final MessageBuilder builder;
    private final MailingList list;
    private final ReaderRenderer renderer;
    /** A subscriber's part of their links, or null when the links have none. */
    private final LongFunction<String> readerPart;

    private final Shape named;
    private final Shape unnamed;

    private PreparedEdition(
            MessageBuilder builder,
            MailingList list,
            ReaderRenderer renderer,
            LongFunction<String> readerPart,
            Shape named,
            Shape unnamed) {
        this.builder = builder;
        this.list = list;
        this.renderer = renderer;
        this.readerPart = readerPart;
        this.named = named;
        this.unnamed = unnamed;
    }

    /** The prepared edition, or null when splicing would not reproduce the fully built messages. */
    public static PreparedEdition prepare(
            MessageBuilder builder,
            MailingList list,
            String send,
            Renderer renderer,
            LongFunction<String> unsubscribeUrl,
            java.time.Instant date)
            throws MessagingException {
        return prepare(
                builder,
                list,
                send,
                (name, email, url, part) -> renderer.render(name, email, url),
                unsubscribeUrl,
                null,
                date);
    }

    /**
     * The prepared edition for recipients whose links end in a part of their own, {@code readerPart} of their id,
     * spliced in as the name and address are (null: the links have none); null when splicing would not reproduce
     * the fully built messages.
     */
    public static PreparedEdition prepare(
            MessageBuilder builder,
            MailingList list,
            String send,
            ReaderRenderer renderer,
            LongFunction<String> unsubscribeUrl,
            LongFunction<String> readerPart,
            java.time.Instant date)
            throws MessagingException {
        Shape named = Shape.of(builder, list, send, renderer.render(NAME, EMAIL, URL, READER), date);
        Shape unnamed = Shape.of(builder, list, send, renderer.render(null, EMAIL, URL, READER), date);
        if (named == null || unnamed == null) {
            return null;
        }
        PreparedEdition edition = new PreparedEdition(builder, list, renderer, readerPart, named, unnamed);
        for (MessageBuilder.To probe : List.of(NAMED_PROBE, UNNAMED_PROBE)) {
            MessageBuilder.MessageKey key = new MessageBuilder.MessageKey(send, probe.subscriberId(), date);
            String url = unsubscribeUrl.apply(probe.subscriberId());
            String part = edition.part(probe);
            MimeMessage full =
                    builder.build(renderer.render(probe.name(), probe.email(), url, part), list, probe, url, key);
            if (!Arrays.equals(bytes(full), bytes(edition.message(probe, url, key)))) {
                return null;
            }
        }
        return edition;
    }

    private String part(MessageBuilder.To to) {
        return readerPart == null ? null : readerPart.apply(to.subscriberId());
    }

    /** The message for one subscriber. */
    public MimeMessage message(MessageBuilder.To to, String unsubscribeUrl, MessageBuilder.MessageKey key)
            throws MessagingException {
        Shape shape = to.name() == null ? unnamed : named;
        String part = part(to);
        PreparedPart.Pieces pieces = new PreparedPart.Pieces();
        pieces.add(shape.frames[0]);
        shape.text.fill(pieces, to, unsubscribeUrl, part);
        pieces.add(shape.frames[1]);
        shape.html.fill(pieces, to, unsubscribeUrl, part);
        pieces.add(shape.frames[2]);
        List<byte[]> wire = pieces.wireReady ? pieces.wire : null;
        if (shape.header != null) {
            HeaderTemplate.Filled header = shape.header.fill(to, unsubscribeUrl, key);
            return builder.spliced(header.headers(), pieces.raw, wire, header.recipient(), header.toValue());
        }
        String subject = shape.subjectPerReader
                ? renderer.render(to.name(), to.email(), unsubscribeUrl, part).subject()
                : shape.subject;
        MessageBuilder.HeaderMessage headers = builder.headers(subject, list, to, unsubscribeUrl, key);
        return builder.spliced(
                headers.completed(shape.mimeVersion, shape.contentType), pieces.raw, wire, headers.recipient(), null);
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
        final PreparedPart.Chunk[] frames;
        final PreparedPart text;
        final PreparedPart html;
        /** Whether the subject holds a subscriber value, so that each message's is rendered for its reader. */
        final boolean subjectPerReader;
        /**
         * The messages' header, made once; null when the subject is each reader's own, or when the template would
         * not write the header as setting it line by line does (then each message's is set so).
         */
        final HeaderTemplate header;

        private Shape(
                String subject,
                String mimeVersion,
                String contentType,
                PreparedPart.Chunk[] frames,
                PreparedPart text,
                PreparedPart html,
                HeaderTemplate header) {
            this.subject = subject;
            this.mimeVersion = mimeVersion;
            this.contentType = contentType;
            this.frames = frames;
            this.text = text;
            this.html = html;
            this.subjectPerReader = holdsSentinel(subject);
            this.header = header;
        }

        private static boolean holdsSentinel(String subject) {
            return subject.contains(NAME)
                    || subject.contains(EMAIL)
                    || subject.contains(URL)
                    || subject.contains(READER);
        }

        static Shape of(
                MessageBuilder builder, MailingList list, String send, RenderedEmail email, java.time.Instant date)
                throws MessagingException {
            MessageBuilder.To sentinel = new MessageBuilder.To(0, EMAIL, null);
            MimeMessage full = builder.build(email, list, sentinel, URL, new MessageBuilder.MessageKey(send, 0, date));
            byte[] content = content(full);
            PreparedPart text = PreparedPart.of(email.text(), false);
            PreparedPart html = PreparedPart.of(email.html(), true);
            byte[] textBytes = text.sentinelBytes();
            byte[] htmlBytes = html.sentinelBytes();
            int t = indexOf(content, textBytes, 0);
            int h = t < 0 ? -1 : indexOf(content, htmlBytes, t + textBytes.length);
            if (t < 0 || h < 0) {
                return null;
            }
            PreparedPart.Chunk[] frames = {
                PreparedPart.Chunk.of(Arrays.copyOfRange(content, 0, t)),
                PreparedPart.Chunk.of(Arrays.copyOfRange(content, t + textBytes.length, h)),
                PreparedPart.Chunk.of(Arrays.copyOfRange(content, h + htmlBytes.length, content.length))
            };
            String mimeVersion = full.getHeader("MIME-Version", null);
            String contentType = full.getHeader("Content-Type", null);
            return new Shape(
                    email.subject(),
                    mimeVersion,
                    contentType,
                    frames,
                    text,
                    html,
                    holdsSentinel(email.subject())
                            ? null
                            : HeaderTemplate.of(builder, list, send, email.subject(), mimeVersion, contentType, date));
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
