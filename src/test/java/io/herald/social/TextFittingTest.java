package io.herald.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFittingTest {

    @Test
    void keepsTextThatFits() {
        assertThat(TextFitting.longestFitting("short text", s -> s.length() <= 20)).isEqualTo("short text");
    }

    @Test
    void cutsAtAWordAndAddsAnEllipsis() {
        String fitted = TextFitting.longestFitting("The dialogue between our countries is developing",
                s -> s.length() <= 25);
        assertThat(fitted).isEqualTo("The dialogue between our…");
    }

    @Test
    void dropsTrailingPunctuationBeforeTheEllipsis() {
        assertThat(TextFitting.longestFitting("In turn, Kurtulmuş expressed gratitude", s -> s.length() <= 12))
                .isEqualTo("In turn…");
    }

    @Test
    void closesAQuoteItOpened() {
        String fitted = TextFitting.longestFitting("“Today’s meeting is taking place on the eve,” he said.",
                s -> s.length() <= 20);
        assertThat(fitted).isEqualTo("“Today’s meeting…”");
    }

    @Test
    void givesNothingWhenNoWordFits() {
        assertThat(TextFitting.longestFitting("Extraordinarily long", s -> s.length() <= 3)).isEmpty();
    }
}
