package io.herald.social;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a teaser takes from a Russian, Kazakh and Turkish article: the lead sentence without its Cyrillic dateline,
 * the key figure, the quote in the language's own marks with the person who said it (Russian «...», — сказал X;
 * Turkish X, "..." dedi), and hashtags from the countries it names as the language writes them, in any grammatical
 * case (#Казахстан from "Казахстана", #Қазақстан, #Türkiye).
 */
@QuarkusTest
class TeaserFactsInLanguagesTest {

    @Inject
    TeaserFacts facts;

    static Article read(String resource) throws Exception {
        try (InputStream in = TeaserFactsInLanguagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new PlainTextArticleReader()
                    .read(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .withLanguageSettled()
                    .stored(61, Instant.parse("2026-11-12T09:00:00Z"));
        }
    }

    static List<String> hashtags(TeaserFacts.Facts f) {
        return f.tags().stream().map(Hashtags.Tag::hashtag).toList();
    }

    @Test
    void russian() throws Exception {
        TeaserFacts.Facts f = facts.of(read("sample/astana-times-middle-corridor-ru.txt"));
        assertThat(f.lead())
                .startsWith("Министр транспорта Казахстана Аскар Жумабаев")
                .endsWith("министерства.");
        assertThat(f.figure()).startsWith("В прошлом году товарооборот").contains("$6,4 млрд");
        assertThat(f.quote())
                .isEqualTo("«Этот маршрут соединяет Центральную Азию со Средиземным морем без лишних перевалок.» "
                        + "— Жумабаев");
        assertThat(hashtags(f)).startsWith("#Казахстан", "#Турция").contains("#Китай");
    }

    @Test
    void kazakh() throws Exception {
        TeaserFacts.Facts f = facts.of(read("fixtures/articles/kk-steppe-wind-farm.txt"));
        assertThat(f.lead()).startsWith("Энергетика министрі Ерлан Ахметов");
        assertThat(f.figure()).startsWith("Жобаның құны 420 млн доллар.");
        assertThat(f.quote())
                .isEqualTo("«Бұл станция Жетісудың таза ауасын сақтап, жүздеген жаңа жұмыс орнын ашады.» — Ахметов");
        assertThat(hashtags(f)).startsWith("#Қазақстан", "#Түркия");
    }

    @Test
    void turkish() throws Exception {
        TeaserFacts.Facts f = facts.of(read("fixtures/articles/tr-caspian-ferry.txt"));
        assertThat(f.lead()).startsWith("Ulaştırma Bakanı Mehmet Yılmaz");
        assertThat(f.figure()).startsWith("Geçen yıl iki ülke arasındaki ticaret hacmi 6,4 milyar dolara ulaştı.");
        assertThat(f.quote())
                .isEqualTo("“Orta Koridor yalnızca yollar ve limanlar değil, ülkelerimiz arasındaki güvenin de "
                        + "adıdır.” – Yılmaz");
        assertThat(hashtags(f)).startsWith("#Türkiye", "#Kazakistan").contains("#Çin");
    }
}
