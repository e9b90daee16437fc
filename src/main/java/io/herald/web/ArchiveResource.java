package io.herald.web;

import java.sql.SQLException;
import java.util.List;

import io.herald.EditionArchive;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.language.Words;
import io.herald.social.Cards;
import io.herald.subscriber.MailingList;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public archive: /archive names the lists that keep one, /archive/{list} shows its past editions newest first,
 * herald.archive.page-size to a page, each linking to the edition's web copy, and announces its feeds (RSS, Atom, JSON Feed)
 * with {@code <link rel="alternate">}. In the list's language. A list with {@code archive: false} has none (404).
 */
@Path("/archive")
@PermitAll
public class ArchiveResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String publication, List<MailingList> lists);

        static native TemplateInstance list(
                String publication,
                MailingList list,
                List<Row> rows,
                int page,
                int pages,
                String newer,
                String older,
                String rss,
                String atom,
                String json,
                OpenGraph og);
    }

    /** One edition as the archive page lists it. */
    record Row(long editionId, String title, int more, String sentOn) {}

    private final EditionArchive archive;
    private final ArchiveFeeds feeds;
    private final ReaderLanguage language;
    private final Cards cards;
    private final HeraldConfig config;

    ArchiveResource(
            EditionArchive archive, ArchiveFeeds feeds, ReaderLanguage language, Cards cards, HeraldConfig config) {
        this.archive = archive;
        this.feeds = feeds;
        this.language = language;
        this.cards = cards;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        return Templates.index(config.publication().name(), archive.lists())
                .setLocale(language.of(lang, acceptLanguage));
    }

    @GET
    @Path("{list}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@PathParam("list") String listId, @QueryParam("page") String pageParam)
            throws SQLException {
        int asked = pageNumber(pageParam);
        EditionArchive.Page page = archive.page(listId, asked)
                .orElseThrow(() -> Refusal.notFound("list", "no list " + listId + " with a public archive"));
        if (asked > page.pages()) {
            throw Refusal.notFound("page", "the archive of " + listId + " has " + page.pages() + " page(s)");
        }
        String in = language.of(page.list());
        Words words = language.words(in);
        List<Row> rows = page.entries().stream()
                .map(e -> new Row(
                        e.editionId(),
                        e.lead().title(),
                        e.more(),
                        ReaderLanguage.date(e.sentAt(), page.list().timeZone(), in)))
                .toList();
        String base = "/archive/" + listId;
        String title = words.get("archiveTitle", page.list().name());
        OpenGraph og = OpenGraph.website(
                cards,
                title,
                words.get(
                        "archiveDescription",
                        page.list().name(),
                        config.publication().name()),
                feeds.archiveUrl(listId) + (asked > 1 ? "?page=" + asked : ""),
                config.publication().name(),
                page.entries().isEmpty() ? null : page.entries().get(0).lead());
        return Templates.list(
                        config.publication().name(),
                        page.list(),
                        rows,
                        asked,
                        page.pages(),
                        asked > 1 ? base + (asked == 2 ? "" : "?page=" + (asked - 1)) : null,
                        asked < page.pages() ? base + "?page=" + (asked + 1) : null,
                        base + "/" + ArchiveFeeds.Format.RSS.file,
                        base + "/" + ArchiveFeeds.Format.ATOM.file,
                        base + "/" + ArchiveFeeds.Format.JSON.file,
                        og)
                .setLocale(in);
    }

    @GET
    @Path("{list}/rss.xml")
    public Response rss(@PathParam("list") String listId) throws SQLException {
        return feed(listId, ArchiveFeeds.Format.RSS);
    }

    @GET
    @Path("{list}/atom.xml")
    public Response atom(@PathParam("list") String listId) throws SQLException {
        return feed(listId, ArchiveFeeds.Format.ATOM);
    }

    @GET
    @Path("{list}/feed.json")
    public Response json(@PathParam("list") String listId) throws SQLException {
        return feed(listId, ArchiveFeeds.Format.JSON);
    }

    private Response feed(String listId, ArchiveFeeds.Format format) throws SQLException {
        EditionArchive.Page page = archive.newest(listId)
                .orElseThrow(() -> Refusal.notFound("list", "no list " + listId + " with a public archive"));
        String body = feeds.write(page, format, language.words(language.of(page.list())));
        return Response.ok(body, format.mediaType + "; charset=UTF-8")
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /** ?page=N, from 1; anything else is refused with the reason. */
    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        if (!page.strip().matches("\\d{1,6}") || Integer.parseInt(page.strip()) < 1) {
            throw Refusal.invalid("page", "a page number from 1, not \"" + page + "\"");
        }
        return Integer.parseInt(page.strip());
    }
}
