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

    /** “...” and "..." (English, Turkish), «...» (Russian, Kazakh), „...“ (German-style, also in Kazakh print). */
    private static final Pattern QUOTED = Pattern.compile(
            "(?u)(?:[“\"]([^“”\"]{10,})[”\"]|«([^«»]{10,})»" + "|„([^„“”]{10,})[“”])\\s*([^!?“”\"«»„]{0,80})");

    private static final Pattern NAME = Pattern.compile("(?u)\\p{Lu}[\\p{L}’'\\-]+(?:\\s\\p{Lu}[\\p{L}’'\\-]+)*");
    /** Words that say someone spoke, in English, Russian, Kazakh and Turkish. */
    private static final Pattern SPEECH = Pattern.compile("(?iU).*\\b(said|says|added|noted|stressed|told|wrote"
            + "|explained|сказал\\w*|заявил\\w*|отметил\\w*|подчеркнул\\w*|добавил\\w*|сообщил\\w*|пояснил\\w*"
            + "|деді|айтты|атап өтті|мәлімдеді|жазды|қосты|dedi|söyledi|belirtti|vurguladı|ifade etti|açıkladı"
            + "|ekledi)\\b.*");

    private static final List<String> NOT_NAMES = List.of(
            "He",
            "She",
            "They",
            "It",
            "We",
            "I",
            "The",
            "In",
            "As",
            "According",
            "Он",
            "Она",
            "Они",
            "По",
            "В",
            "Как",
            "Ол",
            "Олар",
            "Бұл",
            "O",
            "Bu",
            "Onlar");

    private Quotes() {}

    public static Optional<Quote> best(Article article, List<String> places, Sentences sentences) {
        Sentences inLanguage = sentences.in(article.language());
        return article.paragraphs().stream()
                .flatMap(p -> candidates(p, inLanguage))
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
            String said = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            // The attribution runs to the end of its sentence: "said Dr. Aliya Nurlanova, the minister."; Russian
            // and Kazakh put a dash first («...», — сказал Токаев).
            List<String> attribution = sentences.of(m.group(4).replaceFirst("^[,\\s]*[—–-]\\s*", ""));
            Optional<String> speaker =
                    attribution.isEmpty() ? Optional.empty() : speaker(withoutTitles(attribution.get(0), sentences));
            if (speaker.isEmpty()
                    && !attribution.isEmpty()
                    && SPEECH.matcher(attribution.get(0)).matches()) {
                // Turkish names the speaker before the quote: Kurtulmuş, "..." dedi.
                speaker = speakerBefore(paragraph.substring(Math.max(0, m.start() - 80), m.start()));
            }
            if (speaker.isEmpty()) {
                continue;
            }
            List<String> saidSentences = sentences.of(said);
            for (int i = 0; i < saidSentences.size(); i++) {
                String sentence = saidSentences.get(i);
                // The last sentence of a quote ends with the comma before its attribution, or (Russian, Kazakh,
                // Turkish: «...», — сказал) with nothing: as a quote standing alone it ends with a full stop.
                String clean = sentence.replaceAll("[,;:]$", ".");
                if (i == saidSentences.size() - 1 && !clean.matches("(?s).*[.!?…]$")) {
                    clean = clean + ".";
                }
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
        if (!SPEECH.matcher(attribution).matches()) {
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

    /** The last name in the words just before a quote, within their sentence ("Kurtulmuş, " before "..."). */
    private static Optional<String> speakerBefore(String before) {
        String clause = before.replaceFirst("(?s).*[.!?]\\s", "");
        Optional<String> last = Optional.empty();
        Matcher name = NAME.matcher(clause);
        while (name.find()) {
            if (!NOT_NAMES.contains(name.group())) {
                last = Optional.of(name.group());
            }
        }
        return last;
    }

    private static int mentions(String sentence, List<String> places) {
        return (int) places.stream().filter(sentence::contains).count();
    }
}
