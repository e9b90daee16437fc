package io.herald.web;

import java.sql.SQLException;
import java.util.List;

import io.herald.Distribution;
import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.delivery.DeliverabilityCheck;
import io.herald.digest.RenderedEmail;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import io.herald.social.Teaser;
import io.herald.social.TeaserStore;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /preview: what editors check before anything goes out, the email as a subscriber gets it and every teaser. */
@Path("/preview")
@RolesAllowed("editor")
@Produces(MediaType.TEXT_HTML)
public class PreviewResource {

    // The email is shown in a sandboxed iframe; this header makes the sandbox hold even if the page is opened alone.
    private static final String EMAIL_CSP = "sandbox; default-src 'none'; img-src https: http: data:; "
            + "style-src 'unsafe-inline'";

    private final ArticleStore articles;
    private final SubscriberStore subscribers;
    private final TeaserStore teasers;
    private final Distribution distribution;
    private final DeliverabilityCheck checks;

    PreviewResource(ArticleStore articles, SubscriberStore subscribers, TeaserStore teasers,
            Distribution distribution, DeliverabilityCheck checks) {
        this.checks = checks;
        this.articles = articles;
        this.subscribers = subscribers;
        this.teasers = teasers;
        this.distribution = distribution;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Article> articles, List<MailingList> lists);

        static native TemplateInstance article(Article article, List<MailingList> lists, MailingList list,
                RenderedEmail email, DeliverabilityCheck.Summary checks, List<Teaser> teasers);
    }

    @GET
    public TemplateInstance index() throws SQLException {
        return Templates.index(articles.list(100), subscribers.allLists());
    }

    @GET
    @Path("articles/{id}")
    public TemplateInstance article(@PathParam("id") long id, @QueryParam("list") String listId) throws Exception {
        Article article = articles.find(id).orElseThrow(() -> new Distribution.NotFound("id", "no article " + id));
        List<MailingList> lists = subscribers.allLists();
        MailingList list = chosen(lists, listId);
        RenderedEmail email = list == null ? null : distribution.sampleEmail(id, list.id()).orElse(null);
        Optional<MimeMessage> message = list == null ? Optional.empty() : distribution.sampleMessage(id, list.id());
        DeliverabilityCheck.Summary summary = message.isPresent() ? checks.check(message.get()) : null;
        return Templates.article(article, lists, list, email, summary, teasers.forArticle(id));
    }

    @GET
    @Path("articles/{id}/email.html")
    public Response emailHtml(@PathParam("id") long id, @QueryParam("list") String listId) throws SQLException {
        MailingList list = chosen(subscribers.allLists(), listId);
        if (list == null) {
            throw new Distribution.NotFound("list", "no list " + listId);
        }
        RenderedEmail email = distribution.sampleEmail(id, list.id())
                .orElseThrow(() -> new Distribution.NotFound("list", "list " + list.id() + " has no active member"));
        return Response.ok(email.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", EMAIL_CSP).build();
    }

    private static MailingList chosen(List<MailingList> lists, String listId) {
        return lists.stream().filter(l -> listId == null || l.id().equals(listId)).findFirst().orElse(null);
    }
}
