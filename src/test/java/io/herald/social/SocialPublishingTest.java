package io.herald.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.TwitterTextParser;
import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.GreenMailResource;
import io.herald.support.SocialStandIn;
import io.herald.support.SocialStandInResource;
import io.herald.support.SocialStandInResource.InjectSocial;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Teasers published to loopback stand-ins of each platform's API, which check every request the way the platform
 * documents it: once with the email, once even when the job runs twice, once after a node stopped mid-publish.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(SocialStandInResource.class)
class SocialPublishingTest {

    static final List<String> API_CHANNELS =
            List.of("x", "facebook", "telegram", "mastodon", "bluesky", "linkedin", "threads", "instagram", "whatsapp");

    @InjectSocial
    SocialStandIn social;

    @Inject
    SocialOutbox outbox;

    @Inject
    OutboxPublisher publisher;

    @Inject
    DataSource dataSource;

    @Inject
    io.herald.social.publish.TelegramPublisher telegram;

    @BeforeEach
    void clean() throws Exception {
        io.herald.support.OutboxBacklog.setAside(dataSource);
        social.reset();
        social.imageHost("https://news.example.org", "http://localhost:" + io.restassured.RestAssured.port);
    }

    /** An article no fixture knows, naming every channel with an API, plus Instagram. */
    static long freshArticle(String topic) {
        String title = "Almaty & Bishkek Agree on " + topic + " <Route> Plan";
        String body = "ALMATY – Transport ministers of Kazakhstan and Kyrgyzstan agreed on Monday to open a " + topic
                + " corridor between Almaty and Bishkek by 2028, cutting the trip to four hours.\n\n"
                + "The corridor will cost $1.2 billion, shared by both governments and the Asian Development Bank.\n\n"
                + "“This road will carry our trade and our families,” said Daniyar Amanov, Kazakhstan’s transport "
                + "minister.\n\n"
                + "Follow us on X, Facebook, Telegram, Mastodon, Bluesky, LinkedIn, Threads, Instagram and WhatsApp.";
        return Api.postArticle(title, body);
    }

    static List<JsonNode> posts(SocialStandIn social, String platform, long articleId) {
        return social.accepted(platform).stream()
                .map(SocialStandIn.Accepted::body)
                // LinkedIn's little text escapes the link's underscore: compared without the escapes.
                .filter(b -> b.toString().replace("\\\\", "").contains("/articles/" + articleId + "?utm_source="))
                .toList();
    }

    JsonPath teasers(long article) {
        return Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theSeedsTeasersGoOutWithItsEmailOnceAndTheRestWaitForAPerson() throws Exception {
        long article = Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(Fixtures.seed())
                .post("/api/articles")
                .then()
                .statusCode(anyOf(is(201), is(200)))
                .extract()
                .jsonPath()
                .getLong("id");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(202);

        // The job runs twice at once (two nodes, or a misfire): still one post per platform.
        runTwiceAtOnce(() -> publisher.publishDue());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> teasers(article).getList("state").stream().noneMatch("pending"::equals));

        for (String platform : List.of("x", "facebook", "telegram")) {
            assertThat(posts(social, platform, article)).as(platform).hasSize(1);
        }
        JsonPath t = teasers(article);
        assertThat(t.getList("channel")).containsExactly("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        Map<String, String> states = stateByChannel(t);
        assertThat(states)
                .as(lastErrors(t))
                .containsEntry("x", "published")
                .containsEntry("facebook", "published")
                .containsEntry("telegram", "published")
                .containsEntry("instagram", "published")
                .containsEntry("tiktok", "published");
        // Every channel of the seed's call-to-action but YouTube posts with the article's card.
        assertThat(posts(social, "x", article).get(0).path("media").path("media_ids"))
                .hasSize(1);
        assertThat(posts(social, "facebook", article).get(0).path("photo").asBoolean())
                .isTrue();
        assertThat(posts(social, "telegram", article).get(0).path("photo").asText())
                .startsWith("(uploaded ");
        // Instagram and TikTok take the article's card from Herald's public URL, with the teaser as caption.
        String instagramText = t.getString("find { it.channel == 'instagram' }.text");
        assertThat(social.accepted("instagram"))
                .filteredOn(a -> a.body().path("text").asText().equals(instagramText))
                .singleElement()
                .satisfies(a -> assertThat(a.body().path("alt").asText())
                        .startsWith("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership."));
        String tiktokText = t.getString("find { it.channel == 'tiktok' }.text");
        assertThat(social.accepted("tiktok"))
                .filteredOn(a ->
                        a.body().path("post_info").path("description").asText().equals(tiktokText))
                .singleElement()
                .satisfies(a -> assertThat(a.body()
                                .path("source_info")
                                .path("photo_images")
                                .get(0)
                                .asText())
                        .startsWith("https://news.example.org/cards/" + article + "/portrait.jpg?v="));
        // YouTube waits for its configured slot (10 minutes after the email, then 09:00 Almaty), in the manual queue.
        assertThat(states.get("youtube")).isEqualTo("manual");
        assertThat(t.getList("externalUrl").get(0)).asString().startsWith("https://x.com/i/web/status/");

        // The X post is the teaser as stored, within X's own count.
        String xText = posts(social, "x", article).get(0).path("text").asText();
        assertThat(xText).isEqualTo(t.getString("find { it.channel == 'x' }.text"));
        assertThat(TwitterTextParser.parseTweet(xText).isValid).isTrue();
        // Telegram: the card uploaded with an HTML-mode caption, the headline in bold.
        assertThat(posts(social, "telegram", article).get(0).path("caption").asText())
                .startsWith("<b>Kazakhstan, Türkiye Seek to Enhance Strategic Partnership</b>");

        // Running the job again later publishes nothing more.
        publisher.publishDue();
        for (String platform : List.of("x", "facebook", "telegram")) {
            assertThat(posts(social, platform, article)).as(platform).hasSize(1);
        }

        // The manual queue lists YouTube (no API for community posts); a person marks it posted.
        JsonPath manual = Api.editor()
                .get("/api/outbox?state=manual")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long youtube = manual.getLong("find { it.articleId == " + article + " && it.channel == 'youtube' }.id");
        assertThat(manual.getString("find { it.id == " + youtube + " }.lastError"))
                .contains("no API for community posts");
        Api.ops()
                .contentType("application/json")
                .body("{\"url\":\"https://www.youtube.com/post/abc\"}")
                .post("/api/outbox/" + youtube + "/posted")
                .then()
                .statusCode(200)
                .body("state", is("published"))
                .body("publishedBy", is("person:ops"));
        Api.editor()
                .contentType("application/json")
                .body("{}")
                .post("/api/outbox/" + youtube + "/posted")
                .then()
                .statusCode(403);
    }

    @Test
    void everyPlatformTakesTheRequestItsDocumentationAsksFor() throws Exception {
        long article = freshArticle("rail");
        outbox.publishNow(article, null);
        runTwiceAtOnce(() -> publisher.publishDue());
        for (String channel : List.of("x", "facebook", "telegram", "mastodon", "bluesky", "linkedin")) {
            assertThat(posts(social, channel, article)).as(channel).hasSize(1);
        }
        assertThat(social.accepted("webhook"))
                .filteredOn(a -> a.body().path("articleId").asLong() == article)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.body().path("channel").asText()).isEqualTo("whatsapp");
                    assertThat(a.headers()).containsKey("x-herald-delivery");
                });
        JsonPath outcome = teasers(article);
        Map<String, String> states = stateByChannel(outcome);
        for (String channel : API_CHANNELS) {
            assertThat(states).as(channel + " " + lastErrors(outcome)).containsEntry(channel, "published");
        }
        // Every post carries the article's card, described for people who cannot see it.
        String alt = "Almaty & Bishkek Agree on rail <Route> Plan.";
        JsonNode x = posts(social, "x", article).get(0);
        assertThat(social.altText(x.path("media").path("media_ids").get(0).asText()))
                .startsWith(alt);
        JsonNode mastodon = posts(social, "mastodon", article).get(0);
        assertThat(social.altText(mastodon.path("media_ids").get(0).asText())).startsWith(alt);
        JsonNode bluesky = posts(social, "bluesky", article).get(0);
        assertThat(bluesky.path("record").path("embed").path("$type").asText()).isEqualTo("app.bsky.embed.images");
        assertThat(bluesky.path("record")
                        .path("embed")
                        .path("images")
                        .get(0)
                        .path("alt")
                        .asText())
                .startsWith(alt);
        assertThat(posts(social, "facebook", article).get(0).path("photo").asBoolean())
                .isTrue();
        assertThat(posts(social, "linkedin", article)
                        .get(0)
                        .path("content")
                        .path("media")
                        .path("altText")
                        .asText())
                .startsWith(alt);
        assertThat(posts(social, "telegram", article).get(0).path("photo").asText())
                .startsWith("(uploaded ");
        assertThat(social.accepted("instagram"))
                .filteredOn(a -> a.body().path("text").asText().contains("Almaty & Bishkek"))
                .singleElement()
                .satisfies(a -> assertThat(a.body().path("alt").asText()).startsWith(alt));
        assertThat(social.accepted("threads"))
                .filteredOn(a -> a.body().path("text").asText().contains("Almaty & Bishkek"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.body().path("media_type").asText()).isEqualTo("IMAGE");
                    assertThat(a.body().path("alt").asText()).startsWith(alt);
                });

        // Title with & and <...>: escaped for Telegram's HTML mode, escaped for LinkedIn's little text.
        assertThat(posts(social, "telegram", article).get(0).path("caption").asText())
                .contains("Almaty &amp; Bishkek")
                .contains("&lt;Route&gt;");
        assertThat(posts(social, "linkedin", article).get(0).path("commentary").asText())
                .contains("\\<Route\\>")
                .contains("{hashtag|\\#|Kazakhstan}");
        // Mastodon got an Idempotency-Key; Bluesky a link facet over the URL (checked byte for byte by the stand-in).
        assertThat(social.accepted("mastodon").get(0).headers().get("idempotency-key"))
                .hasSize(36);
        assertThat(bluesky.path("record").path("facets").toString()).contains("app.bsky.richtext.facet#link");
    }

    @Test
    void tooManyRequestsWaitsAsToldAndRefusalsFailWithThePlatformsWords() throws Exception {
        long article = freshArticle("bus");
        String link = "/articles/" + article + "?utm_source=";
        social.failNext("mastodon", link, 429, "{\"error\":\"Too many requests\"}", Map.of("Retry-After", "2"));
        social.failNext(
                "x",
                link,
                403,
                "{\"title\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403,"
                        + "\"detail\":\"You are not permitted to perform this action.\"}",
                Map.of());
        Instant before = Instant.now();
        outbox.publishNow(article, null);
        publisher.publishDue();

        JsonPath t = teasers(article);
        assertThat(stateByChannel(t))
                .containsEntry("mastodon", "pending")
                .containsEntry("x", "failed")
                .containsEntry("facebook", "published");
        assertThat(t.getString("find { it.channel == 'x' }.lastError"))
                .isEqualTo("X answered 403: You are not permitted to perform this action.");
        OutboxPost mastodon = find(article, "mastodon");
        assertThat(mastodon.lastError()).contains("429");
        assertThat(mastodon.nextAttemptAt()).isAfterOrEqualTo(before.plusSeconds(2));

        publisher.publishDue(); // too early: Retry-After is honoured
        assertThat(posts(social, "mastodon", article)).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    publisher.publishDue();
                    return find(article, "mastodon").state().equals("published");
                });
        assertThat(posts(social, "mastodon", article)).hasSize(1);
        assertThat(find(article, "mastodon").attempts()).isEqualTo(2);

        // Ops fix the account and retry the failed X post by hand.
        Api.ops()
                .post("/api/outbox/" + find(article, "x").id() + "/retry")
                .then()
                .statusCode(200)
                .body("state", is("pending"));
        publisher.publishDue();
        assertThat(posts(social, "x", article)).hasSize(1);
        Api.ops()
                .post("/api/outbox/" + find(article, "x").id() + "/retry")
                .then()
                .statusCode(409)
                .body("errors[0].field", is("state"));
    }

    @Test
    void aNodeStoppedAfterThePlatformTookThePostNeverPostsItTwice() throws Exception {
        long article = freshArticle("tram");
        outbox.publishNow(article, null);
        publisher.publishDue();
        int before = social.accepted().size();
        // As if each node had died after the platform answered and before the outbox recorded it.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE social_post SET state = 'publishing', lease_until = ?, external_id = NULL "
                                + "WHERE article_id = ? AND state = 'published'")) {
            ps.setObject(1, Instant.now().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC));
            ps.setLong(2, article);
            assertThat(ps.executeUpdate()).isEqualTo(API_CHANNELS.size());
        }
        runTwiceAtOnce(() -> publisher.publishDue());
        publisher.publishDue();

        assertThat(social.accepted()).hasSize(before);
        for (String channel : List.of("x", "facebook", "telegram", "mastodon", "bluesky", "linkedin")) {
            assertThat(posts(social, channel, article)).as(channel).hasSize(1);
        }
        Map<String, String> states = stateByChannel(teasers(article));
        // Idempotency key (Mastodon, webhook) or a lookup (X, Facebook, Bluesky, Instagram, Threads) settles it; the
        // others ask a person.
        assertThat(states)
                .containsEntry("mastodon", "published")
                .containsEntry("threads", "published")
                .containsEntry("whatsapp", "published")
                .containsEntry("x", "published")
                .containsEntry("facebook", "published")
                .containsEntry("bluesky", "published")
                .containsEntry("instagram", "published")
                .containsEntry("telegram", "unknown")
                .containsEntry("linkedin", "unknown");
        assertThat(find(article, "telegram").lastError()).contains("check the channel");
        assertThat(social.requests())
                .anyMatch(r -> r.startsWith("bluesky GET") && r.contains("getRecord"))
                .anyMatch(r -> r.startsWith("facebook GET"))
                .anyMatch(r -> r.startsWith("x GET"))
                .anyMatch(r -> r.startsWith("instagram GET") && r.endsWith("/media"))
                .anyMatch(r -> r.startsWith("threads GET") && r.endsWith("/threads"));
    }

    @Test
    void editorsEditWithinTheLimitAndHoldAChannel() throws Exception {
        long article = freshArticle("ferry");
        String base = "/api/articles/" + article + "/teasers/";
        Api.editor()
                .contentType("application/json")
                .body("{\"text\":" + Api.quote("x".repeat(281)) + "}")
                .put(base + "x")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("text"))
                .body("errors[0].reason", containsString("281 exceeds"));
        // A NUL (platforms refuse the post) and a right-to-left override (the post reads otherwise) are taken out.
        Api.editor()
                .contentType("application/json")
                .body("{\"text\":\"Ferry\\u0000 plan\\u202e agreed\"}")
                .put(base + "x")
                .then()
                .statusCode(200)
                .body("text", is("Ferry plan agreed"));
        Api.editor()
                .contentType("application/json")
                .body("{\"text\":\"Ferry plan agreed: https://news.example.org/a #Kyrgyzstan\"}")
                .put(base + "x")
                .then()
                .statusCode(200)
                .body("edited", is(true))
                .body("valid", is(true))
                .body("length", is(19 + 23 + 12));
        Api.editor()
                .contentType("application/json")
                .body("{\"held\":true}")
                .put(base + "facebook")
                .then()
                .statusCode(200)
                .body("held", is(true));
        Api.editor().post(base + "publish").then().statusCode(403);

        Api.ops().post(base + "publish").then().statusCode(200);
        publisher.publishDue();
        assertThat(posts(social, "facebook", article)).isEmpty();
        assertThat(social.accepted("x"))
                .extracting(a -> a.body().path("text").asText())
                .contains("Ferry plan agreed: https://news.example.org/a #Kyrgyzstan");
        Api.editor()
                .contentType("application/json")
                .body("{\"text\":\"too late\"}")
                .put(base + "x")
                .then()
                .statusCode(409)
                .body("errors[0].field", is("channel"));

        Api.editor()
                .contentType("application/json")
                .body("{\"held\":false}")
                .put(base + "facebook")
                .then()
                .statusCode(200);
        publisher.publishDue();
        assertThat(posts(social, "facebook", article)).hasSize(1);
    }

    @Test
    void telegramSendsThePhotoWhenTheCaptionFitsAndTextOtherwise() throws Exception {
        var photo = new io.herald.social.publish.Post(
                1,
                1,
                "telegram",
                "Rail deal signed & sealed\n\nMore soon.",
                "Rail deal signed & sealed",
                "https://news.example.org/a",
                "https://news.example.org/a.jpg",
                "Ministers at the signing",
                null,
                "key-1",
                Instant.now());
        var published = telegram.publish(photo);
        assertThat(published.externalUrl()).isEqualTo("https://t.me/astanatimes/" + published.externalId());
        JsonNode sent = social.accepted("telegram").get(0).body();
        assertThat(sent.path("photo").asText()).isEqualTo("https://news.example.org/a.jpg");
        assertThat(sent.path("caption").asText()).isEqualTo("<b>Rail deal signed &amp; sealed</b>\n\nMore soon.");

        var tooLong = new io.herald.social.publish.Post(
                2,
                1,
                "telegram",
                "x".repeat(1500),
                "t",
                "https://news.example.org/a",
                "https://news.example.org/a.jpg",
                "alt",
                null,
                "key-2",
                Instant.now());
        telegram.publish(tooLong);
        JsonNode text = social.accepted("telegram").get(1).body();
        assertThat(text.has("photo")).isFalse();
        assertThat(text.path("text").asText()).hasSize(1500);
        assertThat(social.requests()).anyMatch(r -> r.endsWith("/sendPhoto")).anyMatch(r -> r.endsWith("/sendMessage"));
    }

    @Test
    void channelTimingFollowsConfiguration() {
        Instant email = Instant.parse("2026-05-20T05:00:00Z"); // 10:00 in Almaty (UTC+5)
        assertThat(outbox.dueAt("x", email)).isEqualTo(email);
        // YouTube: 10 minutes later is 10:10 Almaty, past 09:00, so 09:00 the next day
        assertThat(outbox.dueAt("youtube", email)).isEqualTo(Instant.parse("2026-05-21T04:00:00Z"));
        assertThat(outbox.dueAt("youtube", Instant.parse("2026-05-20T02:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-20T04:00:00Z"));
    }

    @Test
    void outboxQueriesAreChecked() {
        Api.editor()
                .get("/api/outbox?state=nonsense")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("state"));
        Api.editor().get("/api/articles/99999999/teasers").then().statusCode(404);
        given().get("/api/outbox").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    private OutboxPost find(long article, String channel) throws Exception {
        return outbox.forArticle(article).stream()
                .filter(p -> p.channel().equals(channel))
                .findFirst()
                .orElseThrow();
    }

    /** What each channel's post last met, so a failed state says why in the test's report. */
    private static String lastErrors(JsonPath teasers) {
        List<String> channels = teasers.getList("channel");
        List<String> errors = teasers.getList("lastError");
        List<Integer> attempts = teasers.getList("attempts");
        StringBuilder result = new StringBuilder("last errors:");
        for (int i = 0; i < channels.size(); i++) {
            if (errors.get(i) != null) {
                result.append(" [")
                        .append(channels.get(i))
                        .append(", attempt ")
                        .append(attempts.get(i))
                        .append(": ")
                        .append(errors.get(i))
                        .append(']');
            }
        }
        return result.toString();
    }

    private static Map<String, String> stateByChannel(JsonPath teasers) {
        List<String> channels = teasers.getList("channel");
        List<String> states = teasers.getList("state");
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            result.put(channels.get(i), states.get(i));
        }
        return result;
    }

    private static void runTwiceAtOnce(Callable<Integer> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (var f : pool.invokeAll(List.of(job, job))) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
