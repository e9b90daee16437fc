package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.herald.digest.DigestRenderer;
import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/** A spliced message is byte for byte the message built in full, for every kind of recipient. */
@QuarkusTest
class PreparedEditionTest {

    static final Instant DATE = Instant.parse("2026-05-20T07:00:00Z");
    static final MailingList LIST = new MailingList("demo", "Herald Demo Digest — Türkiye",
            "The Astana Times <news@example.org>", "editors@example.org", null, ZoneId.of("UTC"),
            MailingList.Mode.PER_ARTICLE);

    @Inject
    MessageBuilder builder;

    @Inject
    DigestRenderer renderer;

    static Article seed() throws Exception {
        try (var in = PreparedEditionTest.class.getClassLoader()
                .getResourceAsStream("fixtures/articles/astana-times-tokayev-kurtulmus.txt")) {
            return new PlainTextArticleReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .stored(42, DATE);
        }
    }

    @Test
    void splicedMessagesEqualFullyBuiltOnes() throws Exception {
        List<Article> edition = List.of(seed());
        PreparedEdition.Renderer render = (name, email, url) -> renderer.render(edition, LIST, name, email, url,
                renderer.editionContext(7));
        PreparedEdition prepared = PreparedEdition.prepare(builder, LIST, "s7", render,
                id -> renderer.unsubscribeUrl(LIST.id(), id), DATE);
        assertThat(prepared).as("the shipped templates can be spliced").isNotNull();

        List<MessageBuilder.To> recipients = List.of(
                new MessageBuilder.To(1, "ada@example.org", "Ada Lovelace"),
                new MessageBuilder.To(2, "alan@example.org", null),
                new MessageBuilder.To(3, "numan+news@example.org", "Numan Kurtulmuş"),
                new MessageBuilder.To(4, "q@example.org", "O'Brien & \"Sons\" <Ltd>"),
                new MessageBuilder.To(5, "long@example.org", "Kassym-Jomart Kemeluly Tokayev, President of the Republic"
                        + " of Kazakhstan, Chair of the Assembly"),
                new MessageBuilder.To(6, "emoji@example.org", "Ayşe 🇹🇷 Yılmaz"));
        for (MessageBuilder.To to : recipients) {
            String url = renderer.unsubscribeUrl(LIST.id(), to.subscriberId());
            MessageBuilder.MessageKey key = new MessageBuilder.MessageKey("s7", to.subscriberId(), DATE);
            MimeMessage full = builder.build(render.render(to.name(), to.email(), url), LIST, to, url, key);
            MimeMessage spliced = prepared.message(to, url, key);
            String expected = new String(PreparedEdition.bytes(full), StandardCharsets.UTF_8);
            assertThat(new String(PreparedEdition.bytes(spliced), StandardCharsets.UTF_8)).as(to.email())
                    .isEqualTo(expected);
            assertThat(expected).contains("To: ").contains(to.email()).contains("Message-ID: <herald.s7."
                    + to.subscriberId() + "@example.org>");
        }
    }

    @Test
    void aTemplateThatHidesSubscriberValuesFallsBackToFullBuilds() throws Exception {
        PreparedEdition.Renderer shouting = (name, email, url) -> new RenderedEmail("Subject",
                "<p>" + (name == null ? "Hello" : name.toUpperCase()) + "</p>\n<a href=\"" + url + "\">x</a>\n",
                (name == null ? "Hello" : name.toUpperCase()) + "\n" + url + "\n");
        assertThat(PreparedEdition.prepare(builder, LIST, "s8", shouting, id -> "https://example.org/u/" + id, DATE))
                .isNull();
    }
}
