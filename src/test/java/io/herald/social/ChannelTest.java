package io.herald.social;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelTest {

    @Test
    void xCountsUrlsAs23AndEmojiAsTwo() {
        String url = "https://example.org/" + "a".repeat(100);
        assertThat(Channel.X.count("Read " + url)).isEqualTo(5 + 23);
        assertThat(Channel.X.count("🇰🇿")).isEqualTo(2);
        assertThat(Channel.X.count("Türkiye")).isEqualTo(7);
    }

    @Test
    void blueskyCountsGraphemes() {
        String family = "👨‍👩‍👧‍👦";
        assertThat(Channel.BLUESKY.count(family)).isEqualTo(1);
        assertThat(Channel.BLUESKY.count("Kurtulmus\u0327")).isEqualTo(9);
        assertThat(Channel.TELEGRAM.count(family)).isEqualTo(11);
    }

    @Test
    void youtubeCountsUtf8BytesAndRefusesAngleBrackets() {
        assertThat(Channel.YOUTUBE.count("Türkiye")).isEqualTo(8);
        assertThat(Channel.YOUTUBE.problem("a <b> c"))
                .hasValueSatisfying(p -> assertThat(p).contains("< or >"));
        assertThat(Channel.YOUTUBE.clean("a <b> c")).isEqualTo("a ‹b› c");
    }

    @Test
    void threadsCountsAnEmojiAsItsUtf8BytesAndOtherLettersAsOne() {
        assertThat(Channel.THREADS.count("🇰🇿")).isEqualTo(8);
        assertThat(Channel.THREADS.count("👍🏽")).isEqualTo(8);
        assertThat(Channel.THREADS.count("👨‍👩‍👧‍👦")).isEqualTo(25);
        assertThat(Channel.THREADS.count("Қазақстан Türkiye")).isEqualTo(17);
        assertThat(Channel.THREADS.count("Kurtulmus\u0327")).isEqualTo(10);
    }

    /** Cyrillic and Kazakh letters as each counter sees them: one each, two bytes where bytes count. */
    @Test
    void everyCounterReadsCyrillicAndKazakhLetters() {
        String kazakh = "Қазақстан Түркиямен әріптестігін нығайтады";
        String russian = "Казахстан и Турция укрепляют партнёрство";
        for (Channel channel : Channel.values()) {
            int perLetter = channel == Channel.YOUTUBE ? 2 : 1;
            assertThat(channel.count(kazakh))
                    .as(channel.id())
                    .isEqualTo(kazakh.length() + kazakh.replace(" ", "").length() * (perLetter - 1));
            assertThat(channel.count(russian))
                    .as(channel.id())
                    .isEqualTo(russian.length() + russian.replace(" ", "").length() * (perLetter - 1));
        }
        // X weighs Cyrillic like Latin (twitter-text's weight-100 range ends at U+10FF): 280 Kazakh letters fit.
        assertThat(Channel.X.problem("ә".repeat(280))).isEmpty();
        assertThat(Channel.X.problem("ә".repeat(281))).hasValue("281 exceeds the limit of 280");
        // "й" written as и + combining breve is one letter to Bluesky's graphemes and to X (which counts NFC).
        assertThat(Channel.BLUESKY.count("Каи\u0306")).isEqualTo(3);
        assertThat(Channel.X.count("Каи\u0306")).isEqualTo(3);
    }

    @Test
    void mastodonCountsEveryUrlAs23() {
        String url = "https://example.org/" + "b".repeat(60);
        assertThat(Channel.MASTODON.count(url + " ok")).isEqualTo(23 + 3);
    }

    @Test
    void instagramAllowsAtMostFiveHashtags() {
        assertThat(Channel.INSTAGRAM.problem("#a #b #c #d #e")).isEmpty();
        assertThat(Channel.INSTAGRAM.problem("#a #b #c #d #e #f")).hasValue("more than 5 hashtags");
    }

    @Test
    void xValidityIsTwitterTextsInFullNotLengthAlone() {
        for (String odd : new String[] {"\uFFFE", "\uFFFF", "\uFEFF"}) {
            String text = "Rail deal signed" + odd + " in Astana";
            assertThat(com.twitter.twittertext.TwitterTextParser.parseTweet(text).weightedLength)
                    .isLessThan(280);
            assertThat(Channel.X.problem(text))
                    .as("U+%04X", (int) odd.charAt(0))
                    .get()
                    .asString()
                    .startsWith("X refuses it");
            assertThat(Channel.X.problem(io.herald.article.TextNormaliser.normalise(text)))
                    .isEmpty();
        }
    }

    @Test
    void overTheLimitIsAProblem() {
        assertThat(Channel.X.problem("x".repeat(281))).hasValue("281 exceeds the limit of 280");
        assertThat(Channel.X.problem("x".repeat(280))).isEmpty();
    }

    @Test
    void telegramAndTiktokCountUtf16Units() {
        assertThat(Channel.TIKTOK.count("🇰🇿 Türkiye")).isEqualTo(4 + 1 + 7);
        assertThat(Channel.TELEGRAM.count("🇰🇿 Türkiye")).isEqualTo(12);
        assertThat(Channel.TIKTOK.problem("x".repeat(2201))).hasValue("2201 exceeds the limit of 2200");
    }

    @Test
    void hashtagPoliciesStayWithinWhatPlatformsAllow() {
        assertThat(Channel.X.hashtagPolicy()).isEqualTo(2);
        assertThat(Channel.INSTAGRAM.hashtagPolicy()).isEqualTo(5);
        assertThat(Channel.THREADS.hashtagPolicy()).isEqualTo(1);
        for (Channel c : Channel.values()) {
            String tags = String.join(" ", java.util.Collections.nCopies(c.hashtagPolicy(), "#Tag"));
            assertThat(c.problem("Text " + tags)).as(c.id()).isEmpty();
        }
    }

    @Test
    void instagramAndTiktokLinksAreNotClickable() {
        assertThat(Channel.INSTAGRAM.clickableLinks()).isFalse();
        assertThat(Channel.TIKTOK.clickableLinks()).isFalse();
        assertThat(Channel.X.clickableLinks()).isTrue();
    }
}
