package io.herald.language;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The English bundle as the tests read it, from templates/messages/ in the repository: its keys, and the fragments of
 * English text between its arguments ("View in browser", "You receive", "in one click") that a text in another
 * language must not hold.
 */
final class EnglishWords {

    static final Path FOLDER = Path.of("templates", "messages");

    private EnglishWords() {}

    static Map<String, String> bundle(String language) {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(
                Files.newInputStream(FOLDER.resolve(language + ".properties")), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> texts.put(k, properties.getProperty(k)));
        return texts;
    }

    static Set<String> keys() {
        return bundle("en").keySet();
    }

    /** Runs of English text of four letters or more between the arguments and plural blocks of each message. */
    static List<String> fragments() {
        Set<String> fragments = new LinkedHashSet<>();
        for (String value : bundle("en").values()) {
            for (String piece : withoutArguments(value).split("\u0000")) {
                String fragment = piece.strip().replaceAll("^[\\p{Punct}“”\\s]+|[\\p{Punct}“”\\s]+$", "");
                if (fragment.codePoints().filter(Character::isLetter).count() >= 4) {
                    fragments.add(fragment);
                }
            }
        }
        return List.copyOf(fragments);
    }

    /** The message with every {...} (nested for plurals) replaced by a separator. */
    private static String withoutArguments(String value) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : value.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append('\u0000');
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
