package io.herald.social;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.util.ULocale;
import io.herald.article.Article;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hashtags from what an article is about: its tags, the countries it names (ICU's English names, so "Türkiye" as
 * CLDR spells it now) and the organisations and places the newsroom lists in herald.social.known-names. Ordered by
 * where they first appear, the title before the body, so the article's subject comes first. Each channel then takes
 * as many as its policy allows ({@link Channel#hashtagPolicy()}).
 */
@ApplicationScoped
public class Hashtags {

    /** A name as the article writes it and the hashtag it becomes (without the #). */
    public record Tag(String name, String tag) {
        public String hashtag() {
            return "#" + tag;
        }
    }

    private final Map<String, String> names = new LinkedHashMap<>();
    /** The same names as whole-word patterns, compiled once (an article is checked against every one). */
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    Hashtags(SocialConfig socialConfig) {
        for (String code : ULocale.getISOCountries()) {
            String name = new ULocale("", code).getDisplayCountry(ULocale.ENGLISH);
            if (name.matches("[\\p{L} ]+")) {
                names.put(name, camel(name));
            }
        }
        for (String entry : socialConfig.knownNames().orElse(List.of())) {
            int eq = entry.indexOf('=');
            String name = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            String tag = eq < 0 ? camel(name) : entry.substring(eq + 1).strip().replaceFirst("^#", "");
            if (!name.isEmpty() && !tag.isEmpty()) {
                names.put(name, tag);
            }
        }
        names.keySet().forEach(name -> patterns.put(name, wholeWords(name)));
    }

    private static Pattern wholeWords(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
    }

    public List<Tag> of(Article article) {
        String title = article.title();
        String body = String.join("\n", article.paragraphs());
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        for (String tag : article.tags()) {
            firstSeen.putIfAbsent(camel(tag), -1);
        }
        List<Tag> found = new ArrayList<>();
        article.tags().forEach(t -> found.add(new Tag(t, camel(t))));
        for (Map.Entry<String, String> e : names.entrySet()) {
            Pattern pattern = patterns.get(e.getKey());
            int at = position(title, pattern);
            if (at < 0) {
                int inBody = position(body, pattern);
                at = inBody < 0 ? -1 : title.length() + inBody;
            }
            if (at >= 0 && firstSeen.putIfAbsent(e.getValue(), at) == null) {
                found.add(new Tag(e.getKey(), e.getValue()));
            }
        }
        found.sort(Comparator.comparingInt(t -> firstSeen.get(t.tag())));
        return found.stream().filter(t -> !t.tag().isEmpty()).toList();
    }

    /** Where a name appears as whole words, or -1. */
    private static int position(String text, Pattern name) {
        Matcher m = name.matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** "South Korea" -> "SouthKorea", "climate change" -> "ClimateChange"; only letters and digits survive. */
    static String camel(String name) {
        StringBuilder tag = new StringBuilder();
        for (String word : name.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                tag.appendCodePoint(Character.toUpperCase(word.codePointAt(0)))
                        .append(word.substring(Character.charCount(word.codePointAt(0))));
            }
        }
        return tag.toString();
    }
}
