package io.herald.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.herald.subscriber.MailingList;
import io.herald.support.Api;
import io.herald.support.ExpectedFiles;
import io.herald.support.Fixtures;
import io.herald.support.InjectGreenMail;
import io.herald.support.LongDay;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * A day of 25 stories of 500-900 words in one edition: the HTML part stays under herald.digest.html-budget with
 * every headline, the contents list, the footer and the unsubscribe link; the text part makes the same choice; the
 * subject fits. The seed's digest and a summary edition are compared as whole text with fixtures/expected/digest.
 */
@QuarkusTest
class DigestFitTest {

    static final int BUDGET = 92160;

    @InjectGreenMail
    GreenMail mail;

    @Inject
    DigestRenderer renderer;

    @Test
    void aDayOfTwentyFiveStoriesFitsWithEveryHeadlineAndTheFooter() throws Exception {
        List<Long> ids = new ArrayList<>();
        int words = 0;
        for (String story : LongDay.stories()) {
            words += story.split("\\s+").length;
            ids.add(Api.editor()
                    .contentType("text/plain; charset=UTF-8")
                    .body(story.getBytes(StandardCharsets.UTF_8))
                    .post("/api/articles")
                    .then()
                    .statusCode(anyOf(is(201), is(200)))
                    .extract()
                    .jsonPath()
                    .getLong("id"));
        }
        assertThat(words / 25).isBetween(500, 900);
        String list =
                ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        long send = Api.startSend("{\"articles\":[" + list + "],\"list\":\"daily\"}");
        Api.awaitFinished(send);

        List<MimeMessage> received = Mailboxes.await(mail, "reader@daily.example", null, 1);
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        // The lead's headline is cut at a word so that the subject fits what a mail client shows.
        assertThat(message.getSubject())
                .isEqualTo("Rail Freight: What Changes for Readers in the Capital… and 24 more stories");
        assertThat(message.getSubject().codePointCount(0, message.getSubject().length()))
                .isLessThanOrEqualTo(78);
        String html = part(message, "text/html");
        String text = part(message, "text/plain");

        int htmlBytes = html.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(
                "25-story edition: HTML %d bytes, text %d bytes, budget %d%n",
                htmlBytes, text.getBytes(StandardCharsets.UTF_8).length, BUDGET);
        assertThat(htmlBytes).isLessThanOrEqualTo(BUDGET).isGreaterThan(BUDGET / 2);
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(BUDGET);
        for (int i = 0; i < 25; i++) {
            assertThat(html).as("headline %d in the HTML part", i).contains(LongDay.headline(i));
            assertThat(text).as("headline %d in the text part", i).contains(LongDay.headline(i));
        }
        assertThat(html)
                .contains("In this edition")
                .contains("/unsubscribe?t=")
                .contains("Unsubscribe in one click</a>")
                .contains("Follow The Steppe Ledger on X, Facebook and Telegram for daily updates.");
        assertThat(html.indexOf("/unsubscribe?t=")).isGreaterThan(html.lastIndexOf(LongDay.headline(24)));
        // Auto: the first stories whole, the rest as summaries with "Read more".
        assertThat(html).contains("Read on the website").contains("Read more");
        assertThat(text).contains("In this edition:").contains("Read more [").contains("Unsubscribe in one click: ");
        // The preheader names the first stories.
        assertThat(html).contains(LongDay.headline(0) + " · " + LongDay.headline(1));
    }

    @Test
    void theBudgetDecidesEachStoryAndThePlanSaysWhy() throws Exception {
        List<Article> day = new ArrayList<>();
        List<String> stories = LongDay.stories();
        for (int i = 0; i < stories.size(); i++) {
            day.add(new PlainTextArticleReader()
                    .read(stories.get(i))
                    .stored(500 + i, Instant.parse("2026-10-08T06:00:00Z")));
        }
        EditionContext context = new EditionContext("edition-7", "https://news.example.org/editions/7");
        EditionPlan auto = renderer.plan(day, list(MailingList.DigestStyle.AUTO), context);
        assertThat(auto.fits()).isTrue();
        assertThat(auto.styles()).startsWith(StoryStyle.FULL).contains(StoryStyle.SUMMARY);
        assertThat(auto.stories().get(24).reason()).startsWith("summary: whole, the edition would be ");
        EditionPlan full = renderer.plan(day, list(MailingList.DigestStyle.FULL), context);
        assertThat(full.styles()).containsOnly(StoryStyle.FULL);
        assertThat(full.fits()).isFalse();
        assertThat(full.htmlBytes()).isGreaterThan(BUDGET * 3 / 2);
        EditionPlan summary = renderer.plan(day.subList(0, 3), list(MailingList.DigestStyle.SUMMARY), context);
        assertThat(summary.styles()).containsOnly(StoryStyle.SUMMARY);
        // A hundred stories do not fit even as summaries: the last ones become headlines, every headline stays.
        List<Article> fourDays = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < stories.size(); i++) {
                fourDays.add(new PlainTextArticleReader()
                        .read(stories.get(i).replaceFirst(":", " (day " + d + "):"))
                        .stored(600 + d * 100 + i, Instant.parse("2026-10-09T06:00:00Z")));
            }
        }
        EditionPlan crowded = renderer.plan(fourDays, list(MailingList.DigestStyle.SUMMARY), context);
        assertThat(crowded.fits()).isTrue();
        assertThat(crowded.styles()).startsWith(StoryStyle.SUMMARY).endsWith(StoryStyle.HEADLINE);
        assertThat(crowded.stories().get(99).reason()).startsWith("headline only: as summaries the edition would be");
        RenderedEmail email = renderer.render(
                fourDays,
                list(MailingList.DigestStyle.SUMMARY),
                "Dana Reader",
                "reader@daily.example",
                "https://news.example.org/unsubscribe?t=token",
                context);
        assertThat(email.html().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(BUDGET);
        assertThat(email.html()).contains("More stories").endsWith("</html>\n").contains("unsubscribe?t=token");
        for (Article article : fourDays) {
            assertThat(email.html()).contains(article.title());
        }
    }

    @Test
    void editorsPreviewTheNextEditionWithEachStorysStyleAndItsSize() {
        Api.postArticle(
                "Next Edition Story About the Grain Harvest",
                "KOSTANAY – Farmers in the north brought in 4.1 million tonnes of wheat by Oct. 8, the ministry said.");
        String page = Api.editor()
                .get("/preview/lists/daily/next-edition")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("Next edition of The Daily Ledger")
                .contains("id=\"edition-plan\"")
                .contains("Next Edition Story About the Grain Harvest")
                .contains("% of the budget of 92160 bytes")
                .contains("digest-style: AUTO");
        Api.editor()
                .get("/preview/lists/daily/next-edition/email.html")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox"))
                .body(org.hamcrest.Matchers.containsString("Next Edition Story About the Grain Harvest"));
        Api.editor().get("/preview/lists/no-such-list/next-edition").then().statusCode(404);
    }

    @Test
    void aSummaryEditionIsTheExpectedText() throws Exception {
        List<Article> articles = List.of(
                read("astana-times-tokayev-kurtulmus.txt", 41),
                read("khorgos-crossing-oct.txt", 42),
                read("aktau-grain-terminal.txt", 43));
        RenderedEmail email = renderer.render(
                articles,
                list(MailingList.DigestStyle.SUMMARY),
                "Dana Reader",
                "reader@daily.example",
                "https://news.example.org/unsubscribe?t=expected-file-token",
                new EditionContext("edition-7", "https://news.example.org/editions/7"));
        ExpectedFiles.assertMatches("digest/summary-edition/subject.txt", email.subject() + "\n");
        ExpectedFiles.assertMatches("digest/summary-edition/text.txt", email.text());
        ExpectedFiles.assertMatches("digest/summary-edition/html.html", email.html());
    }

    @Test
    void theSeedsDigestIsTheExpectedText() throws Exception {
        RenderedEmail email = renderer.render(
                List.of(read("astana-times-tokayev-kurtulmus.txt", 41)),
                list(MailingList.DigestStyle.AUTO),
                "Dana Reader",
                "reader@daily.example",
                "https://news.example.org/unsubscribe?t=expected-file-token",
                new EditionContext("edition-6", "https://news.example.org/editions/6"));
        ExpectedFiles.assertMatches("digest/seed/subject.txt", email.subject() + "\n");
        ExpectedFiles.assertMatches("digest/seed/text.txt", email.text());
        ExpectedFiles.assertMatches("digest/seed/html.html", email.html());
    }

    static MailingList list(MailingList.DigestStyle style) {
        return new MailingList(
                "daily",
                "The Daily Ledger",
                "news@example.org",
                null,
                null,
                ZoneId.of("UTC"),
                MailingList.Mode.DIGEST,
                List.of(),
                List.of(),
                style);
    }

    static Article read(String fixture, long id) {
        return new PlainTextArticleReader()
                .read(new String(Fixtures.bytes("fixtures/articles/" + fixture), StandardCharsets.UTF_8))
                .stored(id, Instant.parse("2026-10-08T06:00:00Z"));
    }

    static String part(MimeMessage message, String type) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart inner) {
                for (int j = 0; j < inner.getCount(); j++) {
                    if (inner.getBodyPart(j).isMimeType(type)) {
                        return (String) inner.getBodyPart(j).getContent();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
