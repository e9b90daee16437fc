package io.herald.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.EditionPreview;
import io.herald.article.Article;
import io.herald.article.ArticleIngest;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.social.Channel;
import io.herald.social.TeaserComposer;
import io.herald.social.TeaserStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /api/articles: ingest articles and read them back with their teasers and their email. */
@Path("/api/articles")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final ArticleIngest ingest;
    private final ArticleStore store;
    private final TeaserStore teasers;
    private final TeaserComposer composer;
    private final EditionPreview editionPreview;
    private final ObjectMapper json;
    private final AuditNotes audit;

    ArticleResource(
            ArticleIngest ingest,
            ArticleStore store,
            TeaserStore teasers,
            TeaserComposer composer,
            EditionPreview editionPreview,
            ObjectMapper json,
            AuditNotes audit) {
        this.ingest = ingest;
        this.store = store;
        this.teasers = teasers;
        this.composer = composer;
        this.editionPreview = editionPreview;
        this.json = json;
        this.audit = audit;
    }

    /** The JSON form of a new article. */
    public record ArticleRequest(String title, String body, String url) {}

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Audited("article.post")
    public Response postText(byte[] body) throws SQLException {
        return created(ingest.ingestText(body == null ? new byte[0] : body));
    }

    /** A CMS push of a whole page or a body fragment: sanitised; title from the first h1, else the page title. */
    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Audited("article.post")
    public Response postHtml(byte[] body) throws SQLException {
        return created(ingest.ingestHtml(body == null ? new byte[0] : body));
    }

    /** Markdown with a front matter block (title, url, date, author, tags, image). */
    @POST
    @Consumes("text/markdown")
    @Audited("article.post")
    public Response postMarkdown(byte[] body) throws SQLException {
        return created(ingest.ingestMarkdown(body == null ? new byte[0] : body));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("article.post")
    public Response postJson(byte[] body) throws Exception {
        if (body == null || body.length == 0) {
            throw Refusal.invalid("body", "the request has no JSON body");
        }
        ArticleRequest request = json.readValue(body, ArticleRequest.class);
        if (request == null) {
            throw Refusal.invalid("body", "the JSON body is null");
        }
        if (request.body() == null || request.body().isBlank()) {
            throw Refusal.invalid("body", "the article has no body text");
        }
        return created(ingest.ingest(request.title(), request.body(), request.url()));
    }

    private Response created(ArticleStore.Stored stored) {
        Article a = stored.article();
        audit.target("article " + a.id()).put("created", stored.created()).put("title", a.title());
        URI location = URI.create("/api/articles/" + a.id());
        // Posting an article Herald already has is not an error: it answers with the article it has.
        return Response.status(stored.created() ? 201 : 200)
                .location(location)
                .entity(toJson(a))
                .build();
    }

    /** Newest first, a page at a time: ?limit=100&before=<id>; X-Total-Count and a Link to the next page. */
    @GET
    public Response list(
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri)
            throws SQLException {
        int n = Paging.limit(limit);
        List<ArticleJson> page =
                store.list(n + 1, before).stream().map(this::toJson).toList();
        return Paging.page(page, n, store.count(), uri, "before", ArticleJson::id);
    }

    @GET
    @Path("{id}")
    public ArticleJson get(@PathParam("id") long id) throws SQLException {
        return toJson(find(id));
    }

    @GET
    @Path("{id}/email")
    @Produces("message/rfc822")
    public Response email(@PathParam("id") long id, @QueryParam("list") String list) throws Exception {
        if (list == null || list.isBlank()) {
            throw Refusal.invalid("list", "name the list: ?list=<list id>");
        }
        MimeMessage message = editionPreview
                .sampleMessage(id, list)
                .orElseThrow(() -> Refusal.notFound("list", "list " + list + " has no active member"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return Response.ok(out.toByteArray(), "message/rfc822").build();
    }

    private Article find(long id) throws SQLException {
        return store.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id));
    }

    private ArticleJson toJson(Article a) {
        return ArticleJson.of(
                a, composer.channelsFor(a).stream().map(Channel::id).toList());
    }
}
