package io.herald.social;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

import io.herald.article.Article;
import io.herald.article.ArticleMeta;
import io.herald.article.Photo;
import io.herald.social.card.CardChoices;
import io.herald.social.card.CardFormat;
import io.herald.social.card.CardRenderer;
import io.herald.support.Api;
import io.herald.support.FeedServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Image cards drawn from articles with the shipped fonts: served with an ETag, every title up to 300 characters
 * inside its box (checked against Batik's own geometry of what it drew), no missing glyph for the letters of the
 * newsroom's languages, the photo fetched under the feed rules, and the editor's choices.
 */
@QuarkusTest
class CardsTest {

    /** Every letter of the Kazakh, Russian and Turkish alphabets, both cases, and the typographic marks teasers use. */
    static final String ALPHABETS =
            "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя "
                    + "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ abcçdefgğhıijklmnoöprsştuüvyz «» „“ ” ‘’ – — … № ₸ $ € %";

    @Inject
    Cards cards;

    static BufferedImage image(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void theSeedsCardsAreServedInEverySizeWithAnEtagAndKept() throws Exception {
        long article = Api.postSeed();
        for (CardFormat format : CardFormat.values()) {
            Response png = RestAssured.get("/cards/" + article + "/" + format.id() + ".png");
            assertThat(png.statusCode()).as(format.id()).isEqualTo(200);
            assertThat(png.contentType()).isEqualTo("image/png");
            BufferedImage drawn = image(png.asByteArray());
            assertThat(drawn.getWidth()).isEqualTo(format.width());
            assertThat(drawn.getHeight()).isEqualTo(format.height());
            String etag = png.header("ETag");
            assertThat(etag).isNotBlank();
            RestAssured.given()
                    .header("If-None-Match", etag)
                    .get("/cards/" + article + "/" + format.id() + ".png")
                    .then()
                    .statusCode(304);
            Response jpg = RestAssured.get("/cards/" + article + "/" + format.id() + ".jpg");
            assertThat(jpg.contentType()).isEqualTo("image/jpeg");
            assertThat(image(jpg.asByteArray()).getWidth()).isEqualTo(format.width());
            // Kept: the second request is the same bytes under the same fingerprint.
            assertThat(RestAssured.get("/cards/" + article + "/" + format.id() + ".png")
                            .asByteArray())
                    .isEqualTo(png.asByteArray());
        }
        var json = Api.editor()
                .get("/api/articles/" + article + "/cards")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getList("cards.format")).containsExactly("portrait", "landscape", "story");
        assertThat(json.getList("cards.problems.flatten()")).isEmpty();
        assertThat(json.getString("alt")).startsWith("Kazakhstan");
        assertThat(json.getString("cards[0].jpg")).contains("/cards/" + article + "/portrait.jpg?v=");
        RestAssured.get("/cards/" + article + "/square.png").then().statusCode(404);
        RestAssured.get("/cards/" + article + "/portrait.gif").then().statusCode(404);
        RestAssured.get("/cards/999999/portrait.png").then().statusCode(404);
    }

    @Test
    void titlesUpTo300CharactersStayInsideTheirBoxesInEveryLanguage() {
        String kazakh = "Қазақстан мен Түркия үкіметтері Астанада өткен кездесуде екі ел арасындағы сауда көлемін "
                + "2030 жылға қарай он миллиард долларға жеткізу, көлік дәліздерін дамыту, энергетика және "
                + "цифрлық технологиялар саласындағы ынтымақтастықты кеңейту туралы бірлескен мәлімдемеге қол қойды";
        String russian = "Президенты Казахстана и Турции подписали в Астане совместное заявление о расширении "
                + "торговли, транспортных коридоров и сотрудничества в энергетике, образовании и цифровых "
                + "технологиях, пообещав довести товарооборот до десяти миллиардов долларов к 2030 году";
        String turkish = "Türkiye ve Kazakistan, Astana'daki görüşmede iki ülke arasındaki ticaret hacmini 2030 yılına "
                + "kadar on milyar dolara çıkarmayı, ulaştırma koridorlarını geliştirmeyi ve enerji ile dijital "
                + "teknolojilerde işbirliğini genişletmeyi öngören ortak bildiriyi imzaladı";
        String oneWord = "Ә".repeat(40) + "Supercalifragilistic".repeat(13);
        for (String title :
                List.of(upTo300(kazakh), upTo300(russian), upTo300(turkish), oneWord.substring(0, 300), "Short")) {
            assertThat(title.length()).isLessThanOrEqualTo(300);
            for (CardFormat format : CardFormat.values()) {
                CardRenderer.Rendered drawn = cards.draw(article(title, null), format, CardChoices.Choice.NONE);
                assertThat(drawn.problems())
                        .as(format.id() + ": " + title)
                        .noneMatch(p -> p.contains("leaves") || p.contains("cannot draw"));
                CardRenderer.TextBox headline = drawn.boxes().stream()
                        .filter(b -> b.name().equals("headline"))
                        .findFirst()
                        .orElseThrow();
                assertThat(headline.box().contains(headline.drawn())
                                || headline.box().createUnion(headline.drawn()).getWidth()
                                        <= headline.box().getWidth() + 4)
                        .as("headline inside its box in " + format.id())
                        .isTrue();
                String lines = String.join(" ", headline.lines());
                if (drawn.problems().stream().anyMatch(p -> p.contains("headline was cut"))) {
                    assertThat(lines).endsWith("…");
                } else {
                    assertThat(lines.replace(" ", "")).isEqualTo(title.replace(" ", ""));
                }
            }
        }
    }

    @Test
    void everyLetterOfTheNewsroomsLanguagesIsDrawnAndAMissingOneIsNamed() {
        CardRenderer.Rendered all = cards.draw(article(ALPHABETS, null), CardFormat.STORY, CardChoices.Choice.NONE);
        assertThat(all.problems()).noneMatch(p -> p.contains("cannot draw"));
        CardRenderer.Rendered han =
                cards.draw(article("Astana hosts 漢字 forum", null), CardFormat.LANDSCAPE, CardChoices.Choice.NONE);
        assertThat(han.problems())
                .anyMatch(p -> p.contains("the headline has characters the card's font cannot draw")
                        && p.contains("U+6F22 漢")
                        && p.contains("U+5B57 字"));
    }

    @Test
    void theArticlePhotoIsFetchedUnderTheFeedRulesAndAPhotoThatCannotBeHadIsLeftOut() throws Exception {
        BufferedImage red = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        ImageIO.write(red, "jpeg", jpeg);
        try (FeedServer server = new FeedServer()) {
            server.serveBytes("/photo.jpg", jpeg.toByteArray(), "image/jpeg");
            server.serve("/page.html", "<html>not an image</html>", "text/html");
            String html = "<!DOCTYPE html><html><head><title>Red Square Repainted</title>"
                    + "<meta property=\"og:image\" content=\"" + server.url("/photo.jpg") + "\"></head><body><article>"
                    + "<h1>Red Square Repainted for the Festival</h1><p>ASTANA – The square was repainted on Monday, "
                    + "the city said.</p><figure><img src=\"" + server.url("/photo.jpg") + "\" alt=\"The square\">"
                    + "<figcaption>The square. Photo credit: City Hall</figcaption></figure></article></body></html>";
            long article = Api.editor()
                    .contentType("text/html; charset=UTF-8")
                    .body(html.getBytes(StandardCharsets.UTF_8))
                    .post("/api/articles")
                    .then()
                    .statusCode(anyOf(is(201), is(200)))
                    .extract()
                    .jsonPath()
                    .getLong("id");
            BufferedImage card = image(cards.card(article, CardFormat.LANDSCAPE).png());
            assertThat(redish(card.getRGB(930, 300)))
                    .as("the photo is on the card")
                    .isTrue();
            assertThat(cards.card(article, CardFormat.LANDSCAPE).problems()).isEmpty();

            // An address the feed rules refuse (private network): refused when chosen, with the field and reason.
            Api.editor()
                    .contentType("application/json")
                    .body("{\"photoUrl\":\"http://10.1.2.3/photo.jpg\"}")
                    .put("/api/articles/" + article + "/cards")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", is("photoUrl"))
                    .body("errors[0].reason", containsString("private"));
            // Not an image: the card is drawn without a photo and says why.
            String before =
                    RestAssured.get("/cards/" + article + "/landscape.png").header("ETag");
            Api.editor()
                    .contentType("application/json")
                    .body("{\"photoUrl\":\"" + server.url("/page.html") + "\",\"channelsOff\":[\"x\"]}")
                    .put("/api/articles/" + article + "/cards")
                    .then()
                    .statusCode(200)
                    .body("channelsOff", org.hamcrest.Matchers.contains("x"));
            Response after = RestAssured.get("/cards/" + article + "/landscape.png");
            assertThat(after.header("ETag")).isNotEqualTo(before);
            assertThat(redish(image(after.asByteArray()).getRGB(930, 300))).isFalse();
            assertThat(cards.card(article, CardFormat.LANDSCAPE).problems())
                    .anyMatch(p -> p.contains("without the photo") && p.contains("text/html"));
            Api.editor()
                    .contentType("application/json")
                    .body("{\"channelsOff\":[\"myspace\"]}")
                    .put("/api/articles/" + article + "/cards")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", is("channelsOff"));
        }
    }

    @Test
    void aHeadlineWithMarkupCharactersIsDrawnAsText() {
        CardRenderer.Rendered drawn = cards.draw(
                article("Almaty & Bishkek <Route> \"Plan\" agreed", null),
                CardFormat.PORTRAIT,
                CardChoices.Choice.NONE);
        assertThat(String.join(" ", drawn.boxes().get(0).lines()))
                .isEqualTo("Almaty & Bishkek <Route> \"Plan\" agreed");
    }

    private static String upTo300(String text) {
        return (text + " " + text).substring(0, 300);
    }

    private static boolean redish(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 200 && g < 60 && b < 60;
    }

    static Article article(String title, Photo photo) {
        return new Article(
                1L,
                title,
                "ASTANA",
                List.of("ASTANA – The governments agreed on Monday to expand trade to $10 billion by 2030."),
                photo == null ? List.of() : List.of(photo),
                null,
                "https://news.example/a",
                "hash",
                Instant.now(),
                ArticleMeta.NONE);
    }
}
