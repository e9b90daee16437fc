package io.herald.article;

import java.nio.charset.StandardCharsets;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** POST /api/articles with Markdown (front matter) and HTML, the way static sites and CMSs push them. */
@QuarkusTest
class ArticleFormatsTest {

    @Test
    void markdownWithFrontMatter() {
        String md = """
                ---
                title: "Nur-Sultan Airport Adds a Night Route to Seoul"
                url: https://ledger.example.org/2026/05/airport-seoul/
                date: 2026-05-22T06:30:00+05:00
                author: Timur Bekov
                tags: [Aviation, South Korea]
                image: https://ledger.example.org/img/airport.jpg
                ---
                ASTANA – The airport will run a night flight to **Seoul** three times a week from July, its operator
                said on Friday.

                Tickets start at 180,000 tenge. <script>alert('md')</script>

                ![Passengers at the gate](https://ledger.example.org/img/gate.jpg)

                Get our stories by email! Sign up via the website or follow us on Telegram.
                """;
        JsonPath a = Api.editor()
                .contentType("text/markdown; charset=UTF-8")
                .body(md.getBytes(StandardCharsets.UTF_8))
                .post("/api/articles")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(a.getString("title")).isEqualTo("Nur-Sultan Airport Adds a Night Route to Seoul");
        assertThat(a.getString("url")).isEqualTo("https://ledger.example.org/2026/05/airport-seoul/");
        assertThat(a.getString("publishedAt")).isEqualTo("2026-05-22T06:30+05:00");
        assertThat(a.getString("author")).isEqualTo("Timur Bekov");
        assertThat(a.getList("tags")).containsExactly("Aviation", "South Korea");
        assertThat(a.getString("image.url")).isEqualTo("https://ledger.example.org/img/airport.jpg");
        assertThat(a.getString("dateline")).isEqualTo("ASTANA");
        assertThat(a.getList("paragraphs", String.class))
                .containsExactly(
                        "ASTANA – The airport will run a night flight to Seoul three times a week from July, its operator "
                                + "said on Friday.",
                        "Tickets start at 180,000 tenge.");
        assertThat(a.getString("photos[0].alt")).isEqualTo("Passengers at the gate");
        assertThat(a.getList("channels")).containsExactly("telegram");
        // Tags become hashtags: #SouthKorea from the tag, before the countries the text names
        String telegram = Api.editor()
                .get("/api/articles/" + a.getLong("id") + "/teasers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.channel == 'telegram' }.text");
        assertThat(telegram).contains("#Aviation #SouthKorea");
    }

    @Test
    void markdownWithoutATitleIsRefusedWithTheField() {
        Api.editor()
                .contentType("text/markdown")
                .body("Just a paragraph, no title.")
                .post("/api/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("title"));
    }

    @Test
    void anHtmlPageFromACms() {
        String html = """
                <!DOCTYPE html><html><head><title>Site | Page</title>
                <link rel="canonical" href="https://ledger.example.org/2026/05/steppe-fire/">
                <meta name="author" content="Aliya Nurlanovna">
                <meta property="article:published_time" content="2026-05-23T14:00:00+05:00">
                <meta property="og:image" content="https://ledger.example.org/img/fire.jpg">
                </head><body><article><h1>Firefighters Contain a Steppe Fire Near Karaganda</h1>
                <p>KARAGANDA &#8211; Firefighters contained a steppe fire that burned 2,000 hectares near Karaganda on
                Thursday, the emergencies ministry said.</p>
                <p onclick="steal()">No homes were damaged. <a href="javascript:alert(1)">Details</a></p>
                <p>Follow us on X and Facebook.</p></article></body></html>
                """;
        JsonPath a = Api.editor()
                .contentType("text/html; charset=UTF-8")
                .body(html.getBytes(StandardCharsets.UTF_8))
                .post("/api/articles")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(a.getString("title")).isEqualTo("Firefighters Contain a Steppe Fire Near Karaganda");
        assertThat(a.getString("url")).isEqualTo("https://ledger.example.org/2026/05/steppe-fire/");
        assertThat(a.getString("author")).isEqualTo("Aliya Nurlanovna");
        assertThat(a.getString("publishedAt")).isEqualTo("2026-05-23T14:00+05:00");
        assertThat(a.getString("image.url")).isEqualTo("https://ledger.example.org/img/fire.jpg");
        assertThat(a.getList("paragraphs", String.class))
                .containsExactly(
                        "KARAGANDA – Firefighters contained a steppe fire that burned 2,000 hectares near Karaganda on "
                                + "Thursday, the emergencies ministry said.",
                        "No homes were damaged. Details");
        assertThat(a.getList("channels")).containsExactly("x", "facebook");
    }
}
