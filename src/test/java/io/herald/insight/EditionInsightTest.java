package io.herald.insight;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.EmailLinks;
import io.herald.support.Fixtures;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The numbers add up: an edition goes to eight readers of a list that counts clicks (aggregate) and opens; people
 * click, a link scanner checks every link at once, two readers leave through the edition's link, one address
 * bounces hard, one soft, one complains, and a teaser brings visits. Every figure is then read back from the API,
 * the page and the CSV, and checked against what the test did.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class EditionInsightTest {

    static final String TITLE = "Insight Story About the New Tram Line in Almaty";
    /** The unsubscribe link's text (templates/messages/en.properties unsubscribeInOneClick). */
    static final String UNSUBSCRIBE = "Unsubscribe in one click";

    static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]+/o/[^\"]+)\"");
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 ";

    @InjectGreenMail
    GreenMail mail;

    @Inject
    ClickCounts counts;

    @Test
    void everyFigureOfAnEditionAddsUp() throws Exception {
        long article = Api.postArticle(
                TITLE, "ALMATY – The new tram line opens on Monday, the city said. It links the station to the park.");
        long send = Api.startSend("{\"article\":" + article + ",\"list\":\"insight\"}");
        Api.awaitFinished(send);

        Map<String, String> links = null;
        String pixel = null;
        for (int i = 1; i <= 8; i++) {
            MimeMessage m = Mailboxes.await(mail, reader(i), TITLE, 1).get(0);
            String html = html(m);
            Map<String, String> mine = anchors(html);
            // Under aggregate every reader's email carries the same counted links: nobody is in them.
            int reader = i;
            assertThat(mine.entrySet())
                    .filteredOn(e -> !e.getKey().equals(UNSUBSCRIBE))
                    .allSatisfy(
                            e -> assertThat(e.getValue()).doesNotContain("@").doesNotContain("reader" + reader));
            if (links == null) {
                links = mine;
                Matcher p = PIXEL.matcher(html);
                assertThat(p.find())
                        .as("the list counts opens: the image is there")
                        .isTrue();
                pixel = path(p.group(1));
            } else {
                Map<String, String> counted = new LinkedHashMap<>(mine);
                counted.remove(UNSUBSCRIBE);
                Map<String, String> first = new LinkedHashMap<>(links);
                first.remove(UNSUBSCRIBE);
                assertThat(counted).isEqualTo(first);
            }
            assertThat(m.getHeader("List-Unsubscribe")[0])
                    .contains("/unsubscribe?t=")
                    .doesNotContain("/r/");
        }
        assertThat(links.get(UNSUBSCRIBE)).contains("/unsubscribe?t=");
        String articleLink = path(links.get(TITLE));
        String telegram = path(links.get("Telegram"));
        String signup = path(links.get("Sign up on our website"));
        String view = path(links.get("View in browser"));
        for (String l : List.of(articleLink, telegram, signup, view)) {
            assertThat(l).matches("/r/\\d+/\\d+/[A-Za-z0-9_-]{11}");
        }
        String readOn = links.containsKey("Read more") ? links.get("Read more") : links.get("Read on the website");
        assertThat(path(readOn)).isEqualTo(articleLink);

        // The redirect goes where the email linked, with the UTM tags as before.
        given().redirects()
                .follow(false)
                .header("User-Agent", BROWSER + "reader-1")
                .get(articleLink)
                .then()
                .statusCode(302)
                .header("Location", containsString("/articles/" + article))
                .header("Location", containsString("utm_campaign=edition-"))
                .header("Cache-Control", "no-store");
        click(articleLink, BROWSER + "reader-1");
        click(articleLink, BROWSER + "reader-2");
        click(telegram, BROWSER + "reader-2");
        click(articleLink, BROWSER + "reader-3");
        // A security gateway opens every link of the message within seconds: a machine, all three clicks.
        for (String l : List.of(articleLink, telegram, signup)) {
            click(l, BROWSER + "gateway");
        }
        // A scanner that says what it is, with HEAD.
        given().redirects()
                .follow(false)
                .header("User-Agent", "Barracuda Sentinel (EE)")
                .head(view)
                .then()
                .statusCode(302);

        // Nothing Herald did not sign redirects: another number, a changed signature, a made-up target.
        String[] parts = articleLink.split("/");
        given().redirects()
                .follow(false)
                .get("/r/" + parts[2] + "/999/" + parts[4])
                .then()
                .statusCode(404);
        given().redirects()
                .follow(false)
                .get(articleLink.substring(0, articleLink.length() - 2) + "AA")
                .then()
                .statusCode(404);
        given().redirects()
                .follow(false)
                .get("/r/" + parts[2] + "/1/x?url=https://evil.example")
                .then()
                .statusCode(404);

        // Opens: two readers' mail clients load the image.
        for (String ua : List.of(BROWSER + "reader-4", BROWSER + "reader-5")) {
            given().header("User-Agent", ua).get(pixel).then().statusCode(200).contentType("image/gif");
        }

        // Two readers leave through the edition's one-click link.
        for (int i : new int[] {5, 6}) {
            MimeMessage m = Mailboxes.await(mail, reader(i), TITLE, 1).get(0);
            given().contentType("application/x-www-form-urlencoded")
                    .body("List-Unsubscribe=One-Click")
                    .post(path(m.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "")))
                    .then()
                    .statusCode(200);
        }

        // Reports come back: reader 8 bounces hard, reader 4 soft, reader 7 complains.
        report("dsn-hard.eml", 8, "Hard.Bounce@example.net", "hard.bounce@example.net");
        report("dsn-soft.eml", 4, "full.mailbox@example.net");
        report("arf-complaint.eml", 7, "Complainer@example.net");
        Api.ops().post("/api/bounces/read").then().statusCode(200);

        // The teaser's link reaches the public article page twice from Telegram.
        for (int i = 0; i < 2; i++) {
            given().get("/articles/" + article + "?utm_source=telegram&utm_medium=social")
                    .then()
                    .statusCode(200);
        }
        counts.flush();

        JsonPath json = Api.ops()
                .get("/api/sends/" + send)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("sent"))
                .as("the report's own fields are still there")
                .isEqualTo(8);
        assertThat(json.getString("insight.startedBy")).isEqualTo("ops");
        assertThat(json.getLong("insight.delivered")).isEqualTo(8);
        assertThat(json.getLong("insight.deferred")).isZero();
        assertThat(json.getLong("insight.hardBounces")).isEqualTo(1);
        assertThat(json.getLong("insight.softBounces")).isEqualTo(1);
        assertThat(json.getLong("insight.complaints")).isEqualTo(1);
        assertThat(json.getLong("insight.unsubscribes")).isEqualTo(2);
        assertThat(json.getLong("insight.humanClicks")).isEqualTo(5);
        assertThat(json.getLong("insight.humanClickers")).isEqualTo(3);
        assertThat(json.getLong("insight.machineClicks")).isEqualTo(4);
        assertThat(json.getLong("insight.machineClickers")).isEqualTo(2);
        assertThat(json.getDouble("insight.clickThroughRate")).isEqualTo(0.375);
        assertThat(json.getLong("insight.opens.total")).isEqualTo(2);
        assertThat(json.getLong("insight.opens.unique")).isEqualTo(2);
        Map<String, Object> articleRow = row(json, "insight.links", links.get(TITLE), articleLink);
        assertThat(articleRow)
                .containsEntry("humanTotal", 4)
                .containsEntry("humanUnique", 3)
                .containsEntry("machineTotal", 1)
                .containsEntry("machineUnique", 1);
        assertThat(row(json, "insight.links", links.get("Telegram"), telegram))
                .containsEntry("humanTotal", 1)
                .containsEntry("machineTotal", 1);
        assertThat(row(json, "insight.links", links.get("View in browser"), view))
                .containsEntry("humanTotal", 0)
                .containsEntry("machineTotal", 1);
        assertThat(json.getList("insight.rate.delivered", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(8);
        assertThat(json.getLong("insight.articles[0].channels.find { it.channel == 'telegram' }.arrivals"))
                .isEqualTo(2);

        // The page shows the same figures.
        String page = Api.ops()
                .get("/ops/sends/" + send)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String[] figure : new String[][] {
            {"delivered", "8"},
            {"hard-bounces", "1"},
            {"soft-bounces", "1"},
            {"complaints", "1"},
            {"unsubscribes", "2"},
            {"human-clicks", "5"},
            {"human-clickers", "3"},
            {"machine-clicks", "4"},
            {"ctr", "0.375"},
            {"opens", "2"}
        }) {
            assertThat(page).contains("data-figure=\"" + figure[0] + "\">" + figure[1] + "<");
        }
        assertThat(page).contains("<svg").contains("Clicks per link").contains("Mail privacy features");

        // And the CSV.
        String csv = Api.ops()
                .get("/ops/sends/" + send + "/links.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        String n = articleLink.split("/")[3];
        assertThat(csv.lines().filter(l -> l.startsWith(n + ",")).findFirst().orElseThrow())
                .endsWith(",4,3,1,1");
        assertThat(Api.ops()
                        .get("/ops/sends/" + send + "/summary.csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("human_clicks,5\r\n")
                .contains("unsubscribes,2\r\n");

        List<String> bounces = csv(send, "bounces");
        assertThat(bounces.get(0)).isEqualTo("kind,status,count");
        assertThat(bounces.subList(1, bounces.size()))
                .extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactlyInAnyOrder("hard", "soft", "complaint");
        assertThat(csv(send, "rate").stream()
                        .skip(1)
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
                        .sum())
                .isEqualTo(8);
        assertThat(csv(send, "teasers"))
                .anySatisfy(l -> assertThat(l).contains(",telegram,").endsWith(",2"));
        assertThat(csv(send, "refusals")).containsExactly("reply,readers");

        // What the list did today: two left, one bounced hard or soft each, six still members.
        JsonPath days = Api.ops()
                .get("/ops/lists/insight/days?days=3")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(days.getList("$")).hasSize(3);
        assertThat(days.getLong("[2].unsubscribes")).isEqualTo(2);
        assertThat(days.getLong("[2].bounces")).isEqualTo(2);
        assertThat(days.getLong("[2].members"))
                .as("suppression does not end a membership")
                .isEqualTo(6);
        assertThat(Api.ops()
                        .get("/ops/lists/insight")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("<svg")
                .contains("id=\"day-table\"");
        Api.ops().get("/ops/lists/insight?days=0").then().statusCode(400);
    }

    static List<String> csv(long send, String table) {
        return Api.ops()
                .get("/ops/sends/" + send + "/" + table + ".csv")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .toList();
    }

    static String reader(int i) {
        return "reader" + i + "@insight.example";
    }

    static void click(String path, String userAgent) {
        given().redirects()
                .follow(false)
                .header("User-Agent", userAgent)
                .get(path)
                .then()
                .statusCode(302);
    }

    static String path(String url) {
        return EmailLinks.path(url);
    }

    static Map<String, String> anchors(String html) {
        return EmailLinks.anchors(html);
    }

    static String html(MimeMessage m) throws Exception {
        return Mailboxes.part(m, "text/html");
    }

    /** One row of the JSON links, found by its address. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath json, String path, String emailUrl, String linkPath) {
        String n = linkPath.split("/")[3];
        List<Map<String, Object>> rows = json.getList(path);
        return rows.stream()
                .filter(r -> String.valueOf(r.get("n")).equals(n))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + emailUrl));
    }

    /** A delivery report or complaint about reader i's message, quoting its Message-ID. */
    void report(String fixture, int i, String... addresses) throws Exception {
        MimeMessage sent = Mailboxes.await(mail, reader(i), TITLE, 1).get(0);
        String raw = new String(Fixtures.bytes("fixtures/bounces/" + fixture), StandardCharsets.UTF_8)
                .replace("{{MESSAGE_ID}}", sent.getMessageID());
        for (String a : addresses) {
            raw = raw.replace(a, reader(i));
        }
        mail.getUserManager()
                .getUser(GreenMailResource.BOUNCES)
                .deliver(new MimeMessage(
                        Session.getInstance(new java.util.Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
}
