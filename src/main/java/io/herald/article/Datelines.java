package io.herald.article;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the dateline that opens a news paragraph: "ASTANA – ", "NEW YORK — ", "PARIS - ". */
final class Datelines {

    // Upper-case place name (letters, spaces, dots, apostrophes, commas), then an en dash, em dash or hyphen.
    private static final Pattern DATELINE =
            Pattern.compile("^(\\p{Lu}[\\p{Lu}\\p{M} .,'’\\-]{1,60}?)\\s+[–—-]\\s+(?=\\S)");

    private Datelines() {}

    static Optional<String> find(String paragraph) {
        Matcher m = DATELINE.matcher(paragraph);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    static String strip(String paragraph) {
        Matcher m = DATELINE.matcher(paragraph);
        return m.find() ? paragraph.substring(m.end()) : paragraph;
    }
}
