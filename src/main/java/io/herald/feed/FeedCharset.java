package io.herald.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import com.rometools.rome.io.XmlReader;

/**
 * The characters of a feed document. A byte order mark, the XML declaration's encoding or the Content-Type's charset
 * decide, as XML says (ROME's XmlReader reads them). With none of them the bytes are UTF-8 when they are valid
 * UTF-8; otherwise ICU's detector names the encoding (EUC-JP, EUC-KR, KOI8-R, Shift_JIS and the like, which old
 * feeds send undeclared), and a feed it cannot name with confidence is refused, never read as U+FFFD soup.
 */
final class FeedCharset {

    /** Below this ICU confidence (0-100) a guess is not good enough to mail. */
    static final int MIN_CONFIDENCE = 30;

    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*\\bencoding\\s*=\\s*[\"']([^\"']+)");

    private FeedCharset() {}

    static Reader reader(byte[] body, String contentType) throws FeedFailure, IOException {
        if (declared(body, contentType)) {
            return new XmlReader(new ByteArrayInputStream(body), contentType, true);
        }
        try {
            return new StringReader(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            CharsetDetector detector = new CharsetDetector();
            detector.setText(body);
            // The likeliest encoding in which the bytes decode without a single replacement character.
            for (CharsetMatch match : detector.detectAll()) {
                if (match.getConfidence() < MIN_CONFIDENCE) {
                    break;
                }
                Optional<String> text = strictly(body, match.getName());
                if (text.isPresent()) {
                    return new StringReader(text.get());
                }
            }
            throw new FeedFailure("the feed is not UTF-8 and declares no encoding (neither in its XML "
                    + "declaration nor in its Content-Type), and its encoding cannot be recognised");
        }
    }

    private static Optional<String> strictly(byte[] body, String charset) {
        if (!Charset.isSupported(charset)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(charset)
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A byte order mark, an encoding in the XML declaration or a charset in the Content-Type. */
    static boolean declared(byte[] body, String contentType) {
        if (body.length >= 2
                && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)
                        || (body.length >= 3
                                && body[0] == (byte) 0xEF
                                && body[1] == (byte) 0xBB
                                && body[2] == (byte) 0xBF))) {
            return true;
        }
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        if (m.find()) {
            return true;
        }
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("charset=");
    }
}
