package io.herald.delivery;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** A power loss can leave a page of the mapped journal as zeros: a line with a zero byte is not replayed. */
    @Test
    void aLineWithAZeroByteIsNotReplayed() {
        assertEquals(
                DeliveryState.SENT,
                LedgerJournal.parse("12 n1:r1:w1/0 <a@news.example.com>").state());
        assertEquals(
                "<a@news.example.com>",
                LedgerJournal.parse("12 n1:r1:w1/0 <a@news.example.com>").messageId());
        assertNull(LedgerJournal.parse("12 n1:r1:w1/0 <a@news.exam\0\0\0"));
        assertNull(LedgerJournal.parse("\0\0\0\0com>"));
        assertNull(LedgerJournal.parse("1\02 n1:r1:w1/0 -"));
    }

    @Test
    void anIdWithoutWhitespaceIsTheSameString() {
        String id = "250 2.0.0 Ok: queued as 4Xk9Q2";
        assertEquals("2502.0.0Ok:queuedas4Xk9Q2", LedgerJournal.withoutWhitespace(id));
        String queueId = "<1.2.3@news.example.org>";
        assertSame(queueId, LedgerJournal.withoutWhitespace(queueId));
    }
}
