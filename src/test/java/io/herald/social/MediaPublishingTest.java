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

    @BeforeEach
    void clean() {
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

    @Test
    void theirErrorAnswersFailThePostWithTheirWordsAndPostNothing() throws Exception {
        long article = article("Barley");
        social.failNext(
                "instagram",
                "Barley Harvest",
                400,
                "{\"error\":{\"message\":\"The aspect ratio is not supported.\",\"type\":\"OAuthException\","
                        + "\"code\":36003,\"error_subcode\":2207009}}",
                Map.of());
        social.failNext(
                "tiktok",
                "Barley Harvest",
                401,
                "{\"error\":{\"code\":\"access_token_invalid\",\"message\":\"The access token is invalid or not found"
                        + " in the request.\",\"log_id\":\"20261130\"}}",
                Map.of());
        social.failNext(
                "x",
                "tweet_image",
                400,
                "{\"title\":\"Invalid Request\",\"detail\":\"media type unrecognized.\",\"status\":400}",
                Map.of());
        outbox.publishNow(article, null);
        publisher.publishDue();

        Map<String, String> errors = lastErrors(article);
        assertThat(errors.get("instagram"))
                .isEqualTo("failed: Instagram answered 400: The aspect ratio is not supported.");
        assertThat(errors.get("tiktok"))
                .isEqualTo("failed: TikTok answered 401: The access token is invalid or not found in the request.");
        assertThat(errors.get("x")).isEqualTo("failed: X answered 400: media type unrecognized.");
        assertThat(social.accepted("x")).noneMatch(a -> a.body().toString().contains("Barley"));
        assertThat(social.accepted("instagram"))
                .noneMatch(a -> a.body().toString().contains("Barley"));
        assertThat(errors.get("telegram")).startsWith("published");
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
