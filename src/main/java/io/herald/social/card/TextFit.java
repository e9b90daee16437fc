package io.herald.social.card;

import java.awt.Font;
import java.awt.font.LineMetrics;
import java.util.ArrayList;
import java.util.List;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Breaks a text into lines that fit a box, measured with the font it is drawn in: the largest size from the layout's
 * font-size down to its minimum at which every word fits, else the minimum size with the text cut at a word and "…"
 * added. Line breaks follow Unicode's rules (ICU), so hyphens, dashes and quotes break where a reader expects; a
 * word wider than the box is broken between letters.
 */
final class TextFit {

    /** What is drawn: the lines at {@code size}, each baseline {@code leading} x size below the one before. */
    record Fitted(List<String> lines, float size, float ascent, float lineHeight, boolean cut) {}

    /** Measured widths are kept this much inside the box: Batik's own layout may round a little differently. */
    private static final float SLACK = 0.985f;

    private static final String ELLIPSIS = "…";

    private TextFit() {}

    static Fitted fit(Font font, String text, float width, float height, float maxSize, float minSize, float leading) {
        String clean = text.strip().replaceAll("\\s+", " ");
        float step = Math.max(1f, maxSize / 40f);
        for (float size = maxSize; size >= minSize; size -= step) {
            Fitted fitted = tryAt(font.deriveFont(size), clean, width, height, leading, false);
            if (fitted != null) {
                return fitted;
            }
        }
        return tryAt(font.deriveFont(minSize), clean, width, height, leading, true);
    }

    private static Fitted tryAt(Font font, String text, float width, float height, float leading, boolean cut) {
        float size = font.getSize2D();
        LineMetrics metrics = font.getLineMetrics("Ág", CardFonts.METRICS);
        float lineHeight = size * leading;
        float usable = height - metrics.getAscent() - metrics.getDescent();
        int maxLines = usable < 0 ? 0 : 1 + (int) Math.floor(usable / lineHeight);
        if (maxLines == 0) {
            return cut ? new Fitted(List.of(), size, metrics.getAscent(), lineHeight, true) : null;
        }
        List<String> lines = lines(font, text, width * SLACK);
        if (lines.size() <= maxLines) {
            return new Fitted(lines, size, metrics.getAscent(), lineHeight, false);
        }
        if (!cut) {
            return null;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        String rest = String.join(" ", lines.subList(maxLines - 1, lines.size()));
        kept.set(maxLines - 1, withEllipsis(font, rest, width * SLACK));
        return new Fitted(kept, size, metrics.getAscent(), lineHeight, true);
    }

    /** Greedy breaking at the line-break opportunities of the text. */
    static List<String> lines(Font font, String text, float width) {
        List<String> lines = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getLineInstance(ULocale.ROOT);
        breaks.setText(text);
        StringBuilder line = new StringBuilder();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = text.substring(start, end);
            String candidate = line + piece;
            if (width(font, candidate.stripTrailing()) <= width) {
                line.append(piece);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
            // A piece wider than the whole box (a long compound, a URL): broken between characters.
            while (width(font, piece.stripTrailing()) > width) {
                int fits = fitting(font, piece, width);
                lines.add(piece.substring(0, fits));
                piece = piece.substring(fits);
            }
            line.append(piece);
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString().strip());
        }
        return lines;
    }

    /** The longest start of {@code text} that fits with "…" after it, cut at a word where there is one. */
    static String withEllipsis(Font font, String text, float width) {
        String words = text;
        while (width(font, words + ELLIPSIS) > width) {
            int space = words.lastIndexOf(' ');
            if (space <= 0) {
                words = words.substring(0, fitting(font, words, width - width(font, ELLIPSIS)));
                break;
            }
            words = words.substring(0, space).stripTrailing();
        }
        return words.replaceAll("[\\s,;:–—-]+$", "") + ELLIPSIS;
    }

    /** How many chars of {@code text} fit {@code width}: at least one code point. */
    private static int fitting(Font font, String text, float width) {
        int end = text.offsetByCodePoints(0, 1);
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            if (width(font, text.substring(0, next)) > width) {
                break;
            }
            end = next;
        }
        return end;
    }

    static float width(Font font, String s) {
        return (float) font.getStringBounds(s, CardFonts.METRICS).getWidth();
    }
}
