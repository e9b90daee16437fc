package io.herald.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.herald.templating.EditorTemplates;
import io.herald.templating.TemplatesConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The languages Herald writes in and their words: templates/messages/&lt;tag&gt;.properties on disk (editors'
 * copies, reloaded when a template file changes) ahead of the copies built into the jar. English is the fallback
 * for every key. A language is added by adding its file; {@link #SHIPPED} are the ones built in.
 */
@ApplicationScoped
public class Languages {

    /** The languages whose words are built into Herald. */
    public static final List<String> SHIPPED = List.of("en", "kk", "ru", "tr");

    private static final String ENGLISH = "en";

    private final EditorTemplates templates;
    private final LanguagesConfig config;
    private final Path folder;
    private volatile Loaded loaded;

    /**
     * The language part of tags met so far: every message of a send asks for its list's words, and parsing the tag
     * each time was 2% of a sending thread's CPU. Tags also come from browsers; past 256 the cache is emptied.
     */
    private final Map<String, String> languageParts = new ConcurrentHashMap<>();

    private record Loaded(int generation, Map<String, Words> words) {}

    Languages(EditorTemplates templates, TemplatesConfig templatesConfig, LanguagesConfig config) {
        this.templates = templates;
        this.config = config;
        this.folder =
                Path.of(templatesConfig.dir()).toAbsolutePath().normalize().resolve("messages");
    }

    /** The words of {@code tag} ("ru", "ru-KZ" reads as "ru"); the default language's when Herald has no such. */
    public Words words(String tag) {
        Map<String, Words> all = current().words();
        return Optional.ofNullable(tag)
                .flatMap(this::known)
                .map(all::get)
                .orElseGet(() -> all.getOrDefault(defaultLanguage(), all.get(ENGLISH)));
    }

    /** The tag Herald has for {@code tag}, by its language part: "ru-KZ" gives "ru", "de" gives nothing. */
    public Optional<String> known(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = languageParts.get(tag);
        if (language == null) {
            language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
            if (languageParts.size() >= 256) {
                languageParts.clear();
            }
            languageParts.put(tag, language);
        }
        return current().words().containsKey(language) ? Optional.of(language) : Optional.empty();
    }

    /** Every language Herald has words for, English first. */
    public List<String> languages() {
        List<String> tags = new ArrayList<>(new TreeSet<>(current().words().keySet()));
        tags.remove(ENGLISH);
        tags.add(0, ENGLISH);
        return tags;
    }

    public String defaultLanguage() {
        return known(config.defaultLanguage()).orElse(ENGLISH);
    }

    /** The language a browser asks for (Accept-Language) that Herald has, else the default. */
    public String forBrowser(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Optional<String> tag = known(range.getRange());
                    if (tag.isPresent() && range.getWeight() > 0) {
                        return tag.get();
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // A header Herald cannot read asks for nothing.
            }
        }
        return defaultLanguage();
    }

    private Loaded current() {
        int generation = templates.generation();
        Loaded now = loaded;
        if (now == null || now.generation() != generation) {
            now = new Loaded(generation, load());
            loaded = now;
        }
        return now;
    }

    private Map<String, Words> load() {
        TreeSet<String> tags = new TreeSet<>(SHIPPED);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("[a-z]{2,3}(-[A-Za-z0-9]+)*\\.properties"))
                        .forEach(n -> tags.add(n.substring(0, n.length() - ".properties".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> english = read(ENGLISH);
        Map<String, Words> words = new HashMap<>();
        for (String tag : tags) {
            words.put(tag, new Words(tag, tag.equals(ENGLISH) ? english : read(tag), english));
        }
        return Map.copyOf(words);
    }

    /** One language's file: the editors' copy on disk, else the one built into the jar, else nothing. */
    private Map<String, String> read(String tag) {
        Path file = folder.resolve(tag + ".properties");
        try (InputStream in = Files.isRegularFile(file)
                ? Files.newInputStream(file)
                : Languages.class.getClassLoader().getResourceAsStream("templates/messages/" + tag + ".properties")) {
            if (in == null) {
                return Map.of();
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(k -> texts.put(k, properties.getProperty(k)));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("templates/messages/" + tag + ".properties: " + e.getMessage(), e);
        }
    }
}
