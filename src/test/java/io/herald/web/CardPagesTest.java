package io.herald.web;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Cards where people meet them: the public article page's Open Graph and Twitter tags, the preview (every card, each
 * teaser's card, the editor's form), and the manual queue (text to copy, the card, the composer).
 */
@QuarkusTest
class CardPagesTest {

    static long article(String topic) {
        return Api.postArticle(
                "Cards Story About " + topic,
                "ASTANA – The " + topic + " harvest grew by a tenth this year, the ministry said on Monday.\n\n"
                        + "“We have never had a year like this,” said Aidos Serikov, the minister.\n\n"
                        + "Follow us on X, Telegram, Instagram and YouTube.");
    }

    @Test
    void thePublicArticlePageCarriesTheCardForSharedLinks() {
        long id = article("Oats");
        String page = RestAssured.get("/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("<meta property=\"og:image\" content=\"https://news.example.org/cards/" + id
                        + "/landscape.png?v=")
                .contains("<meta property=\"og:image:width\" content=\"1200\">")
                .contains("<meta property=\"og:image:alt\" content=\"Cards Story About Oats. “We have never had")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
                .contains("<meta property=\"og:title\" content=\"Cards Story About Oats\">");
        // The address in the tag is the card as served.
        String src = page.replaceAll("(?s).*og:image\" content=\"https://news.example.org([^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        RestAssured.get(src).then().statusCode(200).contentType("image/png");
    }

    @Test
    void thePreviewShowsEveryCardAndAnEditorTurnsOneOff() {
        long id = article("Rye");
        String page = Api.editor()
                .get("/preview/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String format : new String[] {"portrait", "landscape", "story"}) {
            assertThat(page).contains("src=\"/cards/" + id + "/" + format + ".png?v=");
        }
        assertThat(page).contains("class=\"teaser-image\"").doesNotContain("Posted without a card.");

        ConsolePagesTest.Form f = ConsolePagesTest.form(Api.editor(), "/preview/articles/" + id);
        // A photo address the fetching rules refuse is named, and nothing is saved.
        f.post(Api.editor())
                .formParam("photoUrl", "http://169.254.169.254/latest/meta-data")
                .formParam("card", "x")
                .post("/preview/articles/" + id + "/cards")
                .then()
                .statusCode(422)
                .body(containsString("The photo cannot be used"))
                .body(containsString("link-local"));
        Api.editor().get("/api/articles/" + id + "/cards").then().body("channelsOff", org.hamcrest.Matchers.empty());

        f.post(Api.editor())
                .formParam("card", "x")
                .formParam("card", "instagram")
                .post("/preview/articles/" + id + "/cards")
                .then()
                .statusCode(303);
        Api.editor()
                .get("/api/articles/" + id + "/cards")
                .then()
                .body("channelsOff", org.hamcrest.Matchers.contains("telegram", "youtube"));
        String after =
                Api.editor().get("/preview/articles/" + id).then().extract().asString();
        assertThat(after.split("Posted without a card.", -1)).hasSize(3);
    }

    @Test
    void theManualQueueOffersTheTextTheCardAndTheComposer() {
        long id = article("Millet");
        Api.ops().post("/api/articles/" + id + "/teasers/publish").then().statusCode(200);
        long youtube = Api.editor()
                .get("/api/outbox?state=manual")
                .jsonPath()
                .getLong("find { it.articleId == " + id + " && it.channel == 'youtube' }.id");
        String text = Api.editor()
                .get("/api/articles/" + id + "/teasers")
                .jsonPath()
                .getString("find { it.channel == 'youtube' }.text");
        String ops = Api.ops().get("/ops").then().statusCode(200).extract().asString();
        String row = ops.substring(ops.indexOf("id=\"post-" + youtube + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains("data-copy=\"manual-text-" + youtube + "\"")
                .contains("href=\"/cards/" + id + "/landscape.jpg\" download")
                .contains("href=\"https://www.youtube.com/@astanatimes/posts\"");
        assertThat(row.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""))
                .contains(text.substring(0, 40));
    }
}
