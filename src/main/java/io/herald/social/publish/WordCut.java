package io.herald.social.publish;

/** Shortening to a platform's limit: cut at a word (when one ends past half the limit), "…" marking the cut. */
public final class WordCut {

    private WordCut() {}

    /** {@code text} within {@code limit} code points; unchanged when it fits or the limit is 0 (none). */
    public static String cut(String text, int limit) {
        if (limit <= 0 || text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, limit - 1));
        int space = cut.lastIndexOf(' ');
        return (space > limit / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }
}
