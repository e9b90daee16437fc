package io.herald.social;

import java.util.function.IntPredicate;

import io.herald.article.Sentences;

/**
 * Shortens text at word boundaries, never inside a word, a URL or a grapheme, and ends it with an ellipsis. With
 * {@link Sentences} it never cuts a fact in two either: no shortened text ends on a number ("$4.1…" would lose
 * "million"), before one ("on October…" would lose the day) or on an abbreviation ("said on Oct.…", "Dr.…").
 */
final class TextFitting {

    static final String ELLIPSIS = "…";

    private TextFitting() {}

    /**
     * The longest prefix of whole words of {@code text} for which {@code fits} holds, or "" when not even one word
     * fits. The full text is returned as it is when it fits.
     */
    static String longestFitting(String text, java.util.function.Predicate<String> fits) {
        return longestFitting(text, fits, null);
    }

    /** As above; with {@code facts} the cut moves back to the last word that ends no fact. */
    static String longestFitting(String text, java.util.function.Predicate<String> fits, Sentences facts) {
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
        while (facts != null && lo > 0 && cutsAFact(words, lo, facts)) {
            lo--;
        }
        return lo == 0 ? "" : shortened(words, lo);
    }

    /** True when keeping only the first n words would split a number from its unit, a date or a name's title. */
    static boolean cutsAFact(String[] words, int n, Sentences facts) {
        String last = words[n - 1];
        String next = n < words.length ? words[n] : "";
        return last.chars().anyMatch(Character::isDigit)
                || (!next.isEmpty() && startsWithNumber(next))
                || facts.endsWithAbbreviation(last)
                || last.matches("[$€£¥₸]+");
    }

    private static boolean startsWithNumber(String word) {
        String w = word.replaceFirst("^[(\\[“‘\"'«$€£¥₸]+", "");
        return !w.isEmpty() && Character.isDigit(w.charAt(0));
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
