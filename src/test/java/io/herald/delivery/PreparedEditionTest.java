package io.herald.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongFunction;

import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.herald.digest.DigestRenderer;
import io.herald.digest.RenderedEmail;
import io.herald.insight.ClickLinks;
import io.herald.subscriber.MailingList;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A spliced message is byte for byte the message built in full, for every kind of recipient. */
@QuarkusTest
class PreparedEditionTest {

    static final Instant DATE = Instant.parse("2026-05-20T07:00:00Z");
    static final MailingList LIST = new MailingList(
            "demo",
            "Herald Demo Digest — Türkiye",
            "The Astana Times <news@example.org>",
            "editors@example.org",
            null,
            ZoneId.of("UTC"),
            MailingList.Mode.PER_ARTICLE);

    /** A list with another name, a From with a quoted name and no Reply-To. */
    static final MailingList OTHER = new MailingList(
            "other",
            "Другой список",
            "\"Zoë O'Neil, Editor\" <zoe@example.net>",
            null,
            null,
            ZoneId.of("UTC"),
            MailingList.Mode.PER_ARTICLE);

    @Inject
    MessageBuilder builder;

    @Inject
    MessageIds messageIds;

    @Inject
    DigestRenderer renderer;

    @Inject
    ClickLinks clickLinks;

    static Article seed() throws Exception {
        try (var in = PreparedEditionTest.class
                .getClassLoader()
                .getResourceAsStream("fixtures/articles/astana-times-tokayev-kurtulmus.txt")) {
            return new PlainTextArticleReader()
                    .read(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .stored(42, DATE);
        }
    }

    @Test
    void splicedMessagesEqualFullyBuiltOnes() throws Exception {
        List<Article> edition = List.of(seed());
        PreparedEdition.Renderer render =
                (name, email, url) -> renderer.render(edition, LIST, name, email, url, renderer.editionContext(7));
        PreparedEdition prepared = PreparedEdition.prepare(
                builder, LIST, "s7", render, id -> renderer.unsubscribeUrl(LIST.id(), id), DATE);
        assertThat(prepared).as("the shipped templates can be spliced").isNotNull();

        List<MessageBuilder.To> recipients = List.of(
                new MessageBuilder.To(1, "ada@example.org", "Ada Lovelace"),
                new MessageBuilder.To(2, "alan@example.org", null),
                new MessageBuilder.To(3, "numan+news@example.org", "Numan Kurtulmuş"),
                new MessageBuilder.To(4, "q@example.org", "O'Brien & \"Sons\" <Ltd>"),
                new MessageBuilder.To(
                        5,
                        "long@example.org",
                        "Kassym-Jomart Kemeluly Tokayev, President of the Republic"
                                + " of Kazakhstan, Chair of the Assembly"),
                new MessageBuilder.To(6, "emoji@example.org", "Ayşe 🇹🇷 Yılmaz"));
        for (MessageBuilder.To to : recipients) {
            String url = renderer.unsubscribeUrl(LIST.id(), to.subscriberId());
            MessageBuilder.MessageKey key = new MessageBuilder.MessageKey("s7", to.subscriberId(), DATE);
            MimeMessage full = builder.build(render.render(to.name(), to.email(), url), LIST, to, url, key);
            MimeMessage spliced = prepared.message(to, url, key);
            String expected = new String(PreparedEdition.bytes(full), StandardCharsets.UTF_8);
            assertThat(new String(PreparedEdition.bytes(spliced), StandardCharsets.UTF_8))
                    .as(to.email())
                    .isEqualTo(expected);
            assertThat(expected).contains("To: ").contains(to.email());
            // What the transport and the pool read back from a message: as a message parsed from its bytes says,
            // the second time too (then from what the first read kept).
            MimeMessage parsed = new MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(PreparedEdition.bytes(spliced)));
            for (int time = 0; time < 2; time++) {
                assertThat(spliced.getSubject()).isEqualTo(parsed.getSubject());
                assertThat(described(spliced.getFrom())).isEqualTo(described(parsed.getFrom()));
                assertThat(described(spliced.getAllRecipients()))
                        .as(to.email())
                        .isEqualTo(described(parsed.getAllRecipients()));
            }
            // Stable per (send, subscriber), and signed: the bounce mailbox believes only its own.
            String id = full.getMessageID();
            assertThat(id)
                    .matches("<herald\\.s7\\." + to.subscriberId() + "\\.[0-9a-f]{16}@example\\.org>")
                    .isEqualTo(messageIds.of("s7", to.subscriberId(), "example.org"));
            assertThat(messageIds.subscriber(id)).hasValue(to.subscriberId());
            assertThat(messageIds.subscriber(id.replace("<herald.s7.", "<herald.s8.")))
                    .isEmpty();
        }
    }

    /**
     * A prepared edition's header, made once and filled in per reader, has the very lines and empty places that
     * setting each header on a new message gives, for every kind of reader, list, subject and second, and what is
     * set or added to it afterwards lands where it would have.
     */
    @Test
    void aHeaderTemplateFilledInIsTheHeaderSetLineByLine() throws Exception {
        List<MessageBuilder.To> readers = List.of(
                new MessageBuilder.To(1, "ada@example.org", "Ada Lovelace"),
                new MessageBuilder.To(2, "alan@example.org", null),
                new MessageBuilder.To(3, "q@example.org", "O'Brien & \"Sons\" <Ltd>"),
                new MessageBuilder.To(
                        4,
                        "long@example.org",
                        "Kassym-Jomart Kemeluly Tokayev, President of the Republic of Kazakhstan, Chair"),
                new MessageBuilder.To(5, "emoji@example.org", "Ayşe 🇹🇷 Yılmaz"));
        String contentType = "multipart/alternative; \r\n\tboundary=\"=_herald_s9\"";
        for (MailingList list : List.of(LIST, OTHER)) {
            for (String subject : List.of(
                    "Plain subject",
                    "Tokayev and Kurtulmuş discuss trade and energy in Astana: "
                            + "what the talks mean for Türkiye and Kazakhstan 🇰🇿")) {
                HeaderTemplate template = HeaderTemplate.of(builder, list, "s9", subject, "1.0", contentType, DATE);
                assertThat(template).as("%s, %s", list.id(), subject).isNotNull();
                for (MessageBuilder.To to : readers) {
                    for (Instant date : List.of(DATE, DATE.plusMillis(999), DATE.plusSeconds(61))) {
                        String url = "https://example.org/u/" + to.subscriberId();
                        MessageBuilder.MessageKey key = new MessageBuilder.MessageKey("s9", to.subscriberId(), date);
                        MessageBuilder.HeaderMessage set = builder.headers(subject, list, to, url, key);
                        jakarta.mail.internet.InternetHeaders expected = set.completed("1.0", contentType);
                        HeaderTemplate.Filled filled = template.fill(to, url, key);
                        String what = list.id() + ", " + to.email() + ", " + date;
                        assertThat(lines(filled.headers())).as(what).isEqualTo(lines(expected));
                        assertThat(filled.recipient().toString())
                                .isEqualTo(set.recipient().toString());
                        if (filled.toValue() != null) {
                            assertThat(filled.toValue())
                                    .isEqualTo(set.recipient().toString());
                        }
                        for (var h : List.of(expected, filled.headers())) {
                            h.setHeader("Sender", "desk@example.org");
                            h.addHeader("X-Herald-Test", "yes");
                            h.setHeader("Content-Language", "kk");
                            h.removeHeader("Precedence");
                            h.addHeader("Received", "from nowhere");
                        }
                        assertThat(lines(filled.headers())).as(what).isEqualTo(lines(expected));
                    }
                }
            }
        }
    }

    private static List<String> lines(jakarta.mail.internet.InternetHeaders headers) {
        return java.util.Collections.list(headers.getAllHeaderLines());
    }

    /** Each address as its type, address, name and header form. */
    private static List<String> described(jakarta.mail.Address[] addresses) {
        return java.util.Arrays.stream(addresses)
                .map(a -> a instanceof jakarta.mail.internet.InternetAddress i
                        ? i.getType() + " " + i.getAddress() + " " + i.getPersonal() + " " + i
                        : a.toString())
                .toList();
    }

    @Test
    void aTemplateThatHidesSubscriberValuesFallsBackToFullBuilds() throws Exception {
        PreparedEdition.Renderer shouting = (name, email, url) -> new RenderedEmail(
                "Subject",
                "<p>" + (name == null ? "Hello" : name.toUpperCase()) + "</p>\n<a href=\"" + url + "\">x</a>\n",
                (name == null ? "Hello" : name.toUpperCase()) + "\n" + url + "\n");
        assertThat(PreparedEdition.prepare(builder, LIST, "s8", shouting, id -> "https://example.org/u/" + id, DATE))
                .isNull();
    }

    /**
     * A list that counts clicks per reader: a consenting reader's click links end in a part of their own, spliced into
     * the prepared edition as the name is. Each message is byte for byte the one built in full with that reader's
     * links, and every click link in it, in both parts, carries that reader's part and no other.
     */
    @Test
    void aReadersOwnLinksAreSplicedAsTheyWouldBeBuilt() throws Exception {
        MailingList counted = new MailingList(
                LIST.id(),
                LIST.name(),
                LIST.from(),
                LIST.replyTo(),
                LIST.schedule(),
                LIST.timeZone(),
                LIST.mode(),
                LIST.feeds(),
                LIST.defaultChannels(),
                LIST.digestStyle(),
                MailingList.Tracking.INDIVIDUAL,
                true,
                LIST.language(),
                LIST.archive(),
                LIST.deliverAt());
        long editionId = 900_007;
        List<Article> edition = List.of(seed());
        PreparedEdition.ReaderRenderer render = (name, email, url, part) -> renderer.render(
                edition,
                counted,
                name,
                email,
                url,
                renderer.editionContext(editionId).tracked(clickLinks.trackingWithPart(editionId, counted, part, 0)));
        LongFunction<String> unsubscribe = id -> renderer.unsubscribeUrl(counted.id(), id);
        PreparedEdition prepared = PreparedEdition.prepare(
                builder, counted, "s10", render, unsubscribe, id -> clickLinks.readerPart(editionId, id), DATE);
        assertThat(prepared)
                .as("the shipped templates can be spliced with a reader's links")
                .isNotNull();

        for (MessageBuilder.To to : List.of(
                new MessageBuilder.To(11, "ada@example.org", "Ada Lovelace"),
                new MessageBuilder.To(12, "alan@example.org", null),
                new MessageBuilder.To(123_456_789, "numan+news@example.org", "Numan Kurtulmuş"))) {
            String url = unsubscribe.apply(to.subscriberId());
            String part = clickLinks.readerPart(editionId, to.subscriberId());
            MessageBuilder.MessageKey key = new MessageBuilder.MessageKey("s10", to.subscriberId(), DATE);
            MimeMessage full = builder.build(render.render(to.name(), to.email(), url, part), counted, to, url, key);
            MimeMessage spliced = prepared.message(to, url, key);
            assertThat(new String(PreparedEdition.bytes(spliced), StandardCharsets.UTF_8))
                    .as(to.email())
                    .isEqualTo(new String(PreparedEdition.bytes(full), StandardCharsets.UTF_8));

            String text = decoded(spliced);
            int links = count(text, "/r/" + editionId + "/");
            assertThat(links).as("click links in both parts").isGreaterThan(4);
            assertThat(count(text, "/" + part)).as(to.email()).isEqualTo(links);
            assertThat(text).doesNotContain(PreparedEdition.READER);
            assertThat(clickLinks.reader(editionId, part)).hasValue(to.subscriberId());
        }
    }

    /** Every text part of a message, decoded, one after another. */
    private static String decoded(MimeMessage message) throws Exception {
        MimeMessage parsed = new MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(PreparedEdition.bytes(message)));
        StringBuilder out = new StringBuilder();
        collect(parsed.getContent(), out);
        return out.toString();
    }

    private static void collect(Object content, StringBuilder out) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i).getContent(), out);
            }
        } else if (content instanceof String text) {
            out.append(text).append('\n');
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /**
     * What PreparedSmtpTransport writes past Angus's SMTPOutputStream is what that stream would have made of the
     * message: CRLF line ends and every line-leading dot doubled, including dots that start a constant run, a spliced
     * line, or a line that quoted-printable folded, and a message that does not end with a line break.
     */
    @Test
    void theFastDataPathWritesWhatAngusWouldWrite() throws Exception {
        String dots = ".Lead dot in a constant line\n" + "x".repeat(74) + ".folded dot\n..two dots\n";
        PreparedEdition.Renderer dotty = (name, email, url) -> new RenderedEmail(
                "Dots",
                "<p>\n.html dot</p>\n" + (name == null ? "" : html(name)) + "\n<a href=\"" + url + "\">x</a>\n" + dots,
                dots + (name == null ? "" : name) + "\n." + url + "\nno line break at the end");
        List<Article> edition = List.of(seed());
        PreparedEdition.Renderer seedRender =
                (name, email, url) -> renderer.render(edition, LIST, name, email, url, renderer.editionContext(7));
        for (PreparedEdition.Renderer render : List.of(dotty, seedRender)) {
            PreparedEdition prepared =
                    PreparedEdition.prepare(builder, LIST, "s9", render, id -> "https://example.org/u/" + id, DATE);
            assertThat(prepared).isNotNull();
            for (MessageBuilder.To to : List.of(
                    new MessageBuilder.To(1, "dot@example.org", ".Dot Leading"),
                    new MessageBuilder.To(2, "plain@example.org", null))) {
                MimeMessage message = prepared.message(
                        to,
                        "https://example.org/u/" + to.subscriberId(),
                        new MessageBuilder.MessageKey("s9", to.subscriberId(), DATE));
                String[] ignore = {"Bcc", "Content-Length"};

                java.io.ByteArrayOutputStream angus = new java.io.ByteArrayOutputStream();
                org.eclipse.angus.mail.smtp.SMTPOutputStream data =
                        new org.eclipse.angus.mail.smtp.SMTPOutputStream(angus);
                message.writeTo(data, ignore);
                data.ensureAtBOL();

                java.io.ByteArrayOutputStream fast = new java.io.ByteArrayOutputStream();
                java.io.ByteArrayOutputStream filtered = new java.io.ByteArrayOutputStream();
                org.eclipse.angus.mail.smtp.SMTPOutputStream unused =
                        new org.eclipse.angus.mail.smtp.SMTPOutputStream(filtered);
                message.writeTo(
                        new PreparedSmtpTransport.DataStream(unused, pieces -> WireBytes.write(fast, pieces)), ignore);
                unused.ensureAtBOL();

                assertThat(filtered.size())
                        .as("nothing went through SMTPOutputStream")
                        .isZero();
                assertThat(new String(fast.toByteArray(), StandardCharsets.UTF_8))
                        .as(to.email())
                        .isEqualTo(new String(angus.toByteArray(), StandardCharsets.UTF_8));
                if (render == dotty) {
                    assertThat(angus.toString(StandardCharsets.UTF_8))
                            .contains("\r\n..Lead dot")
                            .contains("\r\n...two");
                }
            }
        }
    }

    /** As a template escapes HTML text (a renderer that did not would be refused by prepare, rightly). */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The headers a send shares (From, Reply-To, Subject, Date) are worked out once and reused: they equal what
     * Angus's own setters write for each message, and a new subject, a new second, another list or another send gets
     * its own.
     */
    @Test
    void sharedHeadersAreAngusOwnForEverySubjectListAndSecond() throws Exception {
        String longSubject = "Tokayev and Kurtulmuş discuss trade, energy and the Middle Corridor in Astana: "
                + "what the talks mean for Türkiye and Kazakhstan 🇰🇿";
        MessageBuilder.To to = new MessageBuilder.To(1, "ada@example.org", "Ada Lovelace");
        String[][] sends = {
            {"s1", "Plain subject"},
            {"s1", "Plain subject"},
            {"s1", longSubject},
            {"s2", "Plain subject"},
            {"s2", "Plain subject"},
        };
        Instant[] dates = {DATE, DATE.plusMillis(999), DATE.plusMillis(1000), DATE.plusSeconds(3600), DATE};
        for (MailingList list : List.of(LIST, OTHER, LIST)) {
            for (int i = 0; i < sends.length; i++) {
                MessageBuilder.MessageKey key = new MessageBuilder.MessageKey(sends[i][0], 1, dates[i]);
                MimeMessage shared = builder.headers(sends[i][1], list, to, "https://example.org/u/1", key);
                MimeMessage angus = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
                angus.setFrom(new jakarta.mail.internet.InternetAddress(list.from(), true));
                if (list.replyTo() != null) {
                    angus.setReplyTo(jakarta.mail.internet.InternetAddress.parse(list.replyTo(), true));
                }
                angus.setSubject(sends[i][1], StandardCharsets.UTF_8.name());
                angus.setSentDate(java.util.Date.from(dates[i]));
                for (String header : List.of("From", "Reply-To", "Subject", "Date")) {
                    assertThat(shared.getHeader(header, null))
                            .as("%s of %s, %s, %s", header, list.id(), sends[i][0], dates[i])
                            .isEqualTo(angus.getHeader(header, null));
                }
                assertThat(shared.getSubject()).isEqualTo(sends[i][1]);
                assertThat(shared.getHeader("List-Id", null)).contains("<" + list.id() + ".list.");
            }
        }
    }
}
