package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.apache.james.jdkim.canon.DigestOutputStream;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relaxed body hash (RFC 6376, 3.4.4) on whole expected texts, then on generated bodies cut into writes at random
 * places: against the RFC's steps applied to the whole body at once, and against jDKIM's canonicalizer.
 */
class RelaxedBodyHashTest {

    @Test
    void theRfcsOwnExampleAndTheEdges() throws Exception {
        // RFC 6376, 3.4.5: " C \r\nD \t E\r\n\r\n\r\n" is canonicalized as " C\r\nD E\r\n".
        assertThat(canonical(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
        assertThat(canonical("")).isEmpty();
        assertThat(canonical("\r\n\r\n  \r\n\t\r\n")).isEmpty();
        assertThat(canonical("no line end")).isEqualTo("no line end\r\n");
        assertThat(canonical("trailing  \t")).isEqualTo("trailing\r\n");
        assertThat(canonical("a\r\n\r\n \r\nb\r\n\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(canonical("lone\rCR and lone\nLF\r\n")).isEqualTo("lone\rCR and lone\nLF\r\n");
        assertThat(canonical("ends in CR\r")).isEqualTo("ends in CR\r\r\n");
    }

    @Test
    void generatedBodiesHashAsTheRfcStepsAndAsJdkim() throws Exception {
        Random random = new Random(6376);
        String[] pieces = {"a", "Kurtulmu=C5=9F", "=", " ", "  ", "\t", " \t ", "\r\n", "\r\n\r\n", "x\r\n"};
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
            String expected = hex(sha256(fromTheRfc(text.toString()).getBytes(StandardCharsets.US_ASCII)));

            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            RelaxedBodyHash hash = new RelaxedBodyHash(digest);
            int at = 0;
            while (at < body.length) {
                int length = Math.min(body.length - at, random.nextInt(5));
                hash.write(body, at, length);
                at += length;
            }
            assertThat(hex(hash.hash())).as("body %s", text).isEqualTo(expected);

            // Two edges where jDKIM's canonicalizer differs from RFC 6376 (and from dkimpy), neither in a body Herald
            // signs: it keeps a space left at the very end of a body without a line end, and hashes a body of
            // nothing but empty lines as one CRLF, where RFC 6376 hashes nothing.
            if (!text.toString().matches("(?s).*[ \t]+")
                    && !fromTheRfc(text.toString()).isEmpty()) {
                assertThat(hex(jdkim(body))).as("jDKIM, body %s", text).isEqualTo(expected);
            }
        }
    }

    /** RFC 6376, 3.4.4, step by step on the whole body. */
    private static String fromTheRfc(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        // The text after the last CRLF is a last line without its CRLF (empty when the body ends in CRLF).
        String last = lines.remove(lines.size() - 1);
        if (!last.isEmpty()) {
            lines.add(last);
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replaceAll("[ \t]+", " ").replaceAll(" $", ""));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        StringBuilder canonical = new StringBuilder();
        out.forEach(line -> canonical.append(line).append("\r\n"));
        return canonical.toString();
    }

    private static String canonical(String body) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        MessageDigest recording = new MessageDigest("recording") {
            @Override
            protected void engineUpdate(byte input) {
                seen.write(input);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int len) {
                seen.write(input, offset, len);
            }

            @Override
            protected byte[] engineDigest() {
                return new byte[0];
            }

            @Override
            protected void engineReset() {}
        };
        RelaxedBodyHash hash = new RelaxedBodyHash(recording);
        hash.write(body.getBytes(StandardCharsets.US_ASCII));
        hash.hash();
        return seen.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] jdkim(byte[] body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        DigestOutputStream out = new DigestOutputStream(digest);
        try (RelaxedBodyCanonicalizer canonicalizer = new RelaxedBodyCanonicalizer(out)) {
            canonicalizer.write(body);
        }
        return out.getDigest();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
