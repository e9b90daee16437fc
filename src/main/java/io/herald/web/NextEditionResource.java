package io.herald.web;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryConfig;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.digest.EditionPlan;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * /preview/lists/{id}/next-edition: the edition a list's next scheduled run would send (every article it has not
 * had, within herald.schedule.max-article-age), with the style each story gets and why, and its size against
 * herald.digest.html-budget; the email itself in a sandboxed frame. Nothing is sent or recorded.
 */
@Path("/preview/lists/{id}/next-edition")
@RolesAllowed("viewer")
@Produces(MediaType.TEXT_HTML)
public class NextEditionResource {

    private static final String EMAIL_CSP =
            "sandbox; default-src 'none'; img-src https: http: data:; " + "style-src 'unsafe-inline'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(
                MailingList list, List<Article> edition, EditionPlan plan, String subject, String error);
    }

    private final MailingLists mailingLists;
    private final ArticleStore articles;
    private final DigestRenderer renderer;
    private final DeliveryConfig deliveryConfig;
    private final Clock clock;

    NextEditionResource(
            MailingLists mailingLists,
            ArticleStore articles,
            DigestRenderer renderer,
            DeliveryConfig deliveryConfig,
            Clock clock) {
        this.mailingLists = mailingLists;
        this.articles = articles;
        this.renderer = renderer;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@PathParam("id") String listId) throws SQLException {
        MailingList list = list(listId);
        List<Article> edition = edition(list);
        if (edition.isEmpty()) {
            return Templates.page(list, edition, null, null, null);
        }
        try {
            EditionContext context = renderer.previewContext(edition.get(0));
            return Templates.page(
                    list,
                    edition,
                    renderer.plan(edition, list, context),
                    renderer.render(edition, list, null, null, null, context).subject(),
                    null);
        } catch (io.quarkus.qute.TemplateException e) {
            return Templates.page(list, edition, null, null, "The email cannot be rendered: " + e.getMessage());
        }
    }

    @GET
    @Path("email.html")
    public Response email(@PathParam("id") String listId) throws SQLException {
        MailingList list = list(listId);
        List<Article> edition = edition(list);
        if (edition.isEmpty()) {
            throw Refusal.notFound("id", "list " + listId + " has nothing new to send");
        }
        String html = renderer.render(edition, list, null, null, null, renderer.previewContext(edition.get(0)))
                .html();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", EMAIL_CSP)
                .build();
    }

    private MailingList list(String id) throws SQLException {
        return mailingLists.find(id).orElseThrow(() -> Refusal.notFound("id", "no list " + id));
    }

    /** What the scheduled run would send: one digest of every new article, or (per-article lists) the first one. */
    private List<Article> edition(MailingList list) throws SQLException {
        List<Article> fresh = articles.notYetSentTo(
                list.id(), clock.instant().minus(deliveryConfig.schedule().maxArticleAge()));
        return list.mode() == MailingList.Mode.DIGEST || fresh.isEmpty() ? fresh : fresh.subList(0, 1);
    }
}
