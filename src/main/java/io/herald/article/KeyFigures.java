package io.herald.article;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The article's key figure: the sentences of the first reported (not quoted) paragraph after the lead that state an
 * amount of money, a percentage or a count in millions. "Last year, bilateral trade reached $6 billion. However,
 * ... can reach $10 billion in the future." is the seed's. At most two sentences, so a teaser stays a teaser.
 */
public final class KeyFigures {

    private static final Pattern FIGURE = Pattern.compile("(?iu)"
            + "[$€£¥₸]\\s?\\d[\\d,.]*(?:\\s?(?:billion|million|trillion|thousand|bn|mn)\\b)?"
            + "|\\b\\d[\\d,.]*\\s?(?:%|percent\\b|per cent\\b)"
            + "|\\b\\d[\\d,.]*\\s(?:billion|million|trillion)\\b"
            + "|\\b\\d[\\d,.]*\\s(?:dollars|euros|tenge|pounds|yuan|roubles|rubles|lira)\\b");

    private KeyFigures() {}

    public static Optional<String> of(Article article, Sentences sentences) {
        List<String> paragraphs = article.paragraphs();
        for (int i = 1; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (Sentences.startsWithQuote(paragraph)
                    || !FIGURE.matcher(paragraph).find()) {
                continue;
            }
            List<String> withFigures = sentences.of(paragraph).stream()
                    .filter(s -> FIGURE.matcher(s).find() && !s.contains("“") && !s.contains("\""))
                    .limit(2)
                    .toList();
            if (!withFigures.isEmpty()) {
                return Optional.of(String.join(" ", withFigures));
            }
        }
        return Optional.empty();
    }
}
