package io.herald.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.Filters;

/**
 * What ROME needs of a document before it is given one, checked in words a person understands (ROME answers a
 * missing RSS channel with a NullPointerException), and Atom 0.3 base64 content decoded here, with line breaks
 * allowed as RFC 2045 allows them (ROME's own decoder fails on them).
 */
final class FeedStructure {

    private FeedStructure() {}

    static void check(Document document) throws FeedFailure {
        Element root = document.getRootElement();
        String name = root.getName();
        switch (name) {
            case "rss" -> {
                if (root.getChild("channel") == null) {
                    throw new FeedFailure("an RSS document without a <channel> element (or with one in another "
                            + "namespace): there is no feed to read");
                }
            }
            case "RDF" -> {
                if (root.getChildren().stream().noneMatch(c -> c.getName().equals("channel"))) {
                    throw new FeedFailure("an RSS 1.0 (RDF) document without a <channel> element");
                }
            }
            case "feed" -> {
                // Atom 1.0 or 0.3
            }
            default -> throw new FeedFailure("not an RSS or Atom feed: the document's root element is <" + name + ">");
        }
    }

    /**
     * Atom 0.3 {@code mode="base64"} content decoded in place (then marked escaped, which is what it holds); text
     * that is not base64 is left out with its element, and the item falls back to its summary.
     */
    static void decodeBase64Content(Document document) {
        List<Element> encoded = new ArrayList<>();
        for (Element e : document.getRootElement().getDescendants(Filters.element())) {
            if ("base64".equalsIgnoreCase(e.getAttributeValue("mode"))) {
                encoded.add(e);
            }
        }
        for (Element e : encoded) {
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(e.getTextTrim());
                e.setText(new String(bytes, StandardCharsets.UTF_8));
                e.setAttribute("mode", "escaped");
            } catch (IllegalArgumentException notBase64) {
                e.detach();
            }
        }
    }
}
