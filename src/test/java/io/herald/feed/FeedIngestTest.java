package io.herald.feed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.FeedServer;
import io.herald.support.Fixtures;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Feeds served by a real HTTP server on loopback, polled, read, deduplicated and mailed to a list. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class FeedIngestTest {

    static final String ONE = "reader.one@example.org";
    static final String TWO = "reader.two@example.org";

    static FeedServer server;

    @InjectGreenMail
    GreenMail mail;

    @Inject
    FeedPoller poller;

    @BeforeAll
    static void start() throws Exception {
        server = new FeedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String fixture(String name) {
        return new String(Fixtures.bytes("fixtures/feeds/" + name), StandardCharsets.UTF_8);
    }

    static long addFeed(String path) {
        return Api.addFeed(server.url(path), "feeds");
    }

    @Inject
    io.herald.delivery.SendHistory history;

    /**
     * No send exists that was not there before, and every send to this test's list has ended: no mail can still be
     * on its way (waiting on that state, not sleeping).
     */
    void assertNoSendStartedSince(List<Long> before) throws Exception {
        assertThat(history.recentSends(100_000)).containsExactlyElementsOf(before);
        for (long send : before) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> {
                        JsonPath report = Api.ops().get("/api/sends/" + send).jsonPath();
                        return !"feeds".equals(report.getString("list"))
                                || List.of("finished", "cancelled").contains(report.getString("status"));
                    });
        }
    }

    static JsonPath poll(long feed) {
        return Api.pollFeed(feed);
    }

    static JsonPath articleTitled(String title) {
        JsonPath all = Api.editor()
                .get("/api/articles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long id = all.getLong("find { it.title == '" + title.replace("'", "\\'") + "' }.id");
        return Api.editor()
                .get("/api/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String html(MimeMessage m) throws Exception {
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/html")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no HTML part");
    }

    static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWordPressFeedBecomesOneArticlePerItemMailedOnceAndThenNotModified() throws Exception {
        server.serve("/wp/feed/", fixture("wordpress.xml"), "application/rss+xml; charset=UTF-8");
        long feed = addFeed("/wp/feed/");
        JsonPath first = poll(feed);
        assertThat(first.getInt("result.newArticles")).isEqualTo(2); // the repeated GUID is the same item
        assertThat(first.getString("feed.lastStatus")).isEqualTo("ok");
        assertThat(first.getInt("feed.itemsSeen")).isEqualTo(2);

        String title = "Aktau Port Opens a Grain Terminal – Farmers Cheer";
        JsonPath aktau = articleTitled(title);
        assertThat(aktau.getString("dateline")).isEqualTo("AKTAU");
        assertThat(aktau.getString("url")).isEqualTo("https://ledger.example.org/2026/05/20/aktau-grain-terminal/");
        assertThat(aktau.getList("channels")).containsExactly("x", "linkedin", "threads", "whatsapp");
        assertThat(aktau.getString("author")).isEqualTo("Aigerim Sadykova");
        assertThat(aktau.getList("tags")).containsExactly("Economy", "Caspian Sea");
        assertThat(aktau.getString("publishedAt")).isEqualTo("2026-05-20T09:15+05:00");
        assertThat(aktau.getString("image.url"))
                .isEqualTo("https://ledger.example.org/wp-content/uploads/2026/05/terminal-featured.jpg");
        assertThat(aktau.getString("photos[0].url"))
                .isEqualTo("https://ledger.example.org/wp-content/uploads/2026/05/terminal.jpg");
        assertThat(aktau.getString("photos[0].alt")).isEqualTo("Cranes at the new grain berth");
        assertThat(aktau.getString("photos[0].caption")).isEqualTo("The new berth on opening day.");
        assertThat(aktau.getString("photos[0].credit")).isEqualTo("Port of Aktau");
        assertThat(aktau.getList("paragraphs", String.class))
                .hasSize(3)
                .noneMatch(p -> p.contains("appeared first on"))
                .first()
                .asString()
                .startsWith("AKTAU – A grain terminal");
        // No call-to-action in the metro story: the list's default channels
        assertThat(articleTitled("Almaty Opens Its Third Metro Line").getList("channels"))
                .containsExactly("x", "telegram");

        for (String reader : List.of(ONE, TWO)) {
            assertThat(Mailboxes.await(mail, reader, title, 1)).hasSize(1);
            assertThat(Mailboxes.await(mail, reader, "Almaty Opens Its Third Metro Line", 1))
                    .hasSize(1);
        }
        String html = html(Mailboxes.withSubject(mail, ONE, title).get(0));
        assertThat(html)
                .contains("Photo credit: Port of Aktau")
                .contains("src=\"https://ledger.example.org/wp-content/uploads/2026/05/terminal-featured.jpg\"")
                .contains("alt=\"Cranes at the Aktau grain berth\"");

        // Second poll: the server answers 304 to the ETag Herald kept; nothing new is read or sent.
        JsonPath second = poll(feed);
        assertThat(second.getString("result.status")).isEqualTo("not-modified");
        assertThat(server.seen("/wp/feed/"))
                .last()
                .satisfies(s -> assertThat(s.ifNoneMatch()).startsWith("\""));
        // The feed changes its ETag (a rebuild) but repeats the same items: still nothing new.
        server.serve(
                "/wp/feed/", fixture("wordpress.xml").replace("<language>en-US</language>", ""), "application/rss+xml");
        List<Long> sendsBefore = history.recentSends(100_000);
        JsonPath third = poll(feed);
        assertThat(third.getInt("result.newArticles")).isZero();
        assertThat(third.getInt("result.unchanged")).isEqualTo(2);
        // Nothing new means no send started, and every send there is has finished: no mail can still come.
        assertNoSendStartedSince(sendsBefore);
        assertThat(Mailboxes.withSubject(mail, ONE, title)).hasSize(1);
    }

    @Test
    void atomWithEscapedHtmlAndRelativeLinks() {
        server.serve("/atom", fixture("atom.xml"), "application/atom+xml");
        long feed = addFeed("/atom");
        assertThat(poll(feed).getInt("result.newArticles")).isEqualTo(1);
        JsonPath ferry = articleTitled("Baku & Aktau Sign a Ferry Schedule");
        assertThat(ferry.getString("url")).isEqualTo(server.url("/2026/05/ferry-schedule"));
        assertThat(ferry.getString("publishedAt")).isEqualTo("2026-05-21T07:45+03:00");
        assertThat(ferry.getString("author")).isEqualTo("Leyla Mammadova");
        assertThat(ferry.getList("channels")).containsExactly("telegram", "bluesky");
        assertThat(ferry.getBoolean("cta.websiteSignup")).isTrue();
        assertThat(ferry.getString("photos[0].url")).isEqualTo(server.url("/2026/05/images/ferry.jpg"));
        assertThat(ferry.getString("photos[0].alt")).isEqualTo("A ferry at the Baku terminal");
        assertThat(ferry.getList("paragraphs", String.class))
                .containsExactly(
                        "BAKU – Ferries between Baku and Aktau will leave twice a week from June, the port authorities of "
                                + "Azerbaijan and Kazakhstan said on Thursday.",
                        "A crossing takes about 18 hours and a cabin costs $120.");
    }

    @Test
    void aHostileItemReachesNoReaderWithAnyOfItsTricks() throws Exception {
        server.serve("/hostile", fixture("hostile.xml"), "application/rss+xml");
        long feed = addFeed("/hostile");
        assertThat(poll(feed).getInt("result.newArticles")).isEqualTo(1);
        String title = "Harmless Headline"; // the script in the title is dropped with its content
        JsonPath article = articleTitled(title);
        long id = article.getLong("id");
        MimeMessage message = Mailboxes.await(mail, ONE, title, 1).get(0);
        String email = raw(message) + html(message);
        String preview = Api.editor()
                .get("/preview/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String frame = Api.editor()
                .get("/preview/articles/" + id + "/email.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String json = article.prettify();
        for (String page : List.of(email, preview, frame, json)) {
            assertThat(page)
                    .doesNotContain("<script>alert")
                    .doesNotContain("onclick")
                    .doesNotContain("onerror")
                    .doesNotContain("javascript:")
                    .doesNotContain("<iframe src=\"https://evil")
                    .doesNotContain("evil.example.com")
                    .doesNotContain("HIDDEN CASINO")
                    .doesNotContain("FREE PILLS")
                    .doesNotContain("onmouseover")
                    .doesNotContain("ops-test-password")
                    .doesNotContain("evil.swf");
        }
        assertThat(article.getList("paragraphs", String.class))
                .contains(
                        "Details are here and there.",
                        "Visitors may enjoy the new fountains.",
                        "{#include /etc/passwd}{config:herald.ops-password}");
        // Qute syntax in the article is printed, never evaluated
        assertThat(frame).contains("{#include /etc/passwd}{config:herald.ops-password}");
    }

    @Test
    void itemsArrivingOnePerPollMakeThreeArticlesAndThreeSendsAndAnUpdateSendsNothing() throws Exception {
        String[] titles = {"Shymkent Adds Electric Buses", "Karaganda Reopens Its Library", "Oral Hosts a Book Fair"};
        String[] items = new String[3];
        for (int i = 0; i < 3; i++) {
            items[i] = item(
                    "drip-" + i,
                    titles[i],
                    "SHYMKENT – Story number " + (i + 1) + " of the drip feed, with enough words to be an article.");
        }
        long feed = -1;
        for (int poll = 1; poll <= 3; poll++) {
            StringBuilder xml = new StringBuilder();
            for (int i = poll - 1; i >= 0; i--) {
                xml.append(items[i]);
            }
            server.serve("/drip", rss(xml.toString()), "application/rss+xml");
            if (feed < 0) {
                feed = addFeed("/drip");
            }
            assertThat(poll(feed).getInt("result.newArticles"))
                    .as("poll %d", poll)
                    .isEqualTo(1);
        }
        for (String title : titles) {
            assertThat(Mailboxes.await(mail, ONE, title, 1)).hasSize(1);
        }
        // The second item is corrected after it went out: its article changes, nothing is sent again.
        server.serve(
                "/drip",
                rss(items[2]
                        + item(
                                "drip-1",
                                titles[1],
                                "SHYMKENT – Story number 2 of the drip feed, corrected: the library reopens on Monday.")
                        + items[0]),
                "application/rss+xml");
        List<Long> sendsBefore = history.recentSends(100_000);
        JsonPath fourth = poll(feed);
        assertThat(fourth.getInt("result.newArticles")).isZero();
        assertThat(fourth.getInt("result.updated")).isEqualTo(1);
        assertThat(articleTitled(titles[1]).getList("paragraphs", String.class).get(0))
                .contains("corrected");
        assertNoSendStartedSince(sendsBefore);
        for (String title : titles) {
            assertThat(Mailboxes.withSubject(mail, ONE, title)).as(title).hasSize(1);
            assertThat(Mailboxes.withSubject(mail, TWO, title)).as(title).hasSize(1);
        }
    }

    @Test
    void brokenFeedsAreRecordedWithTheirReasonAndDoNotStopTheOthers() throws Exception {
        server.status("/gone", 404)
                .status("/broken", 500)
                .stall("/slow", 5_000)
                .serve("/page", "<!DOCTYPE html><html><body><h1>Our news</h1></body></html>", "text/html")
                .serve(
                        "/bad-xml",
                        "<?xml version=\"1.0\"?><rss><channel><item><title>x</item></rss>",
                        "application/rss+xml")
                .redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
                .serve(
                        "/fine",
                        rss(item(
                                "fine-1",
                                "Turkistan Restores a Caravanserai",
                                "TURKISTAN – Restorers finished the old caravanserai near the mausoleum this week.")),
                        "application/rss+xml");
        List<String> paths = List.of("/gone", "/broken", "/slow", "/page", "/bad-xml", "/to-metadata", "/fine");
        for (String path : paths) {
            addFeed(path);
        }
        poller.pollDue();
        JsonPath feeds =
                Api.editor().get("/api/feeds").then().statusCode(200).extract().jsonPath();
        String base = server.url("");
        assertThat(error(feeds, base + "/gone")).isEqualTo("HTTP 404 (not found)");
        assertThat(error(feeds, base + "/broken")).isEqualTo("HTTP 500 (server error)");
        assertThat(error(feeds, base + "/slow")).contains("within 2 s");
        assertThat(error(feeds, base + "/page")).contains("HTML page, not a feed");
        assertThat(error(feeds, base + "/bad-xml")).startsWith("malformed XML");
        assertThat(error(feeds, base + "/to-metadata"))
                .contains("169.254.169.254")
                .contains("link-local");
        assertThat(feeds.getString("find { it.url == '" + base + "/gone' }.lastStatus"))
                .isEqualTo("failed");
        assertThat(feeds.getInt("find { it.url == '" + base + "/gone' }.consecutiveFailures"))
                .isEqualTo(1);
        assertThat(feeds.getString("find { it.url == '" + base + "/fine' }.lastStatus"))
                .isEqualTo("ok");
        assertThat(Mailboxes.await(mail, ONE, "Turkistan Restores a Caravanserai", 1))
                .hasSize(1);
        // A failed feed waits longer before its next poll
        assertThat(java.time.Instant.parse(feeds.getString("find { it.url == '" + base + "/gone' }.nextPollAt")))
                .isAfter(java.time.Instant.now().plusSeconds(300));
    }

    @Test
    void encodingsFromTheDeclarationTheBomOrTheDefault() {
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + rss(item(
                                "enc-1",
                                "Café Owners in Türkiye Meet Kazakh Buyers",
                                "ISTANBUL – Café owners from Türkiye met buyers "
                                        + "from Kazakhstan at a fair in Istanbul on Sunday."))
                        .substring(38);
        server.serveBytes("/latin1", latin.getBytes(StandardCharsets.ISO_8859_1), "application/xml");
        // No declaration, no charset in the Content-Type: XML's default, UTF-8, with a BOM in front
        String plain = rss(item(
                        "enc-2",
                        "Kurtulmuş Visits the Yasawi University",
                        "TURKISTAN – Numan Kurtulmuş " + "visited the Khoja Ahmed Yasawi university on Tuesday."))
                .substring(38);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = plain.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        server.serveBytes("/bom", withBom, "application/xml");
        assertThat(poll(addFeed("/latin1")).getInt("result.newArticles")).isEqualTo(1);
        assertThat(poll(addFeed("/bom")).getInt("result.newArticles")).isEqualTo(1);
        assertThat(articleTitled("Café Owners in Türkiye Meet Kazakh Buyers").getList("paragraphs", String.class))
                .first()
                .asString()
                .contains("from Türkiye");
        assertThat(articleTitled("Kurtulmuş Visits the Yasawi University").getString("dateline"))
                .isEqualTo("TURKISTAN");
    }

    @Test
    void feedUrlsThatPointInsideAreRefused() {
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/feed",
                "http://192.168.0.10/rss",
                "http://[::1]:8080/feed",
                "file:///etc/passwd",
                "ftp://example.org/f",
                "gopher://127.0.0.1:25/")) {
            Api.ops()
                    .contentType("application/json")
                    .body("{\"url\":\"" + url + "\",\"lists\":[\"feeds\"]}")
                    .post("/api/feeds")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is("url"));
        }
        Api.ops()
                .contentType("application/json")
                .body("{\"url\":\"" + server.url("/x") + "\",\"lists\":[\"nope\"]}")
                .post("/api/feeds")
                .then()
                .statusCode(422)
                .body("errors[0].field", is("lists"))
                .body("errors[0].reason", containsString("no list nope"));
        Api.editor()
                .contentType("application/json")
                .body("{\"url\":\"" + server.url("/x") + "\",\"lists\":[\"feeds\"]}")
                .post("/api/feeds")
                .then()
                .statusCode(403);
    }

    private static String error(JsonPath feeds, String url) {
        return feeds.getString("find { it.url == '" + url + "' }.lastError");
    }

    static String item(String guid, String title, String text) {
        return "<item><title>" + title + "</title><link>https://ledger.example.org/" + guid + "</link><guid>" + guid
                + "</guid><content:encoded><![CDATA[<p>" + text + "</p>]]></content:encoded></item>";
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Drip</title>"
                + "<link>https://ledger.example.org/</link><description>d</description>" + items + "</channel></rss>";
    }
}
