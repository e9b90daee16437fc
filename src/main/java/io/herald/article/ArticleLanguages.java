package io.herald.article;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places an article's text in one of the languages Herald reads when its source does not say: Cyrillic text with
 * Kazakh's own letters (ә ғ қ ң ө ұ ү һ і) is Kazakh, other Cyrillic is Russian, Latin text with Turkish letters
 * (ğ ı ş) or its common words is Turkish, other Latin text is English. Anything else is not placed (the default
 * language applies). Counting letters is enough for these four; a newsroom in more languages declares them.
 */
public final class ArticleLanguages {

    private static final Pattern KAZAKH_LETTERS = Pattern.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]");
    private static final Pattern TURKISH_LETTERS = Pattern.compile("[ğışĞİŞ]");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Set<String> TURKISH_WORDS =
            Set.of("ve", "bir", "ile", "için", "bu", "da", "de", "olarak", "olan", "göre", "ki", "çok");
    private static final Set<String> ENGLISH_WORDS =
            Set.of("the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "was", "said");

    private ArticleLanguages() {}

    /** "kk", "ru", "tr" or "en" for text Herald can place; empty for other scripts or too little text. */
    public static Optional<String> detect(String text) {
        int cyrillic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(text.charAt(i));
            if (script == Character.UnicodeScript.CYRILLIC) {
                cyrillic++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (cyrillic + latin < 20) {
            return Optional.empty();
        }
        if (cyrillic > latin) {
            long kazakh = KAZAKH_LETTERS.matcher(text).results().count();
            return Optional.of(kazakh * 200 >= cyrillic ? "kk" : "ru");
        }
        long turkishLetters = TURKISH_LETTERS.matcher(text).results().count();
        int turkish = 0;
        int english = 0;
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group().toLowerCase(java.util.Locale.ROOT);
            turkish += TURKISH_WORDS.contains(word) ? 1 : 0;
            english += ENGLISH_WORDS.contains(word) ? 1 : 0;
        }
        return Optional.of(turkish + turkishLetters / 4 > english ? "tr" : "en");
    }

    /** The article's language: what its source declared, else what its title and text read as. */
    static Optional<String> of(Article article) {
        if (article.meta().language() != null) {
            return Optional.of(article.meta().language());
        }
        return detect(article.title() + "\n" + String.join("\n", article.paragraphs()));
    }
}
