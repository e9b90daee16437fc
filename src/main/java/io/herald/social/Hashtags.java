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
 * Hashtags from what an article is about: its tags, the countries it names (ICU's names in the article's language,
 * so "Türkiye" as CLDR spells it now in English and Turkish, #Казахстан in Russian, #Қазақстан in Kazakh) and the
 * organisations and places the newsroom lists in herald.social.known-names. Ordered by
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

    /** Per language: each name as articles in it write it, and its hashtag; then the same as patterns. */
    private final Map<String, Map<String, String>> names = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Map<String, WholeWords>> patterns = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> known = new LinkedHashMap<>();

    Hashtags(SocialConfig socialConfig) {
        for (String entry : socialConfig.knownNames().orElse(List.of())) {
            int eq = entry.indexOf('=');
            String name = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            String tag = eq < 0 ? camel(name) : entry.substring(eq + 1).strip().replaceFirst("^#", "");
            if (!name.isEmpty() && !tag.isEmpty()) {
                known.put(name, tag);
            }
        }
    }

    /**
     * Country names as CLDR writes them in {@code language} ("Türkiye", "Турция", "Қазақстан"), then the newsroom's
     * known names (any language: they are matched as written).
     */
    private Map<String, String> names(String language) {
        return names.computeIfAbsent(language, l -> {
            Map<String, String> all = new LinkedHashMap<>();
            // A language CLDR has no country names for answers with the codes ("KZ"): English names then.
            ULocale asked = new ULocale(l);
            ULocale in = new ULocale("", "KZ").getDisplayCountry(asked).equals("KZ") ? ULocale.ENGLISH : asked;
            for (String code : ULocale.getISOCountries()) {
                String name = new ULocale("", code).getDisplayCountry(in);
                if (name.matches("[\\p{L} ]+")) {
                    all.put(name, camel(name));
                }
            }
            all.putAll(known);
            return all;
        });
    }

    private Map<String, WholeWords> patterns(String language) {
        return patterns.computeIfAbsent(language, l -> {
            Map<String, WholeWords> all = new LinkedHashMap<>();
            boolean inflected = INFLECTED.contains(l);
            names(l).keySet().forEach(name -> all.put(name, wholeWords(name, inflected && !known.containsKey(name))));
            return all;
        });
    }

    /** Languages whose nouns take endings without an apostrophe: "Казахстана", "Турции", "Қазақстанның". */
    private static final java.util.Set<String> INFLECTED = java.util.Set.of("ru", "kk", "uk", "be", "ky", "uz");

    /**
     * The name as whole words; in a language of endings, a name of five letters or more also with up to four
     * letters after it, a final vowel giving way ("Турция" finds "Турции", "Турцию").
     */
    private static WholeWords wholeWords(String name, boolean inflected) {
        if (inflected && name.codePointCount(0, name.length()) >= 5 && !name.contains(" ")) {
            String stem = name.replaceFirst("[аяеиоыьйуюәіөүұ]$", "");
            return new WholeWords(stem, "(?<![\\p{L}\\p{N}])" + Pattern.quote(stem) + "\\p{L}{0,4}(?![\\p{L}\\p{N}])");
        }
        return new WholeWords(name, "(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
    }

    /**
     * A name's pattern and the text every match of it contains ({@code literal}, matched case for case). Most of the
     * two hundred-odd names are in no article: looking for the text first spares the pattern's search of the whole
     * article for each (more than a quarter of the CPU an article's teasers took, which a first start spends on the
     * sample articles), and a pattern is compiled the first time its text is found, not all of them for the first
     * article in a language.
     */
    private static final class WholeWords {
        final String literal;
        private final String regex;
        private volatile Pattern pattern;

        WholeWords(String literal, String regex) {
            this.literal = literal;
            this.regex = regex;
        }

        Pattern pattern() {
            Pattern compiled = pattern;
            if (compiled == null) {
                compiled = Pattern.compile(regex);
                pattern = compiled; // two threads may both compile it: the same pattern either way
            }
            return compiled;
        }
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
        String language = article.language();
        Map<String, WholeWords> patterns = patterns(language);
        for (Map.Entry<String, String> e : names(language).entrySet()) {
            WholeWords pattern = patterns.get(e.getKey());
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
    private static int position(String text, WholeWords name) {
        if (!text.contains(name.literal)) {
            return -1;
        }
        Matcher m = name.pattern().matcher(text);
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
