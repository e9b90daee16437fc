package io.herald.language;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.digest.RenderedEmail;
import io.herald.social.Teaser;
import io.herald.social.TeaserComposer;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore;
import io.herald.support.Api;
import io.herald.support.ExpectedFiles;
import io.herald.support.Forms;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.herald.support.TeaserFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editions, teasers, the confirmation email and the reader pages in Kazakh, Russian and Turkish: the Russian sample's
 * digest and teasers compared as whole text with fixtures/expected (rewrite after an intended change with
 * {@code -Dexpected.rewrite=true}), and everything Herald writes in the three languages checked for a word of the
 * English bundle or a bundle key. A template that prints English or a key in a non-English edition fails here.
 */
@QuarkusTest
class ForeignEditionTest {

    static final String RUSSIAN_SAMPLE = "sample/astana-times-middle-corridor-ru.txt";
    static final Map<String, String> ARTICLES = Map.of(
            "ru", RUSSIAN_SAMPLE,
            "kk", "fixtures/articles/kk-steppe-wind-farm.txt",
            "tr", "fixtures/articles/tr-caspian-ferry.txt");

    @InjectGreenMail
    GreenMail mail;

    @Inject
    DigestRenderer renderer;

    @Inject
    TeaserComposer composer;

    @Inject
    Languages languages;

    @Inject
    SubscriberStore subscribers;

    @Inject
    io.herald.subscriber.MailingLists mailingLists;

    static String text(String resource) throws IOException {
        try (InputStream in = ForeignEditionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Article read(String resource, long id) throws IOException {
        return new PlainTextArticleReader()
                .read(text(resource))
                .withLanguageSettled()
                .stored(id, Instant.parse("2026-11-12T09:00:00Z"));
    }

    static MailingList list(String language, MailingList.Mode mode) {
        return new MailingList(
                "ru-readers",
                "Новости Астаны",
                "news@example.org",
                null,
                null,
                ZoneId.of("Asia/Almaty"),
                mode,
                null,
                null,
                MailingList.DigestStyle.AUTO,
                MailingList.Tracking.OFF,
                false,
                language,
                true,
                null);
    }

    @Test
    void theRussianSamplesDigestAndTeasersAreTheExpectedText() throws Exception {
        Article article = read(RUSSIAN_SAMPLE, 42);
        RenderedEmail email = renderer.render(
                List.of(article),
                list("ru", MailingList.Mode.PER_ARTICLE),
                "Айгерим Сейтова",
                "aigerim@example.org",
                "https://news.example.org/unsubscribe?t=expected-file-token",
                new EditionContext("edition-7", "https://news.example.org/editions/7"));
        ExpectedFiles.assertMatches("digest/ru-sample/subject.txt", email.subject() + "\n");
        ExpectedFiles.assertMatches("digest/ru-sample/text.txt", email.text());
        ExpectedFiles.assertMatches("digest/ru-sample/html.html", email.html());
        assertThat(email.html()).contains("<html lang=\"ru\"");

        List<Teaser> teasers = composer.compose(article);
        assertThat(teasers).extracting(Teaser::channel).containsExactly("telegram", "instagram", "facebook", "youtube");
        TeaserFiles.assertMatches("ru-sample", teasers);
        assertThat(teasers)
                .allSatisfy(t -> assertThat(t.valid()).as(t.channel()).isTrue());
    }

    /** Every teaser of every language's article fits its channel by the channel's own counter. */
    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "tr"})
    void eachLanguagesTeasersFitTheirChannels(String language) throws Exception {
        Article article = read(ARTICLES.get(language), 51);
        for (Teaser teaser : composer.compose(article)) {
            assertThat(teaser.valid())
                    .as(language + " " + teaser.channel() + ": " + teaser.problem())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "tr"})
    void anEditionAndItsTeasersCarryNoEnglishWordAndNoKey(String language) throws Exception {
        Article own = read(ARTICLES.get(language), 51);
        Article other = read(ARTICLES.get(language.equals("ru") ? "kk" : "ru"), 52);
        List<String> written = new ArrayList<>();
        for (MailingList.Mode mode : MailingList.Mode.values()) {
            List<Article> edition = mode == MailingList.Mode.DIGEST ? List.of(own, other) : List.of(own);
            for (String name : new String[] {"Айгерим Сейтова", null}) {
                RenderedEmail email = renderer.render(
                        edition,
                        list(language, mode),
                        name,
                        "aigerim@example.org",
                        "https://news.example.org/unsubscribe?t=x",
                        new EditionContext("edition-8", "https://news.example.org/editions/8"));
                written.addAll(List.of(email.subject(), email.text(), email.html()));
                assertThat(email.html()).contains("<html lang=\"" + language + "\"");
            }
            // The public web copy of the edition: no reader.
            RenderedEmail copy = renderer.render(
                    edition, list(language, mode), null, null, null, new EditionContext("edition-8", null));
            written.add(copy.html());
        }
        composer.compose(own).forEach(t -> written.add(t.text()));
        for (String text : written) {
            assertSpeaks(language, text);
        }
        assertThat(written.get(0)).as("the subject").isEqualTo(own.title());
        assertThat(languages.words(language).missing())
                .as("keys %s lacks", language)
                .isEmpty();
    }

    @Test
    void aReaderSignsUpConfirmsAndLeavesInRussian() throws Exception {
        String reader = "dmitry.ru@signup.example";
        Document check = Jsoup.parse(given().contentType("application/x-www-form-urlencoded")
                .formParam("email", reader)
                .formParam("list", "ru-readers")
                .formParam("lang", "ru")
                .post("/subscribe")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertPage("ru", check);
        assertThat(check.text()).contains("Проверьте почту");

        MimeMessage confirmation = Mailboxes.await(mail, reader, "Подтвердите подписку на The Astana Times", 1)
                .get(0);
        String body = Mailboxes.part(confirmation, "text/plain");
        assertSpeaks("ru", body);
        assertSpeaks("ru", Mailboxes.part(confirmation, "text/html"));
        // The link's lifetime (48 hours in the tests) with Russian's plural ("48 часов", not "48 часа").
        assertThat(body).contains("«Новости Астаны»").containsPattern("в течение \\d+ часов:");
        Matcher link = Pattern.compile("https://news\\.example\\.org(/subscribe/confirm\\?t=\\S+)")
                .matcher(body);
        assertThat(link.find()).isTrue();
        // No Accept-Language: the page speaks the language of the list the token asks for.
        Document confirmPage = Jsoup.parse(
                given().get(link.group(1)).then().statusCode(200).extract().asString());
        assertPage("ru", confirmPage);
        String token = java.net.URLDecoder.decode(
                link.group(1).substring(link.group(1).indexOf("t=") + 2), StandardCharsets.UTF_8);
        Document welcome = Jsoup.parse(
                Forms.submit(link.group(1), "/subscribe/confirm", "t", token).asString());
        assertPage("ru", welcome);
        assertThat(welcome.text()).contains("Вы подписаны", "Добро пожаловать в «Новости Астаны»");

        long id = subscribers.findByEmail(reader).orElseThrow().id();
        String unsubscribe = renderer.unsubscribeUrl("ru-readers", id).replaceFirst("^https?://[^/]+", "");
        Document leave = Jsoup.parse(given().header("Accept-Language", "en")
                .get(unsubscribe)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertPage("ru", leave);
        assertThat(leave.text()).contains("Отписаться от «Новости Астаны»?");
        String preferences = leave.selectFirst("#preferences").attr("href");
        Document prefs = Jsoup.parse(
                given().get(preferences).then().statusCode(200).extract().asString());
        assertPage("ru", prefs);
        // The list's archive speaks its language too, whatever the browser asks.
        Document archive = page(given().header("Accept-Language", "en").get("/archive/ru-readers"), 200);
        assertPage("ru", archive);
        assertThat(archive.title()).startsWith("«Новости Астаны»: прошлые выпуски");
        Document done = Jsoup.parse(
                given().post(unsubscribe).then().statusCode(200).extract().asString());
        assertPage("ru", done);
        assertThat(done.text()).contains("Вы отписаны");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "tr"})
    void readerPagesSpeakTheLanguageAskedFor(String language) {
        String browser = language + ";q=0.9, en;q=0.5";
        assertPage(language, page(given().header("Accept-Language", browser).get("/subscribe"), 200));
        assertPage(language, page(given().get("/subscribe?lang=" + language), 200));
        assertPage(language, page(given().header("Accept-Language", browser).get("/unsubscribe?t=forged"), 400));
        assertPage(language, page(given().header("Accept-Language", browser).get("/subscribe/confirm?t=x"), 400));
        assertPage(
                language,
                page(
                        given().header("Accept-Language", browser)
                                .contentType("application/x-www-form-urlencoded")
                                .formParam("email", "not an address")
                                .formParam("lang", language)
                                .post("/subscribe"),
                        422));
        // The public copy of an article speaks the article's language, whatever the browser asks.
        long article = Api.postText(textOf(ARTICLES.get(language)));
        assertPage(language, page(given().header("Accept-Language", "en").get("/articles/" + article), 200));
        assertThat(languages.words(language).missing())
                .as("keys %s lacks", language)
                .isEmpty();
    }

    @Test
    void aBrowserAskingForALanguageHeraldLacksGetsTheDefault() {
        Document page =
                page(given().header("Accept-Language", "de-DE, fr;q=0.8").get("/subscribe"), 200);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.text()).contains("Email address");
    }

    private static String textOf(String resource) {
        try {
            return text(resource);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Document page(io.restassured.response.Response response, int status) {
        return Jsoup.parse(response.then().statusCode(status).extract().asString());
    }

    /**
     * A reader page in {@code language}: its html lang, and nothing of the English bundle or a key in its text once
     * the lists' names are taken out (the test lists have English names: "Unsubscribe Test List").
     */
    private void assertPage(String language, Document page) {
        assertThat(page.selectFirst("html").attr("lang")).as(page.title()).isEqualTo(language);
        String text = page.title() + "\n" + page.text() + "\n" + page.select("input[type=submit], button");
        try {
            for (MailingList list : mailingLists.all()) {
                text = text.replace(list.name(), "");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertSpeaks(language, text);
    }

    /** No fragment of English text from the English bundle, and no key of it, in {@code text}. */
    private void assertSpeaks(String language, String text) {
        for (String fragment : EnglishWords.fragments()) {
            assertThat(text)
                    .as("%s text holds English \"%s\":%n%s", language, fragment, text)
                    .doesNotContain(fragment);
        }
        for (String key : EnglishWords.keys()) {
            assertThat(text).as("%s text holds the key %s", language, key).doesNotContain("msg:" + key);
            if (!key.equals(key.toLowerCase(java.util.Locale.ROOT))) {
                // Keys of several words (viewInBrowser) cannot be text; one-word keys (unsubscribe) are in URLs.
                assertThat(text).as("%s text holds the key %s", language, key).doesNotContain(key);
            }
        }
    }
}
