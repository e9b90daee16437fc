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

    /**
     * The first n words, trailing punctuation dropped (never from a URL or a hashtag, which stay whole), an ellipsis,
     * and the closing quote of any quote left open (curly, guillemets or straight).
     */
    static String shortened(String[] words, int n) {
        String s = String.join(" ", java.util.Arrays.copyOf(words, n));
        String last = words[n - 1];
        boolean keepWhole = last.contains("://") || last.startsWith("#") || last.startsWith("www.");
        if (!keepWhole) {
            s = s.replaceAll("[\\p{Punct}&&[^\"'”’»)]]+$", "");
        }
        s = s + (keepWhole ? " " : "") + ELLIPSIS;
        s += "”".repeat((int) Math.max(0, count(s, '“') - count(s, '”')));
        s += "»".repeat((int) Math.max(0, count(s, '«') - count(s, '»')));
        if (count(s, '"') % 2 == 1) {
            s += "\"";
        }
        return s;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
