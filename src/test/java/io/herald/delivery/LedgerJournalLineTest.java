package io.herald.delivery;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A journal line's message id loses exactly what {@code \s} matches, as the regular expression it replaced did. */
class LedgerJournalLineTest {

    @Test
    void dropsWhatTheRegularExpressionDropped() {
        Random random = new Random(21);
        char[] alphabet = {
            'a', 'Z', '0', '<', '>', '@', '.', ' ', '\t', '\n', '\u000b', '\f', '\r', '\u00a0', '\u2003', '\u001c',
            '\u0085'
        };
        for (int n = 0; n < 20_000; n++) {
            StringBuilder id = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                id.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = id.toString();
            assertEquals(text.replaceAll("\\s", ""), LedgerJournal.withoutWhitespace(text), () -> "for " + text);
        }
    }

    @Test
    void anIdWithoutWhitespaceIsTheSameString() {
        String id = "250 2.0.0 Ok: queued as 4Xk9Q2";
        assertEquals("2502.0.0Ok:queuedas4Xk9Q2", LedgerJournal.withoutWhitespace(id));
        String queueId = "<1.2.3@news.example.org>";
        assertSame(queueId, LedgerJournal.withoutWhitespace(queueId));
    }
}
