package io.herald.templating;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.herald.article.Article;
import io.herald.article.CallToAction;
import io.herald.article.Photo;
import io.herald.digest.DigestView;
import io.herald.social.TeaserView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders every file under templates/ with fixture data, so an editor's mistake fails the build. */
@QuarkusTest
class EditorTemplatesRenderTest {

    @Inject
    EditorTemplates templates;

    static DigestView digest() {
        Article article = new Article(
                7L,
                "Kazakhstan, Türkiye Seek to Enhance Strategic Partnership",
                "ASTANA",
                List.of("ASTANA – First <paragraph>.", "“Quoted,” he said."),
                List.of(new Photo("Caption.", "Akorda")),
                new CallToAction("Get stories! Subscribe to our Telegram.", List.of("telegram"), List.of(), true),
                null,
                "hash",
                Instant.parse("2026-05-20T10:00:00Z"));
        return new DigestView(
                "The Astana Times",
                "Demo",
                "demo",
                List.of(
                        new DigestView.ArticleView(article, "https://example.org/a"),
                        new DigestView.ArticleView(article, "https://example.org/b")),
                "Ada",
                "ada@example.org",
                "https://example.org/unsubscribe?t=x",
                "https://example.org/editions/1",
                new DigestView.Footer(
                        "Get stories!",
                        List.of(new DigestView.ChannelLink("telegram", "Telegram", "https://t.me/x")),
                        "https://example.org/signup"),
                "https://example.org/o/1/x.gif");
    }

    @Test
    void everyTemplateRenders() throws Exception {
        Path root = Path.of("templates");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    // The words of each language, not templates: LanguagesTest checks them.
                    .filter(p -> !root.relativize(p).startsWith("messages"))
                    .toList();
        }
        assertThat(files)
                .extracting(p -> root.relativize(p).toString().replace('\\', '/'))
                .contains(
                        "email/layout.html",
                        "email/digest.html",
                        "email/digest.txt",
                        "email/digest-subject.txt",
                        "social/x.txt",
                        "social/instagram.txt",
                        "cards/portrait.svg",
                        "cards/landscape.svg",
                        "cards/story.svg");
        TeaserView teaser = new TeaserView(
                "Title",
                "Lead…",
                "Trade reached $6 billion.",
                "“Quote.” – Someone",
                "#Kazakhstan",
                "https://example.org/a",
                "Subscribe.",
                "The Astana Times");
        for (Path file : files) {
            String id = root.relativize(file).toString().replace('\\', '/');
            String out = id.startsWith("cards/")
                    ? templates
                            .get(id)
                            .data(
                                    "card",
                                    new io.herald.social.CardView(
                                            "Title & <more>",
                                            "“Quote.” – Someone",
                                            "quote",
                                            "The Astana Times",
                                            "https://example.org/p.jpg",
                                            "Photo: Akorda",
                                            1080,
                                            1350))
                            .render()
                    : id.startsWith("social/")
                            ? templates.get(id).data("teaser", teaser).render()
                            : id.startsWith("signup/")
                                    ? templates
                                            .get(id)
                                            .data(
                                                    "confirm",
                                                    new io.herald.signup.ConfirmView(
                                                            "The Astana Times",
                                                            "Daily",
                                                            "https://news.example.org/subscribe/confirm?t=x",
                                                            48))
                                            .render()
                                    : id.startsWith("people/")
                                            ? templates
                                                    .get(id)
                                                    .data(
                                                            "invite",
                                                            new io.herald.people.InviteView(
                                                                    "The Astana Times",
                                                                    "aigerim",
                                                                    "editor",
                                                                    "admin",
                                                                    "https://news.example.org/welcome/x",
                                                                    72))
                                                    .render()
                                            : templates
                                                    .get(id)
                                                    .data("email", digest())
                                                    .render();
            assertThat(out).as(id).isNotBlank();
            if (id.startsWith("cards/")) {
                // SVG is escaped like HTML: a headline's ampersand and angle brackets stay text.
                assertThat(out)
                        .as(id)
                        .contains("Title &amp; &lt;more&gt;", "The Astana Times", "data-fit=\"headline\"");
            }
            if (id.startsWith("people/")) {
                assertThat(out).as(id).contains("aigerim", "https://news.example.org/welcome/x", "72 hours");
            }
            if (id.startsWith("email/digest")) {
                assertThat(out).as(id).contains("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership");
            }
        }
        String html = templates.get("email/digest.html").data("email", digest()).render();
        assertThat(html)
                .contains("ASTANA – First &lt;paragraph&gt;.")
                .contains("https://example.org/unsubscribe?t=x")
                .contains("<a href=\"https://t.me/x\"");
        assertThat(templates
                        .get("email/digest-subject.txt")
                        .data("email", digest())
                        .render()
                        .strip())
                .isEqualTo("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership and 1 more story");
    }
}
