package io.herald.social;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.herald.article.Article;
import io.herald.article.Sentences;

/**
 * Picks the quote a teaser can carry: one sentence of quoted speech, 30 to 140 characters, said by someone the
 * article names ("..., said Kurtulmuş"; "he said" is not enough for a teaser that stands alone). Among those the one
 * naming most of the article's places wins, then the shorter, then the earlier.
 */
public final class Quotes {

    static final int MIN_LENGTH = 30;
    static final int MAX_LENGTH = 140;

    private static final Pattern QUOTED = Pattern.compile("(?u)[“\"]([^“”\"]{10,})[”\"]\\s*([^!?“”\"]{0,80})");
    private static final Pattern NAME = Pattern.compile("(?u)\\p{Lu}[\\p{L}’'\\-]+(?:\\s\\p{Lu}[\\p{L}’'\\-]+)*");
    private static final List<String> NOT_NAMES =
            List.of("He", "She", "They", "It", "We", "I", "The", "In", "As", "According");

    private Quotes() {}

    public static Optional<Quote> best(Article article, List<String> places, Sentences sentences) {
        return article.paragraphs().stream()
                .flatMap(p -> candidates(p, sentences))
                .filter(q -> q.sentence().codePointCount(0, q.sentence().length()) >= MIN_LENGTH
                        && q.sentence().codePointCount(0, q.sentence().length()) <= MAX_LENGTH)
                .sorted(Comparator.comparingInt((Quote q) -> -mentions(q.sentence(), places))
                        .thenComparingInt(q -> q.sentence().length()))
                .findFirst();
    }

    private static Stream<Quote> candidates(String paragraph, Sentences sentences) {
        Stream.Builder<Quote> quotes = Stream.builder();
        Matcher m = QUOTED.matcher(paragraph);
        while (m.find()) {
            // The attribution runs to the end of its sentence: "said Dr. Aliya Nurlanova, the minister."
            List<String> attribution = sentences.of(m.group(2));
            Optional<String> speaker =
                    attribution.isEmpty() ? Optional.empty() : speaker(withoutTitles(attribution.get(0), sentences));
            if (speaker.isEmpty()) {
                continue;
            }
            for (String sentence : sentences.of(m.group(1))) {
                // The last sentence of a quote ends with the comma before its attribution.
                String clean = sentence.replaceAll("[,;:]$", ".");
                if (clean.matches("(?s).*[.!?]$")) {
                    quotes.add(new Quote(clean, speaker.get()));
                }
            }
        }
        return quotes.build();
    }

    /** "said Dr. Aliya Nurlanova" names Aliya Nurlanova: a title is not a name. */
    private static String withoutTitles(String attribution, Sentences sentences) {
        StringBuilder kept = new StringBuilder();
        for (String word : attribution.split("\\s+")) {
            if (!(sentences.endsWithAbbreviation(word) && !word.isEmpty() && Character.isUpperCase(word.charAt(0)))) {
                kept.append(word).append(' ');
            }
        }
        return kept.toString().strip();
    }

    /** "said Kurtulmuş" or "Tokayev said" name a speaker; "he said" does not. */
    static Optional<String> speaker(String attribution) {
        if (!attribution.matches("(?iu).*\\b(said|says|added|noted|stressed|told|wrote|explained)\\b.*")) {
            return Optional.empty();
        }
        Matcher name = NAME.matcher(attribution);
        while (name.find()) {
            if (!NOT_NAMES.contains(name.group())) {
                return Optional.of(name.group());
            }
        }
        return Optional.empty();
    }

    private static int mentions(String sentence, List<String> places) {
        return (int) places.stream().filter(sentence::contains).count();
    }
}
