package io.herald.social;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFittingTest {

    @Test
    void keepsTextThatFits() {
        assertThat(TextFitting.longestFitting("short text", s -> s.length() <= 20))
                .isEqualTo("short text");
    }

    @Test
    void cutsAtAWordAndAddsAnEllipsis() {
        String fitted =
                TextFitting.longestFitting("The dialogue between our countries is developing", s -> s.length() <= 25);
        assertThat(fitted).isEqualTo("The dialogue between our…");
    }

    @Test
    void dropsTrailingPunctuationBeforeTheEllipsis() {
        assertThat(TextFitting.longestFitting("In turn, Kurtulmuş expressed gratitude", s -> s.length() <= 12))
                .isEqualTo("In turn…");
    }

    @Test
    void closesAQuoteItOpened() {
        String fitted = TextFitting.longestFitting(
                "“Today’s meeting is taking place on the eve,” he said.", s -> s.length() <= 20);
        assertThat(fitted).isEqualTo("“Today’s meeting…”");
    }

    @Test
    void givesNothingWhenNoWordFits() {
        assertThat(TextFitting.longestFitting("Extraordinarily long", s -> s.length() <= 3))
                .isEmpty();
    }

    @Test
    void closesStraightQuotesAndGuillemetsToo() {
        assertThat(TextFitting.longestFitting(
                        "He said \"this road will carry our trade\" today", s -> s.length() <= 22))
                .isEqualTo("He said \"this road…\"");
        assertThat(TextFitting.longestFitting("«Nous irons plus loin» dit-il", s -> s.length() <= 14))
                .isEqualTo("«Nous irons…»");
    }

    /**
     * Many shortenings of text mixing URLs, hashtags, emoji sequences and quotes, from a fixed seed: every result is
     * a prefix of whole words (a URL, a hashtag and an emoji sequence come whole or not at all) and no quote is open.
     */
    @Test
    void neverCutsAWordAGraphemeAUrlOrAHashtag() {
        String[] pool = {
            "Kurtulmuş",
            "Türkiye",
            "https://news.example.org/a/b?utm_source=x&utm_medium=social",
            "#Kazakhstan",
            "#Türkiye",
            "👨‍👩‍👧‍👦",
            "🇰🇿",
            "“quoted",
            "words”",
            "trade,",
            "$6",
            "billion.",
            "e\u0301te",
            "and",
            "the",
            "www.example.org/path"
        };
        java.util.Random random = new java.util.Random(20261128);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(20);
            for (int i = 0; i < words; i++) {
                text.append(i == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            int limit = 5 + random.nextInt(text.length());
            String fitted = TextFitting.longestFitting(text.toString(), s -> Channel.BLUESKY.count(s) <= limit);
            if (fitted.isEmpty() || fitted.equals(text.toString())) {
                continue;
            }
            assertThat(Channel.BLUESKY.count(fitted)).isLessThanOrEqualTo(limit);
            String body = fitted.replaceAll("(\\s?…)[”»\"]*$", "");
            String[] original = text.toString().split(" ");
            String[] kept = body.split(" ");
            for (int i = 0; i < kept.length; i++) {
                String whole = original[i];
                boolean intact = kept[i].equals(whole);
                boolean lastLostPunctuation = i == kept.length - 1
                        && whole.startsWith(kept[i])
                        && whole.substring(kept[i].length()).matches("\\p{Punct}+")
                        && !whole.contains("://")
                        && !whole.startsWith("#");
                assertThat(intact || lastLostPunctuation)
                        .as("word %d of %s in %s", i, fitted, text)
                        .isTrue();
            }
            assertThat(fitted.chars().filter(c -> c == '“').count())
                    .as("no quote left open in %s", fitted)
                    .isLessThanOrEqualTo(fitted.chars().filter(c -> c == '”').count());
        }
    }
}
