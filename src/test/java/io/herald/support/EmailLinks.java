package io.herald.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The links of an email's HTML part, as a reader sees them: each anchor's text and where it goes. */
public final class EmailLinks {

    private static final Pattern ANCHOR = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>(.*?)</a>", Pattern.DOTALL);

    private EmailLinks() {}

    /** Anchor text to address, the first anchor of each text. */
    public static Map<String, String> anchors(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            out.putIfAbsent(
                    m.group(2).replaceAll("<[^>]+>", "").strip(), m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    /** The path and query of an address: what a test asks Herald's test server for. */
    public static String path(String url) {
        URI u = URI.create(url.replace("&amp;", "&"));
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
