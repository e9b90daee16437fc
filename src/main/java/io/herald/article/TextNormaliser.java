package io.herald.article;

import java.text.Normalizer;

/**
 * The cleaning every text a person or a feed gives Herald gets before it is stored or sent: line ends to \n, no byte
 * order mark anywhere and no noncharacters (U+FFFE, U+FFFF: X refuses a post with one), no control characters (NUL
 * and the like, which mail and social platforms refuse), no bidirectional
 * embeddings or overrides (U+202A-U+202E: they make a subject line or a post read differently from what it says,
 * "Trojan Source"; mixed Kazakh, Arabic and Latin text needs none of them, and the isolates and marks it may use
 * stay), and NFC so that "Kurtulmuş" typed two ways is one word.
 */
public final class TextNormaliser {

    private TextNormaliser() {}

    public static String normalise(String text) {
        String s = text.replace("\r\n", "\n")
                .replace('\r', '\n')
                .replace("\u2028", "\n")
                .replace("\u2029", "\n\n")
                .replaceAll("[\u202A-\u202E]", "");
        s = s.replaceAll("[\uFEFF\uFFFE\uFFFF]", "");
        s = s.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
