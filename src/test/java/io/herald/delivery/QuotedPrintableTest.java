package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.eclipse.angus.mail.util.QPEncoderStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Herald's quoted-printable encoder writes what Angus's QPEncoderStream writes, byte for byte. */
class QuotedPrintableTest {

    @Test
    void encodesAsAngusOnRandomTexts() throws IOException {
        Random random = new Random(2045);
        byte[] alphabet = {
            'a',
            'Z',
            '0',
            '.',
            '=',
            ' ',
            ' ',
            ' ',
            '\t',
            '\r',
            '\n',
            '\n',
            0,
            127,
            (byte) 0xc3,
            (byte) 0xbc,
            (byte) 0xff,
            '~',
            '!'
        };
        for (int n = 0; n < 30_000; n++) {
            byte[] text = new byte[random.nextInt(n % 10 == 0 ? 600 : 120)];
            for (int i = 0; i < text.length; i++) {
                // Long plain stretches too, so soft breaks fall on every kind of character.
                text[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            assertThat(QuotedPrintable.encode(text)).as("text %d", n).isEqualTo(angus(text));
        }
    }

    @Test
    void encodesTheSeedDigestLinesAsAngus() throws IOException {
        String[] lines = {
            "Hello Numan Kurtulmuş,\n",
            "ASTANA – Kazakh President Kassym-Jomart Tokayev met with Grand National Assembly of Türkiye Speaker"
                    + " Numan Kurtulmuş on Nov. 27 in Astana.   \n",
            "<a href=\"https://news.example.org/u/demo.42.AbC-dE_f==\">Unsubscribe</a> \r\n",
            " ",
            "",
            "=".repeat(80),
        };
        for (String line : lines) {
            byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
            assertThat(new String(QuotedPrintable.encode(utf8), StandardCharsets.US_ASCII))
                    .as(line)
                    .isEqualTo(new String(angus(utf8), StandardCharsets.US_ASCII));
        }
        assertThat(new String(
                        QuotedPrintable.encode("a b \n".getBytes(StandardCharsets.US_ASCII)),
                        StandardCharsets.US_ASCII))
                .isEqualTo("a b=20\r\n");
    }

    private static byte[] angus(byte[] text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QPEncoderStream qp = new QPEncoderStream(out)) {
            qp.write(text);
        }
        return out.toByteArray();
    }
}
