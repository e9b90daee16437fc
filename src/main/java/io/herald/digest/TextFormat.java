package io.herald.digest;

import io.quarkus.qute.TemplateExtension;

/** Formatting for the plain-text part, used in templates as {paragraph.wrap}. */
@TemplateExtension
public final class TextFormat {

    static final int WIDTH = 78;

    private TextFormat() {}

    /** Wraps at 78 columns on spaces; a word longer than a line (a URL) gets a line of its own, unbroken. */
    public static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / WIDTH + 1);
        int column = 0;
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int length = word.codePointCount(0, word.length());
            if (column > 0 && column + 1 + length > WIDTH) {
                out.append('\n');
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += length;
        }
        return out.toString();
    }
}
