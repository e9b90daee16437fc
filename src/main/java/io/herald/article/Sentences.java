package io.herald.article;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Sentence splitting that knows news copy, by the article's language ({@link #in}): ICU's sentence rules with CLDR's
 * break suppressions
 * ({@code en@ss=standard}: "Nov. 4", "Mr. Smith", "$6.5 billion" and "4.1 million" do not end a sentence), and a
 * break ICU still makes after an abbreviation of the newsroom's list ({@code news-abbreviations.txt} beside this
 * class, plus herald.social.abbreviations) is taken back: "said on Oct. 8." stays one sentence. Where a real
 * sentence ends with such an abbreviation, two sentences stay together: a teaser may carry more, never a cut one.
 */
public final class Sentences {

    private static final Set<String> BUILT_IN = load();

    private final String language;
    private final BreakIterator prototype;
    private final Set<String> abbreviations;
    private final java.util.Map<String, Sentences> others;

    /** The built-in list and the newsroom's own, for English text. */
    public Sentences(Collection<String> newsroom) {
        Set<String> all = new HashSet<>(BUILT_IN);
        newsroom.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(all::add);
        this.abbreviations = Set.copyOf(all);
        this.language = "en";
        this.prototype = BreakIterator.getSentenceInstance(new ULocale("en@ss=standard"));
        this.others = new java.util.concurrent.ConcurrentHashMap<>();
        others.put(language, this);
    }

    private Sentences(String language, Set<String> abbreviations, java.util.Map<String, Sentences> others) {
        this.language = language;
        this.abbreviations = abbreviations;
        // CLDR's suppressions (ss=standard) where the language has them (en, de, fr, ru, tr, ...); plain rules else.
        this.prototype = BreakIterator.getSentenceInstance(new ULocale(language + "@ss=standard"));
        this.others = others;
    }

    /**
     * The same splitting by the sentence rules of {@code language} (an article's, "ru"): the abbreviation lists are
     * shared, since a newsroom's list may hold several languages' ("г.", "млрд.").
     */
    public Sentences in(String language) {
        String tag = language == null || language.isBlank() ? "en" : language;
        return others.computeIfAbsent(tag, l -> new Sentences(l, abbreviations, others));
    }

    /** The built-in list only. */
    public static Sentences standard() {
        return new Sentences(List.of());
    }

    /** The sentences of {@code text}, stripped, in order. */
    public List<String> of(String text) {
        BreakIterator it = (BreakIterator) prototype.clone();
        it.setText(text);
        List<String> sentences = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            pending.append(text, start, end);
            String sentence = pending.toString().strip();
            if (sentence.isEmpty()) {
                pending.setLength(0);
            } else if (end == text.length() || !endsWithAbbreviation(sentence)) {
                sentences.add(sentence);
                pending.setLength(0);
            }
        }
        String rest = pending.toString().strip();
        if (!rest.isEmpty()) {
            sentences.add(rest);
        }
        return sentences;
    }

    /** True when the last word of {@code text} is one of the abbreviations ("on Oct.", "(Dr.", "the U.S."). */
    public boolean endsWithAbbreviation(String text) {
        int space = text.length() - 1;
        while (space >= 0 && !Character.isWhitespace(text.charAt(space))) {
            space--;
        }
        String word = text.substring(space + 1).replaceFirst("^[(\\[“‘\"'«]+", "");
        return abbreviations.contains(word);
    }

    /** Whether {@code text} holds quoted speech in any of the marks Herald reads: “...”, "...", «...», „...“. */
    public static boolean quotes(String text) {
        return text.contains("“") || text.contains("\"") || text.contains("«") || text.contains("„");
    }

    public static boolean startsWithQuote(String paragraph) {
        return !paragraph.isEmpty() && "“\"‘«„".indexOf(paragraph.charAt(0)) >= 0;
    }

    private static Set<String> load() {
        try (InputStream in = Sentences.class.getResourceAsStream("news-abbreviations.txt")) {
            if (in == null) {
                throw new IllegalStateException("news-abbreviations.txt is missing from the build");
            }
            Set<String> words = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
