package io.herald.social;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.article.Article;
import io.herald.article.PlainTextArticleReader;
import io.herald.article.Sentences;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts invariant on a corpus of news sentences written for this test (fixtures/sentences): every sentence a
 * teaser takes from an article is a whole sentence of it, and every number a teaser shows stands in it as in the
 * article, with the words around it (its unit, its month, its currency). Each sentence is the lead of one article,
 * a figure paragraph of another and a quote of a third; every channel of the call-to-action is teased.
 */
@QuarkusTest
class TeaserFactsTest {

    /** A number as written: "$1.2", "4.1%", "6:40", "1,240", "2.5-kilometer". */
    static final Pattern NUMBER = Pattern.compile("(?<![\\w.,:$€£¥₸-])[$€£¥₸]?\\d(?:[\\d,.:]*\\d)?(?:%|-\\p{L}+)?");

    @Inject
    TeaserComposer composer;

    @Inject
    TeaserFacts teaserFacts;

    static List<String> corpus() throws Exception {
        try (InputStream in =
                TeaserFactsTest.class.getClassLoader().getResourceAsStream("fixtures/sentences/news-sentences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    /** A headline long enough that the lead must be shortened to fit X, Bluesky and Threads. */
    static final String LONG_TITLE = "Astana Daily Report on the Ministers, the Markets, the Weather and the Courts "
            + "That Shaped the Week Across Every Region of the Country, From the Caspian Shore to the Altai "
            + "Mountains and the Steppe Between Them";

    static Article article(int n, String title, String lead1, String lead2, String fig1, String fig2, String quoted) {
        String quote = quoted.substring(0, quoted.length() - 1) + ",";
        String text = title + "\n\n"
                + "ASTANA – " + lead1 + " " + lead2 + "\n\n"
                + fig1 + " " + fig2 + "\n\n"
                + "“" + quote + "” said Dr. Aliya Nurlanova, the ministry's spokeswoman.\n\n"
                + "Follow us on X, Facebook, Telegram, Mastodon, Bluesky, LinkedIn, Threads and Instagram.\n";
        return new PlainTextArticleReader().read(text).stored(1000 + n, Instant.parse("2026-10-08T06:00:00Z"));
    }

    @Test
    void everySentenceATeaserTakesIsWholeAndEveryFigureKeepsItsUnit() throws Exception {
        List<String> s = corpus();
        assertThat(s).hasSizeGreaterThanOrEqualTo(60);
        SoftAssertions softly = new SoftAssertions();
        int quotes = 0;
        int figures = 0;
        int shortened = 0;
        for (int i = 0; i < s.size(); i++) {
            String l1 = s.get(i);
            String l2 = s.get((i + 1) % s.size());
            String f1 = s.get((i + 2) % s.size());
            String f2 = s.get((i + 3) % s.size());
            String q = s.get((i + 4) % s.size());
            Article article = article(i, "Astana Daily Report " + i, l1, l2, f1, f2, q);
            TeaserFacts.Facts facts = teaserFacts.of(article);

            softly.assertThat(facts.lead()).as("lead of article %d", i).isIn(l1, l1 + " " + l2);
            if (!facts.figure().isEmpty()) {
                figures++;
                softly.assertThat(facts.figure()).as("figure of article %d", i).isIn(f1, f2, f1 + " " + f2);
            }
            if (!facts.quote().isEmpty()) {
                quotes++;
                softly.assertThat(facts.quote())
                        .as("quote of article %d", i)
                        .isEqualTo("“" + q + "” – Aliya Nurlanova");
            }
            Article longTitle = article(i, LONG_TITLE, l1, l2, f1, f2, q);
            String source = article.title() + "\n\n" + String.join("\n\n", article.paragraphs());
            List<Teaser> teasers = new ArrayList<>(composer.compose(article));
            teasers.addAll(composer.compose(longTitle));
            for (Teaser teaser : teasers) {
                String text = teaser.text();
                if (text.contains(TextFitting.ELLIPSIS)) {
                    shortened++;
                }
                for (String problem : factProblems(text, LONG_TITLE + "\n\n" + source)) {
                    softly.fail("article %d, %s: %s%n%s", i, teaser.channel(), problem, text);
                }
            }
        }
        softly.assertAll();
        // The corpus exercises every path: figures, quotes and leads shortened for the short channels.
        assertThat(figures).isGreaterThan(30);
        assertThat(quotes).isGreaterThan(30);
        assertThat(shortened).isGreaterThan(10);
    }

    /**
     * What a teaser misstates: a number with other words around it than in the article (a unit, month or currency
     * lost), or text shortened right after a number or an abbreviation.
     */
    static List<String> factProblems(String teaser, String article) {
        List<String> problems = new ArrayList<>();
        String shown = teaser.replaceAll("https?://\\S+", " ").replaceAll("#\\S+", " ");
        Matcher m = NUMBER.matcher(shown);
        while (m.find()) {
            String context = window(shown, m.start(), m.end());
            if (!article.contains(context)) {
                problems.add("\"" + context + "\" is not in the article as written");
            }
        }
        Matcher cut = Pattern.compile("(\\S+)\\s?" + TextFitting.ELLIPSIS).matcher(shown);
        while (cut.find()) {
            String last = cut.group(1);
            if (last.matches(".*\\d.*") || Sentences.standard().endsWithAbbreviation(last)) {
                problems.add("shortened after \"" + last + "\"");
            }
        }
        return problems;
    }

    /** The number with the word before it and the word after it, as far as the teaser has them. */
    static String window(String text, int start, int end) {
        int from = start;
        int before = text.lastIndexOf(' ', Math.max(0, start - 2));
        if (start > 0 && text.charAt(start - 1) == ' ' && before >= 0 && text.lastIndexOf('\n', start) < before) {
            from = before + 1;
        }
        int to = end;
        if (end < text.length() && text.charAt(end) == ' ') {
            int after = end + 1;
            while (after < text.length() && !Character.isWhitespace(text.charAt(after))) {
                after++;
            }
            to = after;
        }
        return text.substring(from, to).replaceAll("…?[”»\"]*$", "").replaceAll("[.,;:!?”»\"')]+$", "");
    }

    @Test
    void theInvariantCatchesALostUnitAndADateCutAtItsMonth() {
        String article = "The pipeline will carry 4.1 million tons from Oct. 8 onwards.";
        assertThat(factProblems("The pipeline will carry 4.1 million tons…", article))
                .isEmpty();
        assertThat(factProblems("The pipeline will carry 4.1…", article)).isNotEmpty();
        assertThat(factProblems("The pipeline will carry 4.1 tons", article)).isNotEmpty();
        assertThat(factProblems("It starts on Oct.…", article)).isNotEmpty();
        assertThat(factProblems("It starts on Oct. 9 onwards.", article)).isNotEmpty();
    }

    @Test
    void sentencesKnowNewsAbbreviationsAndTheNewsroomsOwn() {
        Sentences standard = Sentences.standard();
        assertThat(standard.of("The route's association said on Oct. 8. Trucks waited."))
                .containsExactly("The route's association said on Oct. 8.", "Trucks waited.");
        assertThat(standard.of("The U.S. Senate voted. Dr. Bekov spoke at 10 a.m. Tuesday in Astana."))
                .containsExactly("The U.S. Senate voted.", "Dr. Bekov spoke at 10 a.m. Tuesday in Astana.");
        assertThat(standard.of("Dep. Min. Nurlanov spoke. He left.")).hasSize(3);
        assertThat(new Sentences(List.of("Dep.", "Min.")).of("Dep. Min. Nurlanov spoke. He left."))
                .containsExactly("Dep. Min. Nurlanov spoke.", "He left.");
    }
}
