package io.herald.schedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.support.Api;
import io.herald.support.FeedServer;
import io.herald.support.SocialStandIn;
import io.herald.support.SocialStandInResource.InjectSocial;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Herald started as a newsroom that only posts to social media would start it: schedules on, no subscriber
 * folder. The background jobs are registered all the same (a teaser is published and a feed polled by the jobs,
 * not by a test calling them), and a job that stops is named by readiness, /ops, /q/metrics and the waiting post.
 * Its own database, so that its jobs never run under another test class.
 */
@QuarkusTest
@TestProfile(BackgroundJobsTest.NoSubscriberFolder.class)
class BackgroundJobsTest {

    static final String MISSING_FOLDER = "target/no-subscriber-folder-here";

    public static class NoSubscriberFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "herald.schedule.enabled",
                    "true",
                    "herald.subscribers.dir",
                    MISSING_FOLDER,
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:background-jobs;DB_CLOSE_DELAY=-1",
                    "herald.social.poll-interval",
                    "1s",
                    "herald.feeds.check-interval",
                    "1s",
                    "herald.schedule.watchdog-interval",
                    "1s",
                    "herald.schedule.stalled-after-runs",
                    "3",
                    "herald.schedule.stalled-grace",
                    "0s");
        }
    }

    static FeedServer feeds;

    long lastArticle;

    @InjectSocial
    SocialStandIn social;

    @Inject
    MailingLists mailingLists;

    @Inject
    Scheduler quartz;

    @BeforeAll
    static void start() throws Exception {
        feeds = new FeedServer();
    }

    @AfterAll
    static void stop() {
        feeds.close();
    }

    static long articleForTelegramAndMastodon(String topic) {
        return Api.postArticle(
                "Shymkent Opens a " + topic + " Depot",
                "SHYMKENT – The city opened a " + topic + " depot on Tuesday, the mayor's office said.\n\n"
                        + "The depot will serve 40 buses a day from March.\n\n"
                        + "Follow us on Telegram and Mastodon.");
    }

    static JsonPath teasers(long article) {
        return Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String stateOf(long article, String channel) {
        return teasers(article).getString("find { it.channel == '" + channel + "' }.state");
    }

    @Test
    void withoutASubscriberFolderTheJobsPublishTeasersAndPollFeeds() throws Exception {
        assertThat(Path.of(MISSING_FOLDER)).doesNotExist();
        long article = articleForTelegramAndMastodon("Trolleybus");
        Api.ops().post("/api/articles/" + article + "/teasers/publish").then().statusCode(200);

        // Nothing in the test calls the publishing job: Quartz does, every second.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "published".equals(stateOf(article, "telegram"))
                        && "published".equals(stateOf(article, "mastodon")));
        assertThat(social.accepted("telegram").stream().map(a -> a.body().toString()))
                .anyMatch(body -> body.contains("/articles/" + article + "?utm_source=telegram"));

        // Lists the database already knows (the list volume is not mounted yet) keep their feeds polled.
        mailingLists.upsert(
                new MailingList(
                        "wire",
                        "Wire",
                        "Newsroom <news@example.org>",
                        null,
                        null,
                        ZoneId.of("Asia/Almaty"),
                        MailingList.Mode.DIGEST),
                Instant.now());
        feeds.serve(
                "/wire.xml",
                rss("<item><title>Turkistan Restores a Caravanserai</title>"
                        + "<link>https://wire.example.org/caravanserai</link><guid>caravanserai</guid>"
                        + "<description>TURKISTAN – Restorers finished the roof of a 16th-century caravanserai.</description>"
                        + "</item>"),
                "application/rss+xml; charset=UTF-8");
        long feed = Api.addFeed(feeds.url("/wire.xml"), "wire");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Api.editor()
                                .get("/api/feeds/" + feed)
                                .then()
                                .extract()
                                .jsonPath()
                                .getString("lastStatus")
                        != null);
        JsonPath polled = Api.editor()
                .get("/api/feeds/" + feed)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(polled.getString("lastStatus")).isEqualTo("ok");
        assertThat(polled.getInt("itemsSeen")).isEqualTo(1);
        assertThat(feeds.seen("/wire.xml")).isNotEmpty();

        // Each job has a record, and readiness says it runs.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body(
                                "checks.find { it.name == 'background-jobs' }.data.'social-publish'",
                                org.hamcrest.Matchers.is("ok"))
                        .body(
                                "checks.find { it.name == 'background-jobs' }.data.'feed-poll'",
                                org.hamcrest.Matchers.is("ok"))
                        .body(
                                "checks.find { it.name == 'background-jobs' }.data.'send-watchdog'",
                                org.hamcrest.Matchers.is("ok")));
        String ops = Api.ops().get("/ops").then().statusCode(200).extract().asString();
        assertThat(section(ops, "job-social-publish")).contains("running").doesNotContain(">never<");
        assertThat(section(ops, "job-feed-poll")).contains("running");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("herald_job_last_success_seconds\\{job=\"social-publish\"[^}]*} 1\\.[0-9]+E9")
                .contains("herald_job_failures_total{job=\"feed-poll\"")
                .containsPattern("herald_job_stalled\\{job=\"feed-poll\"[^}]*} 0\\.0");
        // Every Herald series the job alert rules use is one Herald serves.
        for (String series : alertSeries("HeraldJob")) {
            assertThat(metrics).as("alert rules use " + series).contains(series + "{");
        }
    }

    @Test
    void aJobThatStopsIsNamedByReadinessOpsMetricsAndTheWaitingPost() throws Exception {
        JobKey publishing = JobKey.jobKey(SystemJob.SOCIAL_PUBLISH.id(), SystemJob.GROUP);
        quartz.pauseJob(publishing);
        try {
            long article = articleForTelegramAndMastodon("Tram");
            lastArticle = article;
            Api.ops()
                    .post("/api/articles/" + article + "/teasers/publish")
                    .then()
                    .statusCode(200);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body(
                                    "checks.find { it.name == 'background-jobs' }.status",
                                    org.hamcrest.Matchers.is("DOWN"))
                            .body(
                                    "checks.find { it.name == 'background-jobs' }.data.'social-publish'",
                                    org.hamcrest.Matchers.startsWith("the publishing job has not succeeded since ")));
            // Only the stopped job is named.
            assertThat(readinessData()).containsEntry("feed-poll", "ok").containsEntry("send-watchdog", "ok");

            String ops = Api.ops().get("/ops").then().statusCode(200).extract().asString();
            assertThat(section(ops, "job-social-publish"))
                    .contains("the publishing job has not succeeded since")
                    .contains("(it runs every 1s)");
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .containsPattern("herald_job_stalled\\{job=\"social-publish\"[^}]*} 1\\.0");

            // The post due since the publish says why it waits, in the API and on /ops.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> teasers(article).getString("find { it.channel == 'telegram' }.waiting") != null);
            JsonPath waiting = teasers(article);
            assertThat(waiting.getString("find { it.channel == 'telegram' }.state"))
                    .isEqualTo("pending");
            assertThat(waiting.getInt("find { it.channel == 'telegram' }.attempts"))
                    .isZero();
            assertThat(waiting.getString("find { it.channel == 'telegram' }.waiting"))
                    .startsWith("the publishing job has not run since ");
            assertThat(Api.ops()
                            .get("/api/outbox?state=pending")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("waiting", String.class))
                    .isNotEmpty()
                    .allMatch(w -> w.startsWith("the publishing job has not run since "));
        } finally {
            quartz.resumeJob(publishing);
        }
        // Back to running: readiness up again, and the post that waited goes out.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "published".equals(stateOf(lastArticle, "telegram")));
    }

    private static Map<String, Object> readinessData() {
        List<Map<String, Object>> checks =
                given().get("/q/health/ready").then().extract().jsonPath().getList("checks");
        return checks.stream()
                .filter(c -> "background-jobs".equals(c.get("name")))
                .findFirst()
                .map(c -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) c.get("data");
                    return data;
                })
                .orElseThrow();
    }

    /** The table row with this id on a page. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("row " + id).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** The herald_* series named in the expressions of the alert rules whose name starts with prefix. */
    private static List<String> alertSeries(String prefix) throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(Path.of("deploy/monitoring/herald-alerts.yml"), StandardCharsets.UTF_8))
                .at("/groups/0/rules");
        List<String> series = new ArrayList<>();
        for (JsonNode rule : rules) {
            if (rule.path("alert").asText().startsWith(prefix)) {
                Matcher m =
                        Pattern.compile("herald_\\w+").matcher(rule.path("expr").asText());
                while (m.find()) {
                    series.add(m.group());
                }
            }
        }
        assertThat(series).isNotEmpty();
        return series;
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Wire</title>"
                + "<link>https://wire.example.org/</link><description>The wire</description>" + items
                + "</channel></rss>";
    }
}
