package io.herald.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.ibm.icu.text.BreakIterator;

/** Sentence splitting by ICU's rules, which know that "$6.5 billion" and "U.S." do not end a sentence. */
final class Sentences {

    private Sentences() {
    }

    static List<String> of(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    static boolean startsWithQuote(String paragraph) {
        return !paragraph.isEmpty() && "“\"‘«„".indexOf(paragraph.charAt(0)) >= 0;
    }
}
