package io.herald.social;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed and an article this code was not written against, teased for every channel they name. */
@QuarkusTest
class TeaserCompositionTest {

    @Inject
    TeaserComposer composer;

    static Article read(String fixture) throws Exception {
        try (InputStream in =
                TeaserCompositionTest.class.getClassLoader().getResourceAsStream("fixtures/articles/" + fixture)) {
            return new PlainTextArticleReader()
                    .read(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .stored(41, java.time.Instant.parse("2026-05-20T10:00:00Z"));
        }
    }

    static Map<String, String> byChannel(List<Teaser> teasers) {
        return teasers.stream().collect(Collectors.toMap(Teaser::channel, Teaser::text));
    }

    @Test
    void theSeedGetsSixPostableTeasers() throws Exception {
        List<Teaser> teasers = composer.compose(read("astana-times-tokayev-kurtulmus.txt"));

        assertThat(teasers)
                .extracting(Teaser::channel)
                .containsExactly("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        assertThat(teasers)
                .allSatisfy(t -> assertThat(t.valid())
                        .as(t.channel() + ": " + t.problem())
                        .isTrue());
        Map<String, String> text = byChannel(teasers);

        // X: counted again with X's own library; two hashtags; headline; link with the channel's UTM
        String x = text.get("x");
        assertThat(TwitterTextParser.parseTweet(x).weightedLength).isLessThanOrEqualTo(280);
        assertThat(TwitterTextParser.parseTweet(x).isValid).isTrue();
        assertThat(new Extractor().extractHashtags(x)).containsExactly("Kazakhstan", "Türkiye");
        assertThat(x)
                .startsWith("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership")
                .contains("utm_source=x&utm_medium=social")
                .doesNotContain("ASTANA –");

        // Facebook has room for all of it: lead, key figure, quote with its speaker, signup link
        assertThat(text.get("facebook"))
                .contains("President of Kazakhstan Kassym-Jomart Tokayev")
                .contains("$6 billion")
                .contains("$10 billion")
                .contains("– Kurtulmuş")
                .contains("Subscribe: https://news.example.org/")
                .contains("utm_source=facebook&utm_medium=social");

        // Instagram: no link in the caption, at most five hashtags
        assertThat(text.get("instagram")).doesNotContain("http").contains("link in bio");
        assertThat(new Extractor().extractHashtags(text.get("instagram"))).hasSizeBetween(1, 5);
        assertThat(text.get("tiktok")).doesNotContain("http");

        // YouTube: UTF-8 bytes, no angle brackets
        assertThat(text.get("youtube").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(5000);
        assertThat(text.get("youtube")).doesNotContain("<").doesNotContain(">");
        assertThat(text.get("telegram").length()).isLessThanOrEqualTo(4096);
    }

    @Test
    void aFreshArticleWithAnotherCallToAction() throws Exception {
        Article article = read("aktau-grain-terminal.txt");
        assertThat(article.cta().channels()).containsExactly("x", "linkedin", "threads", "whatsapp");
        List<Teaser> teasers = composer.compose(article);

        assertThat(teasers)
                .allSatisfy(t -> assertThat(t.valid())
                        .as(t.channel() + ": " + t.problem())
                        .isTrue());
        Map<String, String> text = byChannel(teasers);
        assertThat(new Extractor().extractHashtags(text.get("threads"))).hasSize(1);
        assertThat(new Extractor().extractHashtags(text.get("x")))
                .hasSizeLessThanOrEqualTo(2)
                .contains("Azerbaijan");
        assertThat(text.get("linkedin")).contains("48 billion tenge").contains("– Aigerim Sadykova");
        // The footer offers no website signup: no "Subscribe:" line is invented
        assertThat(text.values()).noneMatch(t -> t.contains("Subscribe:"));
    }

    @Test
    void blueskyIsCountedInGraphemes() throws Exception {
        Article article = read("astana-times-tokayev-kurtulmus.txt");
        Teaser bluesky = composer.compose(article, Channel.BLUESKY);
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(bluesky.text());
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        assertThat(count).isEqualTo(bluesky.length()).isLessThanOrEqualTo(300);
        assertThat(bluesky.valid()).isTrue();
    }
}
