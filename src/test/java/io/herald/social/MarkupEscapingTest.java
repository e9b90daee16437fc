package io.herald.social;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.TwitterTextParser;
import io.herald.support.Api;
import io.herald.support.SocialStandIn;
import io.herald.support.SocialStandInResource.InjectSocial;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teasers that look like markup reach each platform as the text the editor saw: Telegram's HTML mode gets entities,
 * LinkedIn's little text gets backslashes, Bluesky gets its facets at the byte offsets of the text as posted, and
 * the plain-text platforms get the text unchanged. Each stand-in reads the request by the platform's own rules and
 * refuses what the platform refuses ("can't parse entities", unescaped reserved characters, a facet off by a byte).
 */
@QuarkusTest
class MarkupEscapingTest {

    static final List<String> CHANNELS = List.of("x", "facebook", "telegram", "mastodon", "bluesky", "linkedin");

    @InjectSocial
    SocialStandIn social;

    @Inject
    SocialOutbox outbox;

    @Inject
    OutboxPublisher publisher;

    /** Everything a markup parser might take for its own, after multi-byte text, with a hashtag and the link last. */
    static String hostile(String url) {
        return "Kazakhstan’s «Steppe» <script>alert(\"x\")</script> & <b>not bold</b> &amp; *stars* _under_ "
                + "~tilde~ [a](https://evil.example) @handle |pipe| {brace} C:\\temp\\*.txt \\\\server \\ 🇰🇿 "
                + "Ünïcödé #Kazakhstan\n\n" + url;
    }

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void hostileTextIsPostedAsTheEditorWroteItOnEveryPlatform() throws Exception {
        io.herald.support.OutboxBacklog.setAside(dataSource);
        long article = SocialPublishingTest.freshArticle("markup");
        JsonPath before = Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String channel : CHANNELS) {
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://\\S+")
                    .matcher(before.getString("find { it.channel == '" + channel + "' }.text"));
            assertThat(link.find()).as(channel).isTrue();
            String url = link.group();
            String body = new ObjectMapper().writeValueAsString(Map.of("text", hostile(url)));
            Api.editor()
                    .contentType("application/json; charset=UTF-8")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .put("/api/articles/" + article + "/teasers/" + channel)
                    .then()
                    .statusCode(200);
        }
        outbox.publishNow(article, null);
        publisher.publishDue();

        JsonPath after = Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String channel : CHANNELS) {
            assertThat(after.getString("find { it.channel == '" + channel + "' }.state"))
                    .as(channel)
                    .isEqualTo("published");
            String teaser = after.getString("find { it.channel == '" + channel + "' }.text");
            assertThat(teaser).as(channel).contains("<script>", "*stars*", "C:\\temp\\*.txt");
            List<JsonNode> posts = SocialPublishingTest.posts(social, channel, article);
            assertThat(posts).as(channel).hasSize(1);
            assertThat(visible(channel, posts.get(0))).as(channel).isEqualTo(teaser);
        }
        String x = SocialPublishingTest.posts(social, "x", article)
                .get(0)
                .path("text")
                .asText();
        assertThat(TwitterTextParser.parseTweet(x).isValid).isTrue();
        JsonNode bluesky =
                SocialPublishingTest.posts(social, "bluesky", article).get(0).path("record");
        assertThat(bluesky.path("facets").toString())
                .contains("app.bsky.richtext.facet#tag")
                .contains("app.bsky.richtext.facet#link")
                .doesNotContain("evil.example");
    }

    /** The text a reader of the platform sees, read from the request by that platform's rules. */
    static String visible(String channel, JsonNode request) {
        return switch (channel) {
            // Telegram: the caption of the card's photo, or a message's text when there is no card.
            case "telegram" ->
                SocialStandIn.telegramVisible(
                        request.has("caption")
                                ? request.path("caption").asText()
                                : request.path("text").asText());
            case "linkedin" ->
                SocialStandIn.linkedinVisible(request.path("commentary").asText());
            case "bluesky" -> request.path("record").path("text").asText();
            case "facebook" -> request.path("message").asText();
            case "mastodon" -> request.path("status").asText();
            default -> request.path("text").asText();
        };
    }
}
