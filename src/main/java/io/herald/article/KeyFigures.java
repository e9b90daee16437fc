package io.herald.article;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The article's key figure: the sentences of the first reported (not quoted) paragraph after the lead that state an
 * amount of money, a percentage or a count in millions. "Last year, bilateral trade reached $6 billion. However,
 * ... can reach $10 billion in the future." is the seed's. At most two sentences, so a teaser stays a teaser.
 * Figures are read as English, Russian, Kazakh and Turkish write them: "$6 млрд", "6 миллиардов долларов",
 * "6 млрд доллар", "10 milyar dolar", "%12", "12 процентов".
 */
public final class KeyFigures {

    /** Scale words of the languages Herald reads: "billion", "млрд", "миллиардов", "milyar". */
    private static final String SCALE = "(?:billion|million|trillion|thousand|bn|mn|млрд\\.?|млн\\.?|трлн\\.?"
            + "|миллиард\\w*|миллион\\w*|триллион\\w*|milyar|milyon|trilyon)";
    /** Currencies as words: "dollars", "долларов", "доллар", "теңге", "dolar". */
    private static final String CURRENCY = "(?:dollars|euros|tenge|pounds|yuan|roubles|rubles|lira|доллар\\w*"
            + "|евро|тенге|теңге|рубл\\w*|юан\\w*|лир\\w*|dolar|avro|euro|sterlin)";

    // (?U): word boundaries and \w know Cyrillic and Turkish letters.
    private static final Pattern FIGURE = Pattern.compile("(?iU)"
            + "[$€£¥₸]\\s?\\d[\\d,.]*(?:\\s?" + SCALE + "(?!\\w))?"
            + "|\\b\\d[\\d,.]*\\s?(?:%|percent\\b|per cent\\b|процент\\w*|пайыз\\w*)"
            + "|%\\s?\\d[\\d,.]*"
            + "|\\b\\d[\\d,.]*\\s" + SCALE + "(?!\\w)"
            + "|\\b\\d[\\d,.]*\\s(?:" + SCALE + "\\s)?" + CURRENCY + "(?!\\w)");

    private KeyFigures() {}

    public static Optional<String> of(Article article, Sentences sentences) {
        List<String> paragraphs = article.paragraphs();
        for (int i = 1; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (Sentences.startsWithQuote(paragraph)
                    || !FIGURE.matcher(paragraph).find()) {
                continue;
            }
            List<String> withFigures = sentences.in(article.language()).of(paragraph).stream()
                    .filter(s -> FIGURE.matcher(s).find() && !Sentences.quotes(s))
                    .limit(2)
                    .toList();
            if (!withFigures.isEmpty()) {
                return Optional.of(String.join(" ", withFigures));
            }
        }
        return Optional.empty();
    }
}
