package io.herald.web;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The public archive after real sends: the list's page names its editions newest first with paging, links each
 * edition's web copy and announces its feeds; the RSS, Atom and JSON feeds are read back by ROME and Jackson and hold
 * the same editions; a dry run is not an edition; nothing in any of them is a reader's own (no unsubscribe link, no
 * greeting, no address); a list with archive: false has none.
 */
@QuarkusTest
class ArchiveTest {

    static final String LIST = "archive-demo";
    static final String READER = "keeper@archive.example";

    @Test
    void theArchiveAndItsFeedsAfterRealSends() throws Exception {
        long first = Api.postArticle(
                "Archive Story One About the Steppe Railway",
                "ASTANA – The new railway opened on Monday, the ministry said. Trains run daily.");
        Api.sendAndWait(first, LIST);
        long second = Api.postArticle(
                "Archive Story Two About the Caspian Ferry",
                "AKTAU – The ferry sails twice a week from now on. It carries trucks and cars.");
        long third = Api.postArticle(
                "Archive Story Three About the Grain Terminal",
                "AKTAU – The grain terminal doubled its capacity. Exports are expected to grow.");
        Api.awaitFinished(Api.startSend("{\"articles\":[" + second + "," + third + "],\"list\":\"" + LIST + "\"}"));
        // A rehearsal is not an edition readers had: it stays out.
        long rehearsed = Api.postArticle(
                "Archive Story Never Sent for Real", "ASTANA – Only a dry run went out. Nobody received it.");
        Api.startSend("{\"article\":" + rehearsed + ",\"list\":\"" + LIST + "\",\"dryRun\":true}");

        Document page = Jsoup.parse(
                given().get("/archive/" + LIST).then().statusCode(200).extract().asString());
        List<Element> rows = page.select("#editions li");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).startsWith("Archive Story Two About the Caspian Ferry and 1 more story");
        assertThat(rows.get(1).text()).startsWith("Archive Story One About the Steppe Railway");
        assertThat(page.text()).doesNotContain("Never Sent for Real");
        assertThat(page.select("link[rel=alternate]"))
                .extracting(l -> l.attr("type") + " " + l.attr("href"))
                .containsExactly(
                        "application/rss+xml /archive/" + LIST + "/rss.xml",
                        "application/atom+xml /archive/" + LIST + "/atom.xml",
                        "application/feed+json /archive/" + LIST + "/feed.json");
        assertThat(page.selectFirst("meta[property=og:title]").attr("content"))
                .isEqualTo("The Archive Weekly: past editions");
        assertThat(page.selectFirst("meta[property=og:url]").attr("content"))
                .isEqualTo("https://news.example.org/archive/" + LIST);
        List<String> editions = new ArrayList<>();
        for (Element row : rows) {
            String href = row.selectFirst("a").attr("href");
            assertThat(href).matches("/editions/\\d+");
            editions.add(href);
            String copy = given().get(href).then().statusCode(200).extract().asString();
            assertPublic(copy);
        }
        assertPublic(page.outerHtml());

        // The index and the front page lead here; a list without an archive is not named.
        Document index = Jsoup.parse(
                given().get("/archive").then().statusCode(200).extract().asString());
        assertThat(index.select("#archives a"))
                .extracting(a -> a.attr("href"))
                .contains("/archive/" + LIST)
                .doesNotContain("/archive/archive-off");
        assertThat(Jsoup.parse(given().get("/").then().statusCode(200).extract().asString())
                        .selectFirst("#archive"))
                .isNotNull();

        for (String format : List.of("rss.xml", "atom.xml")) {
            var response = given().get("/archive/" + LIST + "/" + format)
                    .then()
                    .statusCode(200)
                    .extract();
            assertThat(response.contentType())
                    .startsWith(format.startsWith("rss") ? "application/rss+xml" : "application/atom+xml");
            assertPublic(response.asString());
            SyndFeed feed = new SyndFeedInput().build(new StringReader(response.asString()));
            assertThat(feed.getFeedType()).isEqualTo(format.startsWith("rss") ? "rss_2.0" : "atom_1.0");
            assertThat(feed.getTitle()).isEqualTo("The Archive Weekly");
            assertThat(feed.getLanguage() == null ? "en" : feed.getLanguage()).isEqualTo("en");
            List<SyndEntry> entries = feed.getEntries();
            assertThat(entries)
                    .extracting(SyndEntry::getLink)
                    .containsExactly(
                            "https://news.example.org" + editions.get(0), "https://news.example.org" + editions.get(1));
            assertThat(entries.get(0).getTitle())
                    .isEqualTo("Archive Story Two About the Caspian Ferry and 1 more story");
            assertThat(
                            format.startsWith("rss")
                                    ? entries.get(0).getPublishedDate()
                                    : entries.get(0).getUpdatedDate())
                    .isNotNull();
            String content = entries.get(0).getDescription() != null
                    ? entries.get(0).getDescription().getValue()
                    : entries.get(0).getContents().get(0).getValue();
            assertThat(content)
                    .contains(
                            "Archive Story Two About the Caspian Ferry", "Archive Story Three About the Grain Terminal")
                    .contains("https://news.example.org/articles/" + second);
            if (format.startsWith("atom")) {
                // What RFC 4287 requires of a feed and each entry: id, title, updated, an author.
                assertThat(response.asString())
                        .contains("<id>https://news.example.org/archive/" + LIST + "</id>")
                        .contains("<updated>")
                        .contains("<name>The Astana Times</name>");
                assertThat(feed.getPublishedDate()).isEqualTo(entries.get(0).getUpdatedDate());
                assertThat(feed.getLinks())
                        .anySatisfy(l -> assertThat(l.getRel() + " " + l.getHref())
                                .isEqualTo("self https://news.example.org/archive/" + LIST + "/atom.xml"));
                assertThat(entries).allSatisfy(e -> assertThat(e.getUri()).isEqualTo(e.getLink()));
            }
        }

        var jsonResponse = given().get("/archive/" + LIST + "/feed.json")
                .then()
                .statusCode(200)
                .extract();
        assertThat(jsonResponse.contentType()).startsWith("application/feed+json");
        assertPublic(jsonResponse.asString());
        JsonNode json = new ObjectMapper().readTree(jsonResponse.asString());
        assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.get("title").asText()).isEqualTo("The Archive Weekly");
        assertThat(json.get("home_page_url").asText()).isEqualTo("https://news.example.org/archive/" + LIST);
        assertThat(json.get("feed_url").asText()).isEqualTo("https://news.example.org/archive/" + LIST + "/feed.json");
        assertThat(json.get("items")).hasSize(2);
        for (JsonNode item : json.get("items")) {
            // JSON Feed 1.1: every item has a unique id and content; dates are RFC 3339.
            assertThat(item.get("id").asText()).startsWith("https://news.example.org/editions/");
            assertThat(item.get("content_html").asText()).isNotBlank();
            assertThat(Instant.parse(item.get("date_published").asText())).isBeforeOrEqualTo(Instant.now());
        }
        assertThat(json.get("items").get(0).get("url").asText())
                .isEqualTo("https://news.example.org" + editions.get(0));

        // Paging: three editions to a page in the tests (herald.archive.page-size), newest first.
        for (int i = 0; i < 2; i++) {
            Api.sendAndWait(
                    Api.postArticle(
                            "Archive Paging Story " + i, "ASTANA – Story " + i + " of the paging run. More later."),
                    LIST);
        }
        Document one = Jsoup.parse(
                given().get("/archive/" + LIST).then().statusCode(200).extract().asString());
        assertThat(one.select("#editions li"))
                .extracting(li -> li.selectFirst("a").text())
                .containsExactly(
                        "Archive Paging Story 1",
                        "Archive Paging Story 0",
                        "Archive Story Two About the Caspian Ferry");
        assertThat(one.selectFirst("#older").attr("href")).isEqualTo("/archive/" + LIST + "?page=2");
        assertThat(one.selectFirst("#newer")).isNull();
        Document two = Jsoup.parse(given().get("/archive/" + LIST + "?page=2")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(two.select("#editions li")).hasSize(1);
        assertThat(two.selectFirst("#editions li").text()).startsWith("Archive Story One About the Steppe Railway");
        assertThat(two.selectFirst("#newer").attr("href")).isEqualTo("/archive/" + LIST);
        assertThat(two.selectFirst("#older")).isNull();
        given().get("/archive/" + LIST + "?page=3").then().statusCode(404).body("errors[0].field", is("page"));
        given().get("/archive/" + LIST + "?page=zero")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", is("page"));
        assertThat(new SyndFeedInput()
                        .build(new StringReader(
                                given().get("/archive/" + LIST + "/rss.xml").asString()))
                        .getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly(
                        "Archive Paging Story 1",
                        "Archive Paging Story 0",
                        "Archive Story Two About the Caspian Ferry and 1 more story");
    }

    @Test
    void aListWithoutAnArchiveHasNone() {
        for (String path : List.of("", "/rss.xml", "/atom.xml", "/feed.json")) {
            given().get("/archive/archive-off" + path).then().statusCode(404).body("errors[0].field", is("list"));
            given().get("/archive/no-such-list" + path).then().statusCode(404);
        }
    }

    /**
     * What every reader of the list had, nothing of one reader's: no unsubscribe link, greeting, address or counted
     * link (the edition's campaign tags on article links name no one and stay).
     */
    private static void assertPublic(String text) {
        assertThat(text)
                .doesNotContain("/unsubscribe?t=")
                .doesNotContain("Dear ")
                .doesNotContain("Hello,")
                .doesNotContain(READER)
                .doesNotContain("/r/");
    }
}
