package io.herald.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.herald.article.Dates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;

/**
 * Reads RSS 0.9x/1.0/2.0 and Atom 1.0 with ROME. The XML is parsed once with JDOM (no DTD loading, no external
 * entities) so that what ROME drops can still be read: the publication date with the offset the feed wrote (ROME
 * gives java.util.Date), media:content images. Encoding follows the BOM, the XML declaration and the Content-Type,
 * leniently, as ROME's XmlReader does.
 */
@ApplicationScoped
public class FeedParser {

    static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");

    public List<FeedEntry> parse(byte[] body, String contentType, URI feedUrl) throws FeedFailure {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8)
                .strip()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html")
                || head.startsWith("<html")
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html"))) {
            throw new FeedFailure("the server sent an HTML page, not a feed (Content-Type: " + contentType + ")");
        }
        Document document;
        try (java.io.Reader reader = FeedCharset.reader(body, contentType)) {
            document = builder().build(reader);
        } catch (JDOMException e) {
            throw new FeedFailure("malformed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new FeedFailure("unreadable: " + e.getMessage());
        }
        FeedStructure.check(document);
        FeedStructure.decodeBase64Content(document);
        try {
            return entries(document, feedUrl);
        } catch (RuntimeException e) {
            // ROME's parsers meet documents their authors did not: a person reads what failed, not Java's words.
            Log.warnf(e, "Feed %s: ROME could not read the document", feedUrl);
            throw new FeedFailure("the feed's structure could not be read as RSS or Atom (its elements are not "
                    + "where the format puts them)");
        }
    }

    private List<FeedEntry> entries(Document document, URI feedUrl) throws FeedFailure {
        List<Element> items = new ArrayList<>();
        for (Element e : document.getRootElement().getDescendants(Filters.element())) {
            if (e.getName().equals("item") || e.getName().equals("entry")) {
                items.add(e);
            }
        }
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedFailure("not an RSS or Atom feed: " + e.getMessage());
        }
        List<FeedEntry> entries = new ArrayList<>();
        java.util.Set<String> guids = new java.util.HashSet<>();
        List<SyndEntry> synd = feed.getEntries();
        for (int i = 0; i < synd.size(); i++) {
            Element raw = i < items.size() ? items.get(i) : null;
            FeedEntry entry = entry(synd.get(i), raw, feedUrl, feed.getLanguage());
            // A GUID twice in one document: the first (newest) occurrence is the item.
            if (entry.guid() == null || guids.add(entry.guid())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static SAXBuilder builder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setExpandEntities(false);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return builder;
    }

    /** An item's own language (Atom xml:lang, dc:language), else the feed's (RSS language, the feed's xml:lang). */
    private static String language(Element raw, String feedLanguage) {
        if (raw != null) {
            String own = raw.getAttributeValue("lang", org.jdom2.Namespace.XML_NAMESPACE);
            if (own == null || own.isBlank()) {
                own = raw.getChildTextTrim(
                        "language", org.jdom2.Namespace.getNamespace("http://purl.org/dc/elements/1.1/"));
            }
            if (own != null && !own.isBlank()) {
                return own.strip();
            }
        }
        return feedLanguage;
    }

    private static FeedEntry entry(SyndEntry e, Element raw, URI feedUrl, String feedLanguage) {
        String link = resolve(feedUrl, e.getLink());
        String guid =
                e.getUri() == null || e.getUri().isBlank() ? null : e.getUri().strip();
        String html = null;
        for (SyndContent content : e.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                html = asHtml(content);
                if (html != null) {
                    break;
                }
            }
        }
        if (html == null && e.getDescription() != null && e.getDescription().getValue() != null) {
            html = asHtml(e.getDescription());
        }
        List<String> tags = e.getCategories().stream()
                .map(SyndCategory::getName)
                .filter(n -> n != null && !n.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
        OffsetDateTime published = rawDate(raw).flatMap(Dates::parse).orElseGet(() -> {
            java.util.Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
        });
        String[] image = FeedImages.image(e, raw, feedUrl);
        String author = e.getAuthor() == null || e.getAuthor().isBlank()
                ? null
                : e.getAuthor().strip();
        return new FeedEntry(
                guid,
                link,
                e.getTitle(),
                html == null ? "" : html,
                author,
                tags,
                published,
                image[0],
                image[1],
                language(raw, feedLanguage));
    }

    /**
     * Content by its type: HTML and XHTML as they are, Atom 0.3 escaped or inline XML markup as HTML, plain text as
     * escaped paragraphs (so the HTML reader is the only path); null for any other media type (Atom 1.0 gives those
     * base64-encoded: an image or a file is not an article's text, and the item falls back to its summary).
     */
    static String asHtml(SyndContent content) {
        String type = content.getType() == null
                ? "html"
                : content.getType().toLowerCase(Locale.ROOT).strip();
        String mode = content.getMode() == null ? "" : content.getMode().toLowerCase(Locale.ROOT);
        boolean markup = type.equals("html")
                || type.equals("xhtml")
                || type.contains("html")
                || type.endsWith("+xml")
                || mode.equals("escaped")
                || mode.equals("xml");
        if (!markup && !type.equals("text") && !type.startsWith("text/")) {
            return null;
        }
        if (!markup) {
            StringBuilder b = new StringBuilder();
            for (String p : content.getValue().split("\\n\\s*\\n")) {
                b.append("<p>").append(org.jsoup.nodes.Entities.escape(p)).append("</p>");
            }
            return b.toString();
        }
        return content.getValue();
    }

    /** The date string as the feed wrote it: pubDate, dc:date, published, updated. */
    private static Optional<String> rawDate(Element item) {
        if (item == null) {
            return Optional.empty();
        }
        for (Element child : item.getChildren()) {
            String name = child.getName();
            if (name.equals("pubDate") || name.equals("published") || name.equals("date")) {
                return Optional.of(child.getTextTrim());
            }
        }
        for (Element child : item.getChildren()) {
            if (child.getName().equals("updated")) {
                return Optional.of(child.getTextTrim());
            }
        }
        return Optional.empty();
    }

    /** A link of the feed, absolute (resolved against the feed's address); as written when it cannot be. */
    static String resolve(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            return base.resolve(link.strip()).toString();
        } catch (IllegalArgumentException ex) {
            return link.strip();
        }
    }
}
