package io.herald.fuzz;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Structurally broken feeds for the fuzz, varied by the noise: RSS without a channel or with one in another
 * namespace, Atom 0.3 base64 content broken over random line ends, Atom 1.0 content of random media types, and
 * text in legacy encodings that the document declares nowhere.
 */
final class BrokenFeeds {

    static final String[] LEGACY = {"EUC-JP", "EUC-KR", "KOI8-R", "Shift_JIS", "windows-1251", "ISO-8859-9"};
    static final String[] SAMPLES = {
        "Власти Астаны открыли новую библиотеку в центре города для всех читателей.",
        "アスタナ市は月曜日、市の中心部に新しい図書館を開館したと発表した。",
        "알마티 시는 월요일 도심에 새 지하철역을 개통했다고 밝혔다.",
        "Türkiye ile Kazakistan arasındaki ticaret geçen yıl altı milyar dolara ulaştı."
    };
    static final String[] TYPES = {
        "text",
        "html",
        "xhtml",
        "text/plain",
        "text/html",
        "application/octet-stream",
        "image/png",
        "application/json",
        "application/xhtml+xml",
        ""
    };

    private BrokenFeeds() {}

    static byte[] make(int kind, Noise noise, int i) {
        return switch (kind) {
            case 0 ->
                (noise.coin()
                                ? "<?xml version=\"1.0\"?><rss version=\"2.0\"><item><title>" + noise.text(4)
                                        + "</title></item></rss>"
                                : "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:o=\"https://o.example/\"><o:channel><o:item>"
                                        + "<o:title>" + noise.text(4) + "</o:title></o:item></o:channel></rss>")
                        .getBytes(StandardCharsets.UTF_8);
            case 1 -> atom03(noise, i);
            case 2 -> atom10(noise, i);
            default -> legacy(noise, i);
        };
    }

    private static byte[] atom03(Noise noise, int i) {
        String encoded =
                Base64.getEncoder().encodeToString(("<p>" + noise.text(20) + "</p>").getBytes(StandardCharsets.UTF_8));
        StringBuilder wrapped = new StringBuilder();
        for (int at = 0; at < encoded.length(); ) {
            int n = 1 + noise.below(60);
            wrapped.append(encoded, at, Math.min(encoded.length(), at + n)).append(noise.coin() ? "\r\n" : "\n");
            at += n;
        }
        if (noise.below(4) == 0) {
            wrapped.insert(noise.below(wrapped.length() + 1), "*!"); // not base64 at all
        }
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
                        + "<title>t</title><entry><title>Entry " + i + "</title><id>tag:x," + i + "</id>"
                        + "<content type=\"text/html\" mode=\"" + (noise.coin() ? "base64" : "escaped") + "\">"
                        + wrapped
                        + "</content></entry></feed>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] atom10(Noise noise, int i) {
        String type = TYPES[noise.below(TYPES.length)];
        String value = noise.coin()
                ? Base64.getEncoder().encodeToString(noise.bytes(60))
                : noise.text(10).replace("&", "&amp;").replace("<", "&lt;");
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                        + "<id>urn:x</id><updated>2026-10-08T06:00:00Z</updated><entry><title>Entry " + i
                        + "</title><id>urn:x:"
                        + i + "</id><updated>2026-10-08T06:00:00Z</updated>"
                        + (noise.coin() ? "<summary>A summary.</summary>" : "")
                        + "<content" + (type.isEmpty() ? "" : " type=\"" + type + "\"") + ">" + value
                        + "</content></entry></feed>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] legacy(Noise noise, int i) {
        Charset charset = Charset.forName(LEGACY[noise.below(LEGACY.length)]);
        String text = SAMPLES[noise.below(SAMPLES.length)];
        if (!charset.newEncoder().canEncode(text)) {
            text = SAMPLES[0];
        }
        String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>" + text
                + "</title><guid>" + i + "</guid><description>" + text + " " + text
                + "</description></item></channel></rss>";
        return xml.getBytes(charset.newEncoder().canEncode(text) ? charset : StandardCharsets.UTF_8);
    }
}
