package io.herald.web;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.herald.EditionArchive;
import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.config.HeraldConfig;
import io.herald.language.Words;
import io.herald.social.Cards;
import io.herald.social.card.CardFormat;
import jakarta.enterprise.context.ApplicationScoped;
import org.jsoup.nodes.Entities;

/**
 * A list's archive as feeds: RSS 2.0 and Atom 1.0 written by ROME (the library Herald reads feeds with), and JSON
 * Feed 1.1. One item per edition, newest first: its title is the lead headline ("and 2 more stories" in the list's
 * language), its link and id the edition's public copy, its content each story's headline linked to the article's
 * public address and its lead. Nothing in them is a reader's own: no greeting, no unsubscribe link, no tracking.
 */
@ApplicationScoped
class ArchiveFeeds {

    /** The three formats, their media types and the file name each has under /archive/{list}/. */
    enum Format {
        RSS("rss_2.0", "application/rss+xml", "rss.xml"),
        ATOM("atom_1.0", "application/atom+xml", "atom.xml"),
        JSON(null, "application/feed+json", "feed.json");

        final String romeType;
        final String mediaType;
        final String file;

        Format(String romeType, String mediaType, String file) {
            this.romeType = romeType;
            this.mediaType = mediaType;
            this.file = file;
        }
    }

    private final ArticleLinks links;
    private final HeraldConfig config;
    private final Cards cards;
    private final ObjectMapper json;

    ArchiveFeeds(ArticleLinks links, HeraldConfig config, Cards cards, ObjectMapper json) {
        this.links = links;
        this.config = config;
        this.cards = cards;
        this.json = json;
    }

    /** The archive page's address. */
    String archiveUrl(String listId) {
        return links.publicUrl("/archive/" + listId);
    }

    String feedUrl(String listId, Format format) {
        return links.publicUrl("/archive/" + listId + "/" + format.file);
    }

    /** The feed of the newest editions (herald.archive.feed-size) in the words of {@code words}. */
    String write(EditionArchive.Page page, Format format, Words words) throws SQLException {
        return format == Format.JSON ? jsonFeed(page, words) : romeFeed(page, format, words);
    }

    private String title(EditionArchive.Entry entry, Words words) {
        return entry.more() == 0
                ? entry.lead().title()
                : entry.lead().title() + " " + words.get("andMore", entry.more());
    }

    private String description(EditionArchive.Page page, Words words) {
        return words.get(
                "archiveDescription", page.list().name(), config.publication().name());
    }

    /** Each story's headline, linked to its public page, and its lead: what the edition carried, as HTML. */
    private String content(EditionArchive.Entry entry) {
        StringBuilder html = new StringBuilder();
        for (Article article : entry.articles()) {
            html.append("<h2><a href=\"")
                    .append(Entities.escape(links.articleUrl(article)))
                    .append("\">")
                    .append(Entities.escape(article.title()))
                    .append("</a></h2>\n<p>")
                    .append(Entities.escape(article.lead()))
                    .append("</p>\n");
        }
        return html.toString();
    }

    private String editionUrl(EditionArchive.Entry entry) {
        return links.publicUrl("/editions/" + entry.editionId());
    }

    private String romeFeed(EditionArchive.Page page, Format format, Words words) {
        String listId = page.list().id();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType);
        feed.setTitle(page.list().name());
        feed.setLink(archiveUrl(listId));
        feed.setUri(archiveUrl(listId));
        feed.setDescription(description(page, words));
        feed.setLanguage(words.language());
        feed.setAuthor(config.publication().name());
        // Atom's updated: the newest edition's time; a list with no edition yet has the epoch, never "now" (a
        // reader polling it must not see a change that is not one).
        Instant updated =
                page.entries().isEmpty() ? Instant.EPOCH : page.entries().get(0).sentAt();
        feed.setPublishedDate(Date.from(updated));
        feed.setLinks(List.of(
                link("alternate", archiveUrl(listId), "text/html"),
                link("self", feedUrl(listId, format), format.mediaType)));
        List<SyndEntry> entries = new ArrayList<>();
        for (EditionArchive.Entry entry : page.entries()) {
            SyndEntry item = new SyndEntryImpl();
            item.setTitle(title(entry, words));
            item.setLink(editionUrl(entry));
            item.setUri(editionUrl(entry));
            item.setAuthor(config.publication().name());
            item.setPublishedDate(Date.from(entry.sentAt()));
            item.setUpdatedDate(Date.from(entry.sentAt()));
            SyndContent content = new SyndContentImpl();
            content.setType("text/html");
            content.setValue(content(entry));
            item.setDescription(content);
            entries.add(item);
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("ROME could not write the " + format + " feed of " + listId, e);
        }
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    /** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
    private String jsonFeed(EditionArchive.Page page, Words words) throws SQLException {
        String listId = page.list().id();
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", page.list().name());
        feed.put("home_page_url", archiveUrl(listId));
        feed.put("feed_url", feedUrl(listId, Format.JSON));
        feed.put("description", description(page, words));
        feed.put("language", words.language());
        feed.put("authors", List.of(Map.of("name", config.publication().name())));
        List<Map<String, Object>> items = new ArrayList<>();
        for (EditionArchive.Entry entry : page.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", editionUrl(entry));
            item.put("url", editionUrl(entry));
            item.put("title", title(entry, words));
            item.put("content_html", content(entry));
            item.put("summary", entry.lead().leadWithoutDateline());
            if (cards.enabled()) {
                item.put("image", cards.publicUrl(entry.lead().id(), CardFormat.LANDSCAPE, "png"));
            }
            item.put("date_published", DateTimeFormatter.ISO_INSTANT.format(entry.sentAt()));
            items.add(item);
        }
        feed.put("items", items);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The JSON Feed of " + listId + " could not be written", e);
        }
    }
}
