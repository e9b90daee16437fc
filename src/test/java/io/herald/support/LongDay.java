package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A newsroom's day: 25 stories of 500 to 900 words in the plain-text article shape, made from the test's own news
 * sentences (fixtures/sentences), each with its own headline, dateline, a photo caption and the call-to-action.
 * The same every run.
 */
public final class LongDay {

    static final String[] PLACES = {"ASTANA", "ALMATY", "SHYMKENT", "AKTAU", "KARAGANDA"};
    static final String[] TOPICS = {
        "Rail Freight",
        "Wheat Exports",
        "City Buses",
        "Flood Relief",
        "Wind Power",
        "School Meals",
        "Border Trade",
        "Air Routes",
        "Water Pipes",
        "Pension Reform",
        "Copper Output",
        "Tourism Season",
        "Metro Hours",
        "Grain Terminal",
        "Glacier Study",
        "Housing Prices",
        "Clinic Opening",
        "Caspian Ferry",
        "Court Ruling",
        "Tenge Rate",
        "Budget Deficit",
        "Election Turnout",
        "Bridge Repair",
        "Genome Project",
        "Forum Date"
    };

    private LongDay() {}

    /** The headline of story i (0-based). */
    public static String headline(int i) {
        return TOPICS[i] + ": What Changes for Readers in " + (i % 2 == 0 ? "the Capital" : "the Regions")
                + " This Week";
    }

    /** Story i as the plain-text article reader takes it. */
    public static String story(int i) {
        List<String> sentences = sentences();
        int words = 500 + (i * 53) % 400;
        StringBuilder text = new StringBuilder(headline(i))
                .append("\n\n")
                .append(PLACES[i % PLACES.length])
                .append(" – ");
        int count = 0;
        int s = i * 7;
        int paragraphSentences = 0;
        boolean captioned = false;
        while (count < words) {
            String sentence = sentences.get(s++ % sentences.size());
            text.append(sentence);
            count += sentence.split("\\s+").length;
            if (++paragraphSentences == 3) {
                text.append("\n\n");
                paragraphSentences = 0;
                if (!captioned) {
                    text.append(
                            "A view of the site on the day of the announcement. Photo credit: The Steppe Ledger\n\n");
                    captioned = true;
                }
            } else {
                text.append(' ');
            }
        }
        return text.toString().strip()
                + "\n\nFollow The Steppe Ledger on X, Facebook and Telegram for daily updates.\n";
    }

    public static List<String> stories() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < TOPICS.length; i++) {
            all.add(story(i));
        }
        return all;
    }

    private static List<String> sentences() {
        try (InputStream in =
                LongDay.class.getClassLoader().getResourceAsStream("fixtures/sentences/news-sentences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
