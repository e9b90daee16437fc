package io.herald.insight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.signup.SignedTokens;
import io.herald.subscriber.SubscriberStore;
import io.herald.support.Api;
import io.herald.support.Forms;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy rules of click counting: plain links where a list counts nothing; no reader anywhere under
 * aggregate; under individual, links of their own only for readers who consented (on the signup form or the
 * preferences page), withdrawal that stops and deletes, an access request that shows the clicks and an erasure that
 * removes them.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class ClickPrivacyTest {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 ";

    @InjectGreenMail
    GreenMail mail;

    @Inject
    SubscriberStore subscribers;

    @Inject
    SignedTokens tokens;

    @Inject
    ClickCounts counts;

    @Inject
    DataSource dataSource;

    @Test
    void aListThatCountsNothingSendsThePlainLinks() throws Exception {
        String title = "Untracked Story About Spring Floods in Kostanay";
        long article = Api.postArticle(title, "KOSTANAY – Rivers rose after a warm week, officials said.");
        Api.awaitFinished(Api.startSend("{\"article\":" + article + ",\"list\":\"insight-off\"}"));
        String html = EditionInsightTest.html(
                Mailboxes.await(mail, "plain1@insight.example", title, 1).get(0));
        assertThat(html).doesNotContain("/r/").doesNotContain("/o/");
        assertThat(EditionInsightTest.anchors(html).get(title))
                .contains("/articles/" + article + "?utm_source=herald&utm_medium=email&utm_campaign=edition-");
    }

    @Test
    void theAggregateCountsHaveNoPlaceForAReader() throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getColumns(null, null, "LINK_CLICK", null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(columns)
                .containsExactlyInAnyOrder(
                        "edition_id",
                        "n",
                        "hour_start",
                        "human_total",
                        "human_unique",
                        "machine_total",
                        "machine_unique",
                        // A subject test's subject (1 to 4): shared by every reader it went to, none named.
                        "variant");
    }

    @Test
    void individualClicksOnlyWithConsentShownOnRequestAndErased() throws Exception {
        long consenting = subscribers
                .findByEmail("consenting@insight.example")
                .orElseThrow()
                .id();
        long quiet =
                subscribers.findByEmail("quiet@insight.example").orElseThrow().id();
        String prefs =
                tokens.issue("prefs", String.valueOf(consenting), Instant.now().plusSeconds(3600));
        String prefsPage = "/preferences?t=" + prefs;
        assertThat(given().get(prefsPage).asString())
                .contains("id=\"clicks-insight-ind\"")
                .doesNotContain("name=\"track-clicks\" value=\"insight-ind\" checked");
        var saved =
                submit(prefsPage, "t", prefs, "list", "insight-ind", "track-clicks", "insight-ind", "action", "save");
        assertThat(saved.asString()).contains("Your choice about clicks is saved");
        assertThat(subscribers.clickConsent("insight-ind", consenting)).isTrue();
        assertThat(subscribers.clickConsent("insight-ind", quiet)).isFalse();
        assertThat(given().get(prefsPage).asString()).contains("name=\"track-clicks\" value=\"insight-ind\" checked");

        String title = "Individually Counted Story About the Ice Rink at Medeu";
        long article = Api.postArticle(title, "ALMATY – The rink opens in December, its managers said.");
        Api.awaitFinished(Api.startSend("{\"article\":" + article + ",\"list\":\"insight-ind\"}"));
        String mine = EditionInsightTest.path(EditionInsightTest.anchors(
                        EditionInsightTest.html(Mailboxes.await(mail, "consenting@insight.example", title, 1)
                                .get(0)))
                .get(title));
        String theirs = EditionInsightTest.path(EditionInsightTest.anchors(EditionInsightTest.html(
                        Mailboxes.await(mail, "quiet@insight.example", title, 1).get(0)))
                .get(title));
        assertThat(mine).matches("/r/\\d+/\\d+/[A-Za-z0-9_-]{11}/" + consenting + "-[A-Za-z0-9_-]{11}");
        assertThat(theirs).as("no consent: the aggregate link").matches("/r/\\d+/\\d+/[A-Za-z0-9_-]{11}");
        assertThat(mine).startsWith(theirs + "/");

        // Another reader's number under the consenting reader's signature is refused.
        EditionInsightTest.click(mine, BROWSER + "consenting");
        EditionInsightTest.click(theirs, BROWSER + "quiet");
        given().redirects()
                .follow(false)
                .get(mine.replace("/" + consenting + "-", "/" + quiet + "-"))
                .then()
                .statusCode(404);
        counts.flush();
        assertThat(readerClicks(consenting)).isEqualTo(1);
        assertThat(readerClicks(quiet)).isZero();

        var export = Api.ops()
                .get("/api/subscribers/consenting@insight.example")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(export.getList("clicks.url", String.class))
                .singleElement()
                .asString()
                .contains("/articles/" + article);
        assertThat(export.getBoolean("memberships.find { it.list == 'insight-ind' }.clicksTracked"))
                .isTrue();
        assertThat(export.getList("consentHistory.event", String.class)).contains("clicks-tracked");

        // Withdrawn on the preferences page: the record goes, and later clicks are counted without the name.
        var withdrawn = submit(prefsPage, "t", prefs, "list", "insight-ind", "action", "save");
        assertThat(withdrawn.asString()).contains("Your choice about clicks is saved");
        assertThat(readerClicks(consenting)).isZero();
        EditionInsightTest.click(mine, BROWSER + "consenting");
        counts.flush();
        assertThat(readerClicks(consenting)).isZero();

        // Given again, clicked again, then erased: nothing is left.
        submit(prefsPage, "t", prefs, "list", "insight-ind", "track-clicks", "insight-ind", "action", "save");
        EditionInsightTest.click(mine, BROWSER + "consenting");
        counts.flush();
        assertThat(readerClicks(consenting)).isEqualTo(1);
        Api.ops().delete("/api/subscribers/consenting@insight.example").then().statusCode(200);
        assertThat(readerClicks(consenting)).isZero();
    }

    @Test
    void signupAsksAndRecordsTheAnswer() throws Exception {
        assertThat(given().get("/subscribe").asString()).contains("id=\"track-clicks\"");
        for (String[] who :
                new String[][] {{"yes.reader@insight.example", "true"}, {"no.reader@insight.example", "false"}}) {
            given().contentType("application/json")
                    .body("{\"email\":\"" + who[0] + "\",\"lists\":[\"insight-ind\"],\"trackClicks\":" + who[1] + "}")
                    .post("/subscribe")
                    .then()
                    .statusCode(202);
            String text = Mailboxes.part(
                    Mailboxes.await(mail, who[0], "Please confirm your subscription to The Astana Times", 1)
                            .get(0),
                    "text/plain");
            Matcher link = Pattern.compile("https://news\\.example\\.org(/subscribe/confirm\\?t=\\S+)")
                    .matcher(text);
            assertThat(link.find()).isTrue();
            String token = java.net.URLDecoder.decode(
                    link.group(1).substring(link.group(1).indexOf("t=") + 2), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Forms.submit(link.group(1), "/subscribe/confirm", "t", token)
                            .statusCode())
                    .isEqualTo(200);
            long id = subscribers.findByEmail(who[0]).orElseThrow().id();
            assertThat(subscribers.clickConsent("insight-ind", id)).isEqualTo(Boolean.parseBoolean(who[1]));
        }
        given().contentType("application/json")
                .body("{\"email\":\"x@insight.example\",\"lists\":[\"insight-ind\"],\"trackClicks\":\"yes\"}")
                .post("/subscribe")
                .then()
                .statusCode(400);
    }

    long readerClicks(long subscriber) throws Exception {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT COUNT(*) FROM reader_click WHERE subscriber_id = ?")) {
            ps.setLong(1, subscriber);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static ExtractableResponse<Response> submit(String page, Object... params) {
        return Forms.submit(page, "/preferences", params);
    }
}
