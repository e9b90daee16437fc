package io.herald.article;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Articles in Russian, Kazakh and Turkish read as the English seed does: the call-to-action's channels, the
 * Cyrillic dateline, the captions, the sentences by the article's language, the key figures as each language writes
 * them, and the language itself when the source does not say.
 */
class ReadingLanguagesTest {

    private final PlainTextArticleReader reader = new PlainTextArticleReader();
    private final CallToActionParser cta = new CallToActionParser();

    static String text(String resource) throws IOException {
        try (InputStream in = ReadingLanguagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Article russianSample() throws IOException {
        return new PlainTextArticleReader().read(text("sample/astana-times-middle-corridor-ru.txt"));
    }

    @Test
    void theRussianSampleReadsLikeTheEnglishSeed() throws IOException {
        Article article = russianSample();

        assertThat(article.title()).isEqualTo("Казахстан и Турция запустят новый грузовой маршрут через Каспий");
        assertThat(article.dateline()).isEqualTo("АСТАНА");
        assertThat(article.leadWithoutDateline()).startsWith("Министр транспорта Казахстана");
        assertThat(article.photos())
                .containsExactly(new Photo("Контейнеровоз у причала порта Актау.", "Министерство транспорта РК"));
        assertThat(article.paragraphs()).noneMatch(p -> p.contains("Фото:") || p.contains("Подписывайтесь"));
        assertThat(article.cta().channels()).containsExactly("telegram", "instagram", "facebook", "youtube");
        assertThat(article.cta().websiteSignup()).isTrue();
        assertThat(article.language()).isEqualTo("ru");
        assertThat(KeyFigures.of(article, Sentences.standard()))
                .contains("В прошлом году товарооборот между Казахстаном и Турцией достиг $6,4 млрд. По оценке "
                        + "министерства, к 2030 году он может вырасти до 10 миллиардов долларов.");
    }

    @Test
    void kazakhAndTurkishArticlesReadToo() throws IOException {
        Article kazakh = reader.read(text("fixtures/articles/kk-steppe-wind-farm.txt"));
        assertThat(kazakh.language()).isEqualTo("kk");
        assertThat(kazakh.dateline()).isEqualTo("АСТАНА");
        assertThat(kazakh.photos()).extracting(Photo::credit).containsExactly("Энергетика министрлігі");
        assertThat(kazakh.cta().channels()).containsExactly("telegram", "instagram", "youtube");
        assertThat(kazakh.cta().websiteSignup()).isTrue();
        assertThat(KeyFigures.of(kazakh, Sentences.standard()))
                .contains("Жобаның құны 420 млн доллар. Министрліктің бағалауынша, жаңартылатын энергия көздерінің "
                        + "үлесі 2030 жылға қарай 15 пайызға жетеді.");

        Article turkish = reader.read(text("fixtures/articles/tr-caspian-ferry.txt"));
        assertThat(turkish.language()).isEqualTo("tr");
        assertThat(turkish.dateline()).isEqualTo("ANKARA");
        assertThat(turkish.photos()).extracting(Photo::credit).containsExactly("Ulaştırma Bakanlığı");
        assertThat(turkish.cta().channels()).containsExactly("x", "instagram", "youtube");
        assertThat(turkish.cta().websiteSignup()).isTrue();
        assertThat(KeyFigures.of(turkish, Sentences.standard()))
                .contains("Geçen yıl iki ülke arasındaki ticaret hacmi 6,4 milyar dolara ulaştı. Bakanlığın "
                        + "tahminine göre bu rakam 2030 yılına kadar 10 milyar dolara çıkabilir.");
    }

    /** The seed's footer in each language names the same channels as the English one. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Get The Astana Times stories sent directly to you! Sign up via the website or subscribe to our "
                        + "Twitter, Facebook, Instagram, Telegram, YouTube and Tiktok!",
                "Получайте новости The Astana Times прямо на почту! Подпишитесь на рассылку на сайте или на наши "
                        + "Twitter, Facebook, Instagram, Telegram, YouTube и TikTok!",
                "Подписывайтесь на наш Твиттер, страницы в Фейсбуке и Инстаграме, Телеграм-канал, Ютуб и ТикТок! "
                        + "Рассылку можно оформить на нашем сайте.",
                "The Astana Times жаңалықтарын тікелей поштаңызға алыңыз! Сайтта жазылыңыз немесе бізді Twitter, "
                        + "Facebook, Instagram, Telegram, YouTube және TikTok желілерінде оқыңыз!",
                "The Astana Times haberleri doğrudan e-postanıza gelsin! Web sitemizden abone olun ya da bizi Twitter, "
                        + "Facebook, Instagram, Telegram, YouTube ve TikTok'tan takip edin!"
            })
    void theCallToActionNamesTheSameChannelsInEveryLanguage(String footer) {
        assertThat(cta.isCallToAction(footer)).as(footer).isTrue();
        CallToAction parsed = cta.parse(footer);
        assertThat(parsed.channels())
                .as(footer)
                .containsExactlyInAnyOrder("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        assertThat(parsed.websiteSignup()).as(footer).isTrue();
    }

    @Test
    void closingSentencesThatInviteNobodyStayInTheBody() {
        assertThat(cta.isCallToAction("Переговоры продолжатся в Анкаре в январе."))
                .isFalse();
        assertThat(cta.isCallToAction("Следующая встреча пройдёт в Telegram-формате, отметил министр."))
                .isFalse();
        assertThat(cta.isCallToAction("Görüşmeler ocak ayında Ankara'da sürecek."))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "АСТАНА – Президент провёл встречу.|АСТАНА",
                "АЛМАТЫ — В городе открылся музей.|АЛМАТЫ",
                "ҚЫЗЫЛОРДА – Облыста жаңа мектеп ашылды.|ҚЫЗЫЛОРДА",
                "İSTANBUL – Kongre bugün başladı.|İSTANBUL"
            })
    void datelinesInCyrillicAndTurkish(String lead, String place) {
        assertThat(Datelines.find(lead)).contains(place);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Товарооборот достиг $6 млрд.",
                "Товарооборот достиг 6 миллиардов долларов.",
                "Тауар айналымы 6 млрд доллар болды.",
                "Ticaret hacmi 10 milyar dolar oldu.",
                "Enflasyon %12 oldu.",
                "Рост составил 12 процентов.",
                "Экспорт вырос на 4,1 млн тонн."
            })
    void keyFiguresAsEachLanguageWritesThem(String sentence) {
        Article article = new Article(
                null, "Заголовок", null, List.of("Первый абзац без цифр.", sentence), List.of(), null, null, "h", null);
        assertThat(KeyFigures.of(article, Sentences.standard())).contains(sentence);
    }

    @Test
    void sentencesFollowTheArticlesLanguage() {
        Sentences sentences = Sentences.standard().in("ru");
        assertThat(sentences.of("Встреча прошла 12 ноября. Стороны подписали соглашение. Итоги подведут в январе."))
                .containsExactly(
                        "Встреча прошла 12 ноября.", "Стороны подписали соглашение.", "Итоги подведут в январе.");
        assertThat(Sentences.standard().in("tr").of("Toplantı yapıldı. Anlaşma imzalandı."))
                .containsExactly("Toplantı yapıldı.", "Anlaşma imzalandı.");
    }

    @Test
    void aDeclaredLanguageWinsAndTextIsPlacedWhenNoneIs() {
        assertThat(ArticleLanguages.detect("Президент провёл встречу с министрами и обсудил планы на год."))
                .contains("ru");
        assertThat(ArticleLanguages.detect("Президент министрлермен кездесіп, жыл жоспарларын талқылады."))
                .contains("kk");
        assertThat(ArticleLanguages.detect("Bakan bugün Ankara'da bir toplantı yaptı ve planları açıkladı."))
                .contains("tr");
        assertThat(ArticleLanguages.detect("The minister held a meeting in the capital and set out the plans."))
                .contains("en");
        assertThat(ArticleLanguages.detect("首相は今日、東京で会議を開いた。")).isEmpty();
        Article declared = new Article(
                        null, "Title", null, List.of("Президент провёл встречу."), List.of(), null, null, "h", null)
                .withMeta(ArticleMeta.NONE.withLanguage("kk-KZ"));
        assertThat(declared.language()).isEqualTo("kk");
    }
}
