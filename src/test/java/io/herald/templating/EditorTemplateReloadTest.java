package io.herald.templating;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An editor's change to a file in templates/ shows on the next render, without a rebuild or restart. */
@QuarkusTest
@TestProfile(EditorTemplateReloadTest.OwnTemplatesFolder.class)
class EditorTemplateReloadTest {

    static final Path DIR = Path.of("target", "reload-test-templates");

    /** A copy of templates/ this test may edit, checked on every render. */
    public static class OwnTemplatesFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR.resolve("email"));
                Files.writeString(DIR.resolve("email/digest-subject.txt"), "Before {email.lead.title}");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            // Cards drawn ahead too (the default outside tests): this profile's app checks the painter as well.
            return Map.of(
                    "herald.templates.dir",
                    DIR.toString(),
                    "herald.templates.check-interval",
                    "0s",
                    "herald.cards.paint-ahead",
                    "true");
        }
    }

    @Inject
    EditorTemplates templates;

    @Test
    void anEditShowsOnTheNextRender() throws Exception {
        Path subject = DIR.resolve("email/digest-subject.txt");
        assertThat(templates
                        .get("email/digest-subject.txt")
                        .data("email", EditorTemplatesRenderTest.digest())
                        .render())
                .startsWith("Before Kazakhstan");

        Files.writeString(subject, "After: {email.lead.title}");
        Files.setLastModifiedTime(subject, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(templates
                        .get("email/digest-subject.txt")
                        .data("email", EditorTemplatesRenderTest.digest())
                        .render())
                .startsWith("After: Kazakhstan");

        // A file that is not in the editors' folder still comes from the build.
        assertThat(templates
                        .get("email/digest.txt")
                        .data("email", EditorTemplatesRenderTest.digest())
                        .render())
                .contains("Dear Ada,");
    }

    /** With paint-ahead on (the default outside tests), an article's cards are drawn and kept before anyone asks. */
    @Test
    void anArticlesCardsAreDrawnAheadInEveryFormat() {
        long article = io.herald.support.Api.postArticle(
                "Painted Ahead Story About Flax",
                "ASTANA – Flax exports grew by a fifth, the ministry said on Monday.");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    for (io.herald.social.card.CardFormat format : io.herald.social.card.CardFormat.values()) {
                        if (cardStore.fingerprint(article, format).isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Inject
    io.herald.social.card.CardStore cardStore;

    /** A designer's edit to a card layout shows on the next request: a new fingerprint (ETag) and the new look. */
    @Test
    void anEditedCardLayoutShowsOnTheNextRequest() throws Exception {
        Path layout = DIR.resolve("cards/landscape.svg");
        Files.createDirectories(layout.getParent());
        String original = Files.readString(Path.of("templates/cards/landscape.svg"));
        Files.writeString(layout, original);
        long article = io.herald.support.Api.postArticle(
                "Card Layout Story About Barley", "ASTANA \u2013 Barley exports grew, the ministry said.");
        var before = io.restassured.RestAssured.get("/cards/" + article + "/landscape.png");
        assertThat(before.statusCode()).isEqualTo(200);
        Files.writeString(layout, original.replace("fill=\"#1d1d1b\"/>", "fill=\"#00aa00\"/>"));
        Files.setLastModifiedTime(layout, FileTime.from(Instant.now().plusSeconds(5)));
        var after = io.restassured.RestAssured.get("/cards/" + article + "/landscape.png");
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(after.asByteArray()));
        int rgb = image.getRGB(10, 10);
        assertThat(new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF})
                .containsExactly(0, 0xAA, 0);
        Files.delete(layout);
    }

    /**
     * An editor saves a template that does not render. Articles still load (that channel's teaser waits with the
     * template's line), the preview names the template and line, and a send pauses with the reason instead of
     * retrying in silence; once the template is fixed, resume sends to everyone.
     */
    @Test
    void aBrokenTemplateIsNamedWithItsLineAndStopsNothingElse() throws Exception {
        Path email = DIR.resolve("email/digest.html");
        Path x = DIR.resolve("social/x.txt");
        Files.createDirectories(x.getParent());
        try {
            Files.writeString(email, "<p>{#for item in email.articles}{item.title}</p>\n");
            Files.writeString(x, "{teaser.headline}\n{#if teaser.url}{teaser.url}\n");
            long article = io.herald.support.Api.postArticle(
                    "Broken Template Story About Wheat",
                    "ASTANA \u2013 Wheat exports grew, the ministry said.\n\nFollow us on X and Telegram.");
            io.herald.support.Api.editor()
                    .get("/api/articles/" + article + "/teasers")
                    .then()
                    .statusCode(200)
                    .body("find { it.channel == 'x' }.valid", org.hamcrest.Matchers.is(false))
                    .body("find { it.channel == 'x' }.problem", org.hamcrest.Matchers.containsString("social/x.txt:"))
                    .body("find { it.channel == 'telegram' }.valid", org.hamcrest.Matchers.is(true));
            io.herald.support.Api.editor()
                    .get("/preview/articles/" + article + "?list=demo")
                    .then()
                    .statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("The email cannot be rendered"))
                    .body(org.hamcrest.Matchers.containsString("email/digest.html:"));
            io.herald.support.Api.editor()
                    .get("/api/articles/" + article + "/email?list=demo")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", org.hamcrest.Matchers.is("template"));

            long send = io.herald.support.Api.startSend("{\"article\":" + article + ",\"list\":\"demo\"}");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> "paused"
                            .equals(io.herald.support.Api.ops()
                                    .get("/api/sends/" + send)
                                    .jsonPath()
                                    .getString("status")));
            var report = io.herald.support.Api.ops().get("/api/sends/" + send).jsonPath();
            assertThat(report.getString("statusReason"))
                    .startsWith("the email template does not render")
                    .contains("email/digest.html:");
            assertThat(report.getLong("sent")).isZero();

            Files.delete(email);
            io.herald.support.Api.ops()
                    .post("/api/sends/" + send + "/resume")
                    .then()
                    .statusCode(200);
            var done = io.herald.support.Api.awaitFinished(send).jsonPath();
            assertThat(done.getLong("sent")).isEqualTo(done.getLong("total")).isPositive();
        } finally {
            Files.deleteIfExists(email);
            Files.deleteIfExists(x);
        }
    }
}
