package io.herald.social;

import java.util.List;
import java.util.Map;

import io.herald.support.Api;
import io.herald.support.GreenMailResource;
import io.herald.support.SocialStandIn;
import io.herald.support.SocialStandInResource;
import io.herald.support.SocialStandInResource.InjectSocial;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media posts when a platform says no: the platforms' own error answers (Instagram's Graph error, TikTok's error
 * object, X refusing an upload) fail the post with the platform's words and post nothing; a card turned off for a
 * channel posts text and link; Instagram and TikTok take nothing without a card.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(SocialStandInResource.class)
class MediaPublishingTest {

    @InjectSocial
    SocialStandIn social;

    @Inject
    SocialOutbox outbox;

    @Inject
    OutboxPublisher publisher;

    @Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        io.herald.support.OutboxBacklog.setAside(dataSource);
        social.reset();
        social.imageHost("https://news.example.org", "http://localhost:" + RestAssured.port);
    }

    static long article(String topic) {
        return Api.postArticle(
                topic + " Harvest Breaks a Record in Kostanay",
                "KOSTANAY – The " + topic.toLowerCase() + " harvest broke a record this year, the region said on "
                        + "Monday.\n\nFollow us on X, Instagram, TikTok and Telegram.");
    }

    Map<String, String> lastErrors(long article) {
        var teasers = Api.editor().get("/api/articles/" + article + "/teasers").jsonPath();
        Map<String, String> errors = new java.util.TreeMap<>();
        for (Map<String, Object> t : teasers.<Map<String, Object>>getList("")) {
            errors.put((String) t.get("channel"), t.get("state") + ": " + t.get("lastError"));
        }
        return errors;
    }

    /** Each platform's documented error answer to the media step, and the words the post then fails with. */
    static final List<String[]> REFUSALS = List.of(
            new String[] {
                "telegram",
                "Barley Harvest",
                "400",
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: IMAGE_PROCESS_FAILED\"}",
                "Telegram answered 400: Bad Request: IMAGE_PROCESS_FAILED"
            },
            new String[] {
                "mastodon",
                "Barley Harvest",
                "422",
                "{\"error\":\"Validation failed: File content type is invalid\"}",
                "Mastodon answered 422: Validation failed: File content type is invalid"
            },
            new String[] {
                "bluesky",
                "JFIF",
                "400",
                "{\"error\":\"BlobTooLarge\",\"message\":\"This file is too large\"}",
                "Bluesky answered 400: BlobTooLarge: This file is too large"
            },
            new String[] {
                "x",
                "tweet_image",
                "400",
                "{\"title\":\"Invalid Request\",\"detail\":\"media type unrecognized.\",\"status\":400}",
                "X answered 400: media type unrecognized."
            },
            new String[] {
                "facebook",
                "Barley Harvest",
                "400",
                "{\"error\":{\"message\":\"(#324) Requires upload file\",\"type\":\"OAuthException\",\"code\":324}}",
                "Facebook answered 400: (#324) Requires upload file"
            },
            new String[] {
                "linkedin",
                "initializeUploadRequest",
                "403",
                "{\"message\":\"Not enough permissions to access: images.CREATE\",\"status\":403}",
                "LinkedIn answered 403: Not enough permissions to access: images.CREATE"
            },
            new String[] {
                "instagram",
                "Barley Harvest",
                "400",
                "{\"error\":{\"message\":\"The aspect ratio is not supported.\",\"type\":\"OAuthException\","
                        + "\"code\":36003,\"error_subcode\":2207009}}",
                "Instagram answered 400: The aspect ratio is not supported."
            },
            new String[] {
                "threads",
                "Barley Harvest",
                "400",
                "{\"error\":{\"message\":\"Param text is too long\",\"type\":\"THApiException\",\"code\":100}}",
                "Threads answered 400: Param text is too long"
            },
            new String[] {
                "tiktok",
                "Barley Harvest",
                "401",
                "{\"error\":{\"code\":\"access_token_invalid\",\"message\":\"The access token is invalid or not found"
                        + " in the request.\",\"log_id\":\"20261130\"}}",
                "TikTok answered 401: The access token is invalid or not found in the request."
            });

    @Test
    void theirErrorAnswersFailThePostWithTheirWordsAndPostNothing() throws Exception {
        long article = Api.postArticle(
                "Barley Harvest Breaks a Record in Kostanay",
                "KOSTANAY – The barley harvest broke a record this year, the region said on Monday.\n\n"
                        + "Follow us on X, Facebook, Telegram, Mastodon, Bluesky, LinkedIn, Threads, Instagram and TikTok.");
        for (String[] r : REFUSALS) {
            social.failNext(r[0], r[1], Integer.parseInt(r[2]), r[3], Map.of());
        }
        outbox.publishNow(article, null);
        publisher.publishDue();

        Map<String, String> errors = lastErrors(article);
        for (String[] r : REFUSALS) {
            assertThat(errors.get(r[0])).as(r[0]).isEqualTo("failed: " + r[4]);
            assertThat(social.accepted(r[0]))
                    .as(r[0] + ": nothing posted")
                    .noneMatch(a -> a.body().toString().contains("Barley"));
        }
    }

    @Test
    void aCardTurnedOffPostsTextAndInstagramAndTiktokThenTakeNothing() throws Exception {
        long article = article("Wheat");
        Api.editor()
                .contentType("application/json")
                .body("{\"channelsOff\":[\"x\",\"instagram\",\"tiktok\"]}")
                .put("/api/articles/" + article + "/cards")
                .then()
                .statusCode(200);
        outbox.publishNow(article, null);
        publisher.publishDue();

        var x = social.accepted("x").stream()
                .filter(a -> a.body().path("text").asText().contains("Wheat Harvest"))
                .toList();
        assertThat(x)
                .singleElement()
                .satisfies(a -> assertThat(a.body().has("media")).isFalse());
        assertThat(social.requests()).noneMatch(r -> r.startsWith("x POST /x/2/media"));
        Map<String, String> errors = lastErrors(article);
        assertThat(errors.get("instagram"))
                .isEqualTo(
                        "failed: Instagram takes no post without an image; turn the article's card on for Instagram");
        assertThat(errors.get("tiktok"))
                .isEqualTo("failed: TikTok takes no post without a photo; turn the article's card on for TikTok");
        assertThat(List.of(errors.get("telegram"), errors.get("x"))).allMatch(e -> e.startsWith("published"));
    }
}
