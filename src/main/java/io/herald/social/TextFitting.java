package io.herald.social;

import java.util.function.IntPredicate;

/** Shortens text at word boundaries, never inside a word, a URL or a grapheme, and ends it with an ellipsis. */
final class TextFitting {

    static final String ELLIPSIS = "…";

    private TextFitting() {
    }

    /**
     * The longest prefix of whole words of {@code text} for which {@code fits} holds, or "" when not even one word
     * fits. The full text is returned as it is when it fits.
     */
    static String longestFitting(String text, java.util.function.Predicate<String> fits) {
        if (fits.test(text)) {
            return text;
        }
        String[] words = text.split("\\s+");
        IntPredicate fitsWords = n -> fits.test(shortened(words, n));
        int lo = 0;
        int hi = words.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fitsWords.test(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : shortened(words, lo);
    }

    /** The first n words, trailing punctuation dropped, an ellipsis, and a closing quote if one was left open. */
    static String shortened(String[] words, int n) {
        String s = String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[\\p{Punct}&&[^\"'”’)]]+$", "");
        s = s + ELLIPSIS;
        long open = s.chars().filter(c -> c == '“').count();
        long close = s.chars().filter(c -> c == '”').count();
        return open > close ? s + "”" : s;
    }
}
