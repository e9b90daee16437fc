package io.herald.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The seed article, posted as text, sent to the demo list, read back from three real mailboxes. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class SeedEndToEndTest {

    static final String SUBJECT = "Kazakhstan, Türkiye Seek to Enhance Strategic Partnership";
    static final List<String> DEMO = List.of("ada@example.org", "grace@example.org", "alan@example.org");

    @InjectGreenMail
    GreenMail mail;

    static byte[] seed() {
        return io.herald.support.Fixtures.seed();
    }

    @Test
    void theSeedReachesEveryDemoMailboxOnce() throws Exception {
        var posted = Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(seed())
                .post("/api/articles")
                .then()
                .statusCode(anyOf(is(201), is(200)))
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/articles/\\d+$"))
                .body("title", is(SUBJECT))
                .body("dateline", is("ASTANA"))
                .body("channels", contains("x", "facebook", "instagram", "telegram", "youtube", "tiktok"))
                .body("cta.websiteSignup", is(true))
                .extract()
                .jsonPath();
        long article = posted.getLong("id");

        var report = Api.sendAndWait(article, "demo").jsonPath();
        assertThat(report.getLong("total")).isEqualTo(3);
        assertThat(report.getLong("sent")).isEqualTo(3);
        assertThat(report.getLong("failed")).isZero();

        for (String address : DEMO) {
            assertThat(Mailboxes.imapSubjects(mail, address))
                    .containsOnlyOnce(SUBJECT)
                    .hasSize(1);
            MimeMessage message = Mailboxes.await(mail, address, SUBJECT, 1).get(0);
            assertDigest(message, address);
        }

        // Sending the same article to the same list again is the same send: nobody gets it twice.
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(202)
                .body("created", is(false));
        for (String address : DEMO) {
            assertThat(Mailboxes.imapSubjects(mail, address)).hasSize(1);
        }
    }

    private static void assertDigest(MimeMessage message, String address) throws Exception {
        assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html");
        String textBody = (String) text.getContent();
        String htmlBody = (String) html.getContent();
        // The text part is wrapped at 78 columns (a long link stands alone on its line): compare it unwrapped.
        assertThat(textBody.lines()
                        .filter(l -> l.codePointCount(0, l.length()) > 78
                                && l.contains(" ")
                                && !l.matches("^\\[\\d+\\] \\S+$")
                                && !l.startsWith("Unsubscribe in one click: ")))
                .isEmpty();
        String unwrapped = textBody.replaceAll("\\s+", " ");

        for (String body : List.of(unwrapped, htmlBody)) {
            assertThat(body)
                    .contains("ASTANA – President of Kazakhstan Kassym-Jomart Tokayev")
                    .contains("Türkiye Numan Kurtulmuş")
                    .contains("Today’s meeting is taking place on the eve of the 30th anniversary")
                    .contains("Our countries have great potential for expanding ties in trade")
                    .contains("Get The Astana Times stories sent directly to you!");
        }
        assertThat(htmlBody).contains("“Today’s meeting").contains("10 major investors,” he said.");
        assertThat(unwrapped)
                .contains("“Today’s meeting")
                .contains("Photo credit: Akorda")
                .contains("Read on the website [1]")
                .contains("Links: [1] https://news.example.org/r/");
        // The demo list counts clicks (tracking: aggregate, the default): every link goes through Herald's redirect,
        // which leads to the article and to each channel the footer names.
        List<String> targets = new java.util.ArrayList<>();
        for (String href : io.herald.support.EmailLinks.anchors(htmlBody).values()) {
            if (href.startsWith("https://news.example.org/r/")) {
                targets.add(io.restassured.RestAssured.given()
                        .redirects()
                        .follow(false)
                        .get(io.herald.support.EmailLinks.path(href))
                        .then()
                        .statusCode(302)
                        .extract()
                        .header("Location"));
            }
        }
        assertThat(targets)
                .anySatisfy(t -> assertThat(t).startsWith("https://news.example.org/articles/"))
                .contains(
                        "https://x.com/TimesAstana",
                        "https://www.facebook.com/astanatimes",
                        "https://www.instagram.com/astanatimes",
                        "https://t.me/astanatimes",
                        "https://www.youtube.com/@astanatimes",
                        "https://www.tiktok.com/@astanatimes");
        assertThat(message.getHeader("From")[0]).contains("news@example.org");
        assertThat(message.getHeader("Reply-To")[0]).isEqualTo("editors@example.org");
        assertThat(message.getHeader("Message-ID")[0]).matches("<herald\\.s\\d+\\.\\d+\\.[0-9a-f]{16}@example\\.org>");
        assertThat(message.getHeader("Date")).isNotEmpty();
        assertThat(message.getHeader("List-Id")[0]).contains("<demo.list.example.org>");
        assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = message.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe)
                .startsWith("<https://news.example.org/unsubscribe?t=demo.")
                .endsWith(">");
        assertThat(htmlBody.replace("&amp;", "&")).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        assertThat(((jakarta.mail.internet.InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0])
                        .getAddress())
                .isEqualTo(address);
    }

    @Test
    void theApiGivesTheExactMessageASampleSubscriberGets() throws Exception {
        long article = Api.postArticle("A story for the email endpoint", "PARIS – Something happened.");
        byte[] raw = Api.editor()
                .get("/api/articles/" + article + "/email?list=demo")
                .then()
                .statusCode(200)
                .contentType(startsWith("message/rfc822"))
                .extract()
                .asByteArray();
        MimeMessage message =
                new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw));
        assertThat(message.getSubject()).isEqualTo("A story for the email endpoint");
        assertThat(message.getHeader("List-Unsubscribe")).isNotNull();
        assertThat(URI.create(message.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", ""))
                        .getScheme())
                .isEqualTo("https");
    }

    @Test
    void theSeedTeasersFitAllSixChannels() throws Exception {
        long article = Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(seed())
                .post("/api/articles")
                .then()
                .statusCode(anyOf(is(201), is(200)))
                .extract()
                .jsonPath()
                .getLong("id");
        var teasers = Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(teasers.getList("channel", String.class))
                .containsExactly("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        assertThat(teasers.getList("valid", Boolean.class)).containsOnly(true);
        List<String> texts = teasers.getList("text", String.class);
        List<Integer> lengths = teasers.getList("length", Integer.class);
        List<Integer> limits = teasers.getList("limit", Integer.class);
        assertThat(limits).containsExactly(280, 63_206, 2_200, 4_096, 5_000, 2_200);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(lengths.get(i)).isLessThanOrEqualTo(limits.get(i));
            assertThat(texts.get(i)).startsWith(SUBJECT).doesNotContain("ASTANA –");
        }
        String x = texts.get(0);
        assertThat(com.twitter.twittertext.TwitterTextParser.parseTweet(x).weightedLength)
                .isEqualTo(lengths.get(0));
        // On X the key figure, whole, beats a lead cut short (issue #5's composition).
        assertThat(x)
                .contains("$6 billion")
                .doesNotContain("…")
                .contains("https://news.example.org/articles/" + article + "?utm_source=x&utm_medium=social");
        assertThat(texts.get(2)).contains("link in bio").doesNotContain("https://");
        assertThat(texts.get(4)).doesNotContain("<").doesNotContain(">");
    }

    @Test
    void unsubscribeLinksWithABadTokenAreRefused() {
        given().get("/unsubscribe?t=demo.1.forged").then().statusCode(400);
        given().post("/unsubscribe?t=demo.1.forged").then().statusCode(400);
        given().post("/unsubscribe").then().statusCode(400);
    }
}
