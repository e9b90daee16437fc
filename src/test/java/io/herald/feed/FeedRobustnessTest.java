package io.herald.feed;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.herald.support.Api;
import io.herald.support.FeedServer;
import io.herald.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds their authors never meant Herald to read: structurally broken documents, legacy encodings declared nowhere,
 * Atom content of every type and mode, two feeds sharing a link, a headline past 300 characters, items without a
 * title. No poll answers 5xx or stores Java's words; no article holds U+FFFD; one feed never rewrites another's
 * article. The fixtures are the test's own (fixtures/feeds/broken, and texts encoded here).
 */
@QuarkusTest
class FeedRobustnessTest {

    static FeedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new FeedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long addFeed(String path) {
        return Api.addFeed(server.url(path), "wire");
    }

    static JsonPath poll(long feed) {
        return Api.pollFeed(feed);
    }

    static String fixture(String name) {
        return new String(Fixtures.bytes("fixtures/feeds/broken/" + name), StandardCharsets.UTF_8);
    }

    static JsonPath article(String title) {
        List<Map<String, Object>> all = Api.editor()
                .get("/api/articles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Object id = all.stream()
                .filter(a -> title.equals(a.get("title")))
                .findFirst()
                .map(a -> a.get("id"))
                .orElseThrow(() -> new AssertionError("no article titled " + title));
        return Api.editor()
                .get("/api/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A failure a person reads: no exception class, no "null", no stack. */
    static void inWords(String reason) {
        assertThat(reason)
                .isNotBlank()
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("java.")
                .doesNotContain("internal error")
                .doesNotContain(": null");
    }

    @Test
    void structurallyBrokenFeedsAreRecordedFailuresInWords() {
        Map<String, String> expected = Map.of(
                "rss-without-channel.xml", "an RSS document without a <channel> element",
                "rss-channel-other-namespace.xml", "an RSS document without a <channel> element",
                "not-a-feed.xml", "not an RSS or Atom feed: the document's root element is <catalogue>");
        for (Map.Entry<String, String> broken : expected.entrySet()) {
            String path = "/broken/" + broken.getKey();
            server.serve(path, fixture(broken.getKey()), "application/rss+xml; charset=UTF-8");
            long feed = addFeed(path);
            JsonPath polled = poll(feed);
            assertThat(polled.getString("result.status")).as(path).isEqualTo("failed");
            String reason = polled.getString("result.skipped[0]");
            assertThat(reason).as(path).startsWith(broken.getValue());
            inWords(reason);
            JsonPath stored = Api.editor()
                    .get("/api/feeds/" + feed)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(stored.getString("lastError")).isEqualTo(reason);
            assertThat(stored.getInt("consecutiveFailures")).isEqualTo(1);
            // Backoff as for any failure: the next poll waits.
            assertThat(stored.getString("nextPollAt")).isGreaterThan(stored.getString("lastPollAt"));
        }
    }

    @Test
    void atomContentIsReadByItsTypeAndMode() {
        server.serve("/atom03", fixture("atom03-modes.xml"), "application/atom+xml");
        JsonPath polled = poll(addFeed("/atom03"));
        assertThat(polled.getString("result.status")).isEqualTo("ok");
        assertThat(polled.getList("result.skipped")).isEmpty();
        // Base64 broken over CRLF lines (ROME's decoder fails on them) reads as the HTML it encodes.
        assertThat(article("Caspian Ferry Sails Twice a Week").getList("paragraphs", String.class))
                .containsExactly(
                        "The Caspian ferry now sails twice a week from Kuryk to Baku, the port said on Monday.",
                        "Tickets cost 25,000 tenge.");
        // Escaped and inline markup are markup: no "<b>" or "<p>" as text.
        assertThat(article("Escaped Markup Reads as Markup").getList("paragraphs", String.class))
                .containsExactly("The council approved the new tram line on Tuesday.");
        assertThat(article("Inline Markup Reads as Markup").getList("paragraphs", String.class))
                .containsExactly("The library opens a reading room for children.");

        // Atom 1.0 content of a binary media type is a file, not the story: the summary is.
        server.serve("/octet", fixture("atom10-octet-stream.xml"), "application/atom+xml");
        assertThat(poll(addFeed("/octet")).getString("result.status")).isEqualTo("ok");
        assertThat(article("Budget Tables Published as a File").getList("paragraphs", String.class))
                .containsExactly("The finance ministry published the budget tables for 2027 on its website.");
    }

    @Test
    void legacyEncodingsDeclaredNowhereAreRecognisedNeverMojibake() {
        Map<String, String[]> texts = Map.of(
                "EUC-JP",
                        new String[] {
                            "アスタナで新しい図書館が開館",
                            "アスタナ市は月曜日、市の中心部に新しい図書館を開館したと発表した。"
                                    + "図書館には子ども向けの読書室があり、毎日午前九時から午後八時まで開いている。市長は、市民が本を読む場所を増やしたいと述べた。"
                        },
                "Shift_JIS",
                        new String[] {
                            "カスピ海のフェリーが週二便に",
                            "クリク港とバクーを結ぶフェリーは今週から週に二便運航する。" + "港湾当局によると、乗客と貨物の需要が増えているため、冬の間も運航を続ける予定だという。切符は港の窓口で買える。"
                        },
                "EUC-KR",
                        new String[] {
                            "알마티에 새 지하철역 개통",
                            "알마티 시는 월요일 도심에 새 지하철역을 개통했다고 밝혔다. "
                                    + "새 역은 대학가와 시장을 연결하며 하루 약 이만 명의 승객이 이용할 것으로 예상된다. 시장은 노선을 더 늘리겠다고 말했다."
                        },
                "KOI8-R",
                        new String[] {
                            "В Астане открылась новая библиотека",
                            "Власти Астаны в понедельник открыли новую "
                                    + "библиотеку в центре города. В библиотеке есть читальный зал для детей, она работает каждый день "
                                    + "с девяти утра до восьми вечера. Аким сказал, что горожанам нужно больше мест для чтения."
                        });
        for (Map.Entry<String, String[]> e : texts.entrySet()) {
            String title = e.getValue()[0];
            String body = e.getValue()[1];
            String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + e.getKey() + "</title>"
                    + "<link>https://wire.example.org/</link><description>" + body + "</description><item><title>"
                    + title + "</title><link>https://wire.example.org/" + e.getKey() + "</link><guid>" + e.getKey()
                    + "-1</guid><description>" + body + " " + body + "</description></item></channel></rss>";
            String path = "/legacy/" + e.getKey();
            server.serveBytes(path, rss.getBytes(Charset.forName(e.getKey())), "application/rss+xml");
            JsonPath polled = poll(addFeed(path));
            assertThat(polled.getString("result.status")).as(e.getKey()).isEqualTo("ok");
            JsonPath stored = article(title);
            assertThat(stored.getString("title")).doesNotContain("\uFFFD");
            assertThat(String.join(" ", stored.getList("paragraphs", String.class)))
                    .as(e.getKey())
                    .startsWith(body)
                    .doesNotContain("\uFFFD");
        }
        // Bytes no detector can name with confidence, declared nowhere: refused, not guessed.
        byte[] noise = new byte[600];
        new java.util.Random(7).nextBytes(noise);
        byte[] head =
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "</title></channel></rss>".getBytes(StandardCharsets.US_ASCII);
        byte[] doc = new byte[head.length + noise.length + tail.length];
        System.arraycopy(head, 0, doc, 0, head.length);
        for (int i = 0; i < noise.length; i++) {
            doc[head.length + i] = (byte) (0x80 | noise[i]); // never '<' or '&'
        }
        System.arraycopy(tail, 0, doc, head.length + noise.length, tail.length);
        server.serveBytes("/legacy/noise", doc, "application/rss+xml");
        JsonPath refused = poll(addFeed("/legacy/noise"));
        assertThat(refused.getString("result.status")).isEqualTo("failed");
        assertThat(refused.getString("result.skipped[0]")).startsWith("the feed is not UTF-8 and declares no encoding");
        assertThat(Api.editor().get("/api/articles").then().extract().asString())
                .doesNotContain("\uFFFD");
    }

    @Test
    void anItemOfAnotherFeedWithTheSameLinkNeverRewritesThisFeedsArticle() {
        String item = "<item><title>%s</title><link>http://example.com/</link><description>%s</description></item>";
        server.serve(
                "/home-a",
                rss(item.formatted(
                        "Airport Tram Line Approved",
                        "ALMATY – The council approved the airport tram line on Tuesday.")),
                "application/rss+xml");
        server.serve(
                "/home-b",
                rss(item.formatted(
                        "Grain Harvest Reaches a Record",
                        "KOSTANAY – Farmers brought in a record wheat harvest, the ministry said.")),
                "application/rss+xml");
        assertThat(poll(addFeed("/home-a")).getInt("result.newArticles")).isEqualTo(1);
        JsonPath b = poll(addFeed("/home-b"));
        assertThat(b.getInt("result.newArticles")).isEqualTo(1);
        assertThat(b.getInt("result.updated")).isZero();
        assertThat(article("Airport Tram Line Approved").getList("paragraphs", String.class))
                .containsExactly("ALMATY – The council approved the airport tram line on Tuesday.");
        assertThat(article("Grain Harvest Reaches a Record").getList("paragraphs", String.class))
                .containsExactly("KOSTANAY – Farmers brought in a record wheat harvest, the ministry said.");
    }

    @Test
    void aLongHeadlineIsKeptAndItemsWithoutATitleAreSkippedWithTheFeedsReason() throws Exception {
        String headline =
                ("Kazakhstan and Kyrgyzstan Agree to Open a Rail Corridor Between Almaty and Bishkek by 2028, "
                                + "Cutting Freight Times by Half, Lowering Costs for Farmers in the South and Opening a New Route for "
                                + "Chinese Goods Bound for the Caspian Ports of Aktau and Kuryk and, Beyond Them, Baku, Tbilisi and the "
                                + "Black Sea Harbours of Georgia 🚆")
                        .strip();
        assertThat(headline.length()).isGreaterThan(300);
        server.serve(
                "/long",
                rss("<item><title>" + headline + "</title><guid>long-1</guid><description>ALMATY – The "
                        + "ministers signed the agreement on Monday.</description></item>"
                        + "<item><guid>untitled-1</guid><description>An item with text but no title.</description></item>"
                        + "<item><title>   </title><link>https://wire.example.org/blank-title</link>"
                        + "<description>Another.</description></item>"),
                "application/rss+xml");
        long feed = addFeed("/long");
        JsonPath polled = poll(feed);
        assertThat(polled.getInt("result.newArticles")).isEqualTo(1);
        assertThat(polled.getList("result.skipped", String.class))
                .containsExactlyInAnyOrder(
                        "item has no title (untitled-1)", "item has no title (https://wire.example.org/blank-title)");
        JsonPath stored = article(headline);
        assertThat(stored.getString("title")).isEqualTo(headline);
        // The places with a limit shorten it at a word: the subject line and every teaser.
        byte[] email = Api.editor()
                .get("/api/articles/" + stored.getLong("id") + "/email?list=wire")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String subject = new jakarta.mail.internet.MimeMessage(
                        (jakarta.mail.Session) null, new java.io.ByteArrayInputStream(email))
                .getSubject();
        assertThat(subject.codePointCount(0, subject.length())).isLessThanOrEqualTo(78);
        assertThat(subject).startsWith("Kazakhstan and Kyrgyzstan Agree").endsWith("…");
        assertThat(Api.editor()
                        .get("/api/articles/" + stored.getLong("id") + "/teasers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("valid", Boolean.class))
                .isNotEmpty()
                .containsOnly(true);
        JsonPath feedState = Api.editor()
                .get("/api/feeds/" + feed)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(feedState.getInt("itemsSkipped")).isEqualTo(2);
        assertThat(feedState.getString("lastError")).startsWith("2 item(s) skipped: item has no title");
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Wire</title>"
                + "<link>https://wire.example.org/</link><description>The wire</description>" + items
                + "</channel></rss>";
    }
}
