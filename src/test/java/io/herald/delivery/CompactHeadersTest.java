package io.herald.delivery;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import jakarta.mail.internet.InternetHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Compact headers come out as a plain InternetHeaders' do, whatever is set, added or removed in whatever order. */
class CompactHeadersTest {

    /** The kept places (as their own names and in other cases) and headers that have no place of their own. */
    static final List<String> NAMES = List.of(
            "Return-Path",
            "Received",
            "Date",
            "From",
            "Sender",
            "Reply-To",
            "To",
            "Cc",
            "Bcc",
            "Message-ID",
            "In-Reply-To",
            "References",
            "Subject",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            "content-type",
            "SUBJECT",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "Precedence",
            "Content-Language",
            "DKIM-Signature",
            "X-Herald-Send",
            "Feedback-ID");

    @Test
    void writesWhatAPlainInternetHeadersWrites() throws Exception {
        Random random = new Random(822);
        for (int n = 0; n < 5_000; n++) {
            InternetHeaders plain = new InternetHeaders();
            InternetHeaders compact = new CompactHeaders();
            for (int op = random.nextInt(30); op > 0; op--) {
                String name = NAMES.get(random.nextInt(NAMES.size()));
                String value = "v" + random.nextInt(5);
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> {
                        plain.setHeader(name, value);
                        compact.setHeader(name, value);
                    }
                    case 3, 4 -> {
                        plain.addHeader(name, value);
                        compact.addHeader(name, value);
                    }
                    default -> {
                        plain.removeHeader(name);
                        compact.removeHeader(name);
                    }
                }
            }
            assertThat(Collections.list(compact.getAllHeaderLines()))
                    .as("case %d", n)
                    .isEqualTo(Collections.list(plain.getAllHeaderLines()));
            for (String name : NAMES) {
                assertThat(compact.getHeader(name)).isEqualTo(plain.getHeader(name));
            }
        }
    }

    @Test
    void keepsEveryPlaceHeraldWritesInTheOrderOfAPlainOne() {
        assertThat(new Places().names()).containsSubsequence(CompactHeaders.PLACES);
    }

    /** A plain InternetHeaders' empty places, by name. */
    static final class Places extends InternetHeaders {
        List<String> names() {
            return headers.stream().map(InternetHeader::getName).toList();
        }
    }
}
