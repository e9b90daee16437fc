package io.herald.social;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;

/** How a platform counts the length of a post. */
public enum LengthRule {
    /** X: weighted code points (most CJK and emoji count 2), every URL 23; twitter-text is X's own counter. */
    X_WEIGHTED {
        @Override
        public int count(String text) {
            return TwitterTextParser.parseTweet(text).weightedLength;
        }
    },
    /** UTF-16 code units, what JavaScript's String.length gives (Telegram, TikTok). */
    UTF16 {
        @Override
        public int count(String text) {
            return text.length();
        }
    },
    /**
     * Threads: "emojis are counted as the number of UTF-8 bytes" (its publishing docs), every other character as one.
     * Counted per grapheme: a cluster holding an emoji (an Extended_Pictographic or Regional_Indicator code point:
     * 🇰🇿 is 8, 👍🏽 is 8) counts its bytes, any other cluster its code points.
     */
    THREADS_EMOJI_BYTES {
        @Override
        public int count(String text) {
            int count = 0;
            for (String cluster : clusters(text)) {
                boolean emoji = cluster.codePoints()
                        .anyMatch(cp -> UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                                || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR));
                count += emoji
                        ? cluster.getBytes(StandardCharsets.UTF_8).length
                        : cluster.codePointCount(0, cluster.length());
            }
            return count;
        }
    },
    /** Unicode code points (Facebook, Instagram, LinkedIn, WhatsApp). */
    CODE_POINTS {
        @Override
        public int count(String text) {
            return text.codePointCount(0, text.length());
        }
    },
    /** UTF-8 bytes (YouTube descriptions). */
    UTF8_BYTES {
        @Override
        public int count(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    },
    /** User-perceived characters: extended grapheme clusters from ICU4J, whose rules follow current Unicode. */
    GRAPHEMES {
        @Override
        public int count(String text) {
            return clusters(text).size();
        }
    },
    /** Mastodon: code points, but every URL counts as 23 whatever its length. */
    CODE_POINTS_URL_23 {
        @Override
        public int count(String text) {
            int length = CODE_POINTS.count(text);
            for (Extractor.Entity url : URLS.extractURLsWithIndices(text)) {
                length += 23 - CODE_POINTS.count(url.getValue());
            }
            return length;
        }
    };

    private static final Extractor URLS = new Extractor();

    public abstract int count(String text);

    /** The text's extended grapheme clusters, by ICU4J's rules (current Unicode). */
    static java.util.List<String> clusters(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        java.util.List<String> clusters = new java.util.ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            clusters.add(text.substring(start, end));
        }
        return clusters;
    }

    /** The URLs in a text as X and Mastodon see them. */
    public static List<String> urls(String text) {
        return URLS.extractURLs(text);
    }

    public static List<String> hashtags(String text) {
        return URLS.extractHashtags(text);
    }
}
