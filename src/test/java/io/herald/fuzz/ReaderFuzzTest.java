package io.herald.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticleMeta;
import io.herald.article.HtmlArticleReader;
import io.herald.article.MarkdownArticleReader;
import io.herald.article.PlainTextArticleReader;
import io.herald.common.Refusal;
import io.herald.feed.FeedEntry;
import io.herald.feed.FeedFailure;
import io.herald.feed.FeedParser;
import io.herald.subscriber.FileProblem;
import io.herald.subscriber.SubscriberFileReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every reader of outside input, fed random and hostile input: each either reads it or refuses it with a reason
 * (naming the field, or the file and line); none throws anything else, and what it reads has no control characters.
 * Text may speak of "&lt;script&gt;" (an article about HTML does): that it never becomes markup in an email or a page
 * is checked on the rendered output in {@link ApiFuzzTest}.
 * fuzz.cases per target (300 in mvn verify, 10,000 in the judges profile).
 */
@Tag("fuzz")
class ReaderFuzzTest {

    interface Case {
        void run(Noise noise, int i) throws Exception;
    }

    static void cases(String target, long seed, Case c) {
        Noise noise = new Noise(seed);
        for (int i = 0; i < Noise.CASES; i++) {
            try {
                c.run(noise, i);
            } catch (AssertionError e) {
                throw new AssertionError(target + " case " + i + " (seed " + seed + "): " + e.getMessage(), e);
            } catch (Exception e) {
                fail(target + " case " + i + " (seed " + seed + ") threw " + e, e);
            }
        }
        System.out.printf("fuzz %s: %d cases%n", target, Noise.CASES);
    }

    /** What every reader guarantees: a one-line title, some text, no control characters. */
    static void checkArticle(Article a) {
        assertThat(a.title()).isNotBlank().doesNotContain("\n");
        assertThat(a.paragraphs()).isNotEmpty();
        for (String p : a.paragraphs()) {
            assertThat(p.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n'))
                    .as("control characters")
                    .isEmpty();
        }
    }

    @Test
    void plainText() {
        PlainTextArticleReader reader = new PlainTextArticleReader();
        cases("plain text", 1, (noise, i) -> {
            try {
                checkArticle(reader.read(noise.text(40)));
            } catch (Refusal e) {
                assertThat(e.field()).isNotBlank();
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void html() {
        HtmlArticleReader reader = new HtmlArticleReader();
        cases("html", 2, (noise, i) -> {
            try {
                Article a = noise.coin()
                        ? reader.read(noise.text(5), noise.text(60), "https://example.org/a/", ArticleMeta.NONE)
                        : reader.readPage(noise.text(60), ArticleMeta.NONE);
                checkArticle(a);
                a.photos()
                        .forEach(ph -> assertThat(ph.url() == null || ph.url().matches("(?i)https?://.*"))
                                .isTrue());
            } catch (Refusal e) {
                assertThat(e.field()).isNotBlank();
            }
        });
    }

    @Test
    void markdown() {
        MarkdownArticleReader reader = new MarkdownArticleReader();
        cases("markdown", 3, (noise, i) -> {
            String front = noise.coin()
                    ? "---\ntitle: " + noise.text(3).replace("\n", " ") + "\ntags: ["
                            + noise.text(2).replace("\n", " ") + "]\ndate: "
                            + noise.text(1).replace("\n", " ") + "\n---\n"
                    : "";
            try {
                checkArticle(reader.read(front + noise.text(50)));
            } catch (Refusal e) {
                assertThat(e.field()).isNotBlank();
            }
        });
    }

    @Test
    void feeds() {
        FeedParser parser = new FeedParser();
        cases("feeds", 4, (noise, i) -> {
            byte[] body;
            int kind = noise.below(7);
            if (kind == 0) {
                body = noise.bytes(2000);
            } else if (kind == 1) {
                body = noise.text(80).getBytes(StandardCharsets.UTF_8);
            } else if (kind == 2) {
                body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>"
                                + noise.text(5) + "</title><guid>" + i + "</guid><description>" + noise.text(30)
                                + "</description></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                body = BrokenFeeds.make(kind - 3, noise, i);
            }
            try {
                List<FeedEntry> entries = parser.parse(
                        body, noise.coin() ? "application/rss+xml" : null, URI.create("https://example.org/f"));
                for (FeedEntry entry : entries) {
                    // What is read is never U+FFFD soup from a wrong guess at the encoding.
                    assertThat(String.valueOf(entry.title()) + entry.html())
                            .as("decoded text")
                            .doesNotContain("\uFFFD");
                }
            } catch (FeedFailure e) {
                // A reason a person reads, as the poll API and GET /api/feeds show it: never Java's words.
                assertThat(e.getMessage())
                        .isNotBlank()
                        .doesNotContainIgnoringCase("exception")
                        .doesNotContain("java.")
                        .doesNotContain(": null");
            }
        });
    }

    @Test
    void memberFiles() throws Exception {
        SubscriberFileReader reader = new SubscriberFileReader();
        Path file = Files.createTempFile("members", ".csv");
        cases("members.csv", 5, (noise, i) -> {
            if (noise.coin()) {
                Files.write(file, noise.bytes(500));
            } else {
                Files.write(file, ("email,name\n" + noise.text(40)).getBytes(StandardCharsets.UTF_8));
            }
            List<FileProblem> problems = new ArrayList<>();
            reader.readMembers(
                    file,
                    (member, line) -> {
                        assertThat(member.email())
                                .contains("@")
                                .doesNotContain("\n")
                                .doesNotContain("\r");
                        assertThat(line).isPositive();
                    },
                    problems);
            problems.forEach(p -> assertThat(p.reason()).isNotBlank());
        });
    }
}
