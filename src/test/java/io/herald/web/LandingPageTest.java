package io.herald.web;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer meets first: / is the publication's page (its name, its lists with a signup form, its recent
 * editions), /favicon.ico is an icon, and the signup link every email and teaser carries leads to Herald's own
 * signup page.
 */
@QuarkusTest
class LandingPageTest {

    @Test
    void theFrontDoorCarriesThePublicationItsListsAndItsEditions() {
        long article = Api.postArticle(
                "Landing Page Story About the Steppe Railway",
                "ASTANA – The steppe railway opened a new station on Monday, the operator said.");
        long send = Api.startSend("{\"article\":" + article + ",\"list\":\"frontpage\"}");
        Api.awaitFinished(send);
        long edition =
                Api.ops().get("/api/sends/" + send).then().extract().jsonPath().getLong("edition");

        String page = given().get("/")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .extract()
                .asString();
        assertThat(page)
                .contains("<h1>The Astana Times</h1>")
                .contains("class=\"brand\" href=\"/\">The Astana Times<")
                .doesNotContain(">Herald<")
                .contains("<form method=\"post\" action=\"/subscribe\"")
                .contains("name=\"email\"")
                .contains("href=\"/editions/" + edition + "\">Landing Page Story About the " + "Steppe Railway</a>");
        // Every open list can be chosen; the edition's page is public.
        String copy = given().get("/editions/" + edition)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // A shared link to the edition shows its lead article's card.
        assertThat(copy.substring(0, copy.indexOf("</head>")))
                .contains("<meta property=\"og:image\" content=\"https://news.example.org/cards/" + article
                        + "/landscape.png?v=")
                .contains("<meta property=\"og:url\" content=\"https://news.example.org/editions/" + edition + "\">")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">");
        given().get("/subscribe").then().statusCode(200);
    }

    @Test
    void theFaviconIsAnIcon() {
        byte[] icon = given().get("/favicon.ico")
                .then()
                .statusCode(200)
                .contentType("image/x-icon")
                .extract()
                .asByteArray();
        assertThat(icon).startsWith(0, 0, 1, 0, 1, 0);
        // The one image it holds is a PNG.
        assertThat(java.util.Arrays.copyOfRange(icon, 22, 26)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void readersPagesCarryThePublicationsNameNotHeralds() {
        assertThat(given().get("/subscribe").then().statusCode(200).extract().asString())
                .contains("class=\"brand\" href=\"/subscribe\">The Astana Times<");
        assertThat(given().get("/unsubscribe?t=not-a-token").then().extract().asString())
                .contains(">The Astana Times</a>")
                .doesNotContain(">Herald</a>");
    }

    /**
     * An old or cut-short link in a reader's browser: a page in the publication's name and the reader's language,
     * not problem+json. API clients (they do not ask for HTML) and staff pages keep problem+json.
     */
    @Test
    void aLinkThatLeadsNowhereGetsThePublicationsPageInTheReadersLanguage() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (String path :
                java.util.List.of("/articles/999999", "/articles/abc", "/editions/999999", "/no-such-page")) {
            String page = given().accept(browser)
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType("text/html")
                    .extract()
                    .asString();
            assertThat(page)
                    .as(path)
                    .contains("<html lang=\"en\">")
                    .contains("class=\"brand\" href=\"/\">The Astana Times<")
                    .contains("<h1>Page not found</h1>")
                    .contains("<a href=\"/\">Go to the front page</a>")
                    .doesNotContain(">Herald<");
        }
        assertThat(given().accept(browser)
                        .header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")
                        .get("/articles/999999")
                        .then()
                        .statusCode(404)
                        .extract()
                        .asString())
                .contains("<html lang=\"ru\">")
                .contains("<h1>Страница не найдена</h1>");
        assertThat(given().accept(browser)
                        .get("/editions/999999?lang=kk")
                        .then()
                        .statusCode(404)
                        .extract()
                        .asString())
                .contains("<h1>Бет табылмады</h1>");
        // A page number that is no number: the same page, as a 400.
        assertThat(given().accept(browser)
                        .get("/archive/demo?page=zero")
                        .then()
                        .statusCode(400)
                        .contentType("text/html")
                        .extract()
                        .asString())
                .contains("<h1>Page not found</h1>");
        given().get("/articles/999999")
                .then()
                .statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("errors[0].field", org.hamcrest.Matchers.is("id"));
        Api.editor()
                .accept(browser)
                .get("/api/articles/999999")
                .then()
                .statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        Api.ops()
                .accept(browser)
                .get("/ops/sends/999999")
                .then()
                .statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    }
}
