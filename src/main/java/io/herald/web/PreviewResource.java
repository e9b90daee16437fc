package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herald.EditionPreview;
import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.delivery.DeliverabilityCheck;
import io.herald.digest.RenderedEmail;
import io.herald.social.Teaser;
import io.herald.social.TeaserEditing;
import io.herald.social.TeaserStore;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /preview: what editors check before anything goes out, the email as a subscriber gets it and every teaser. */
@Path("/preview")
@RolesAllowed("viewer")
@Produces(MediaType.TEXT_HTML)
public class PreviewResource {

    // The email is shown in a sandboxed iframe; this header makes the sandbox hold even if the page is opened alone.
    private static final String EMAIL_CSP =
            "sandbox; default-src 'none'; img-src https: http: data:; " + "style-src 'unsafe-inline'";

    private final ArticleStore articles;
    private final MailingLists mailingLists;
    private final TeaserStore teasers;
    private final AuditNotes audit;
    private final Staff staff;
    private final EditionPreview editionPreview;

    private final io.herald.social.SocialOutbox outbox;
    private final TeaserEditing editing;
    private final String publication;
    private final io.herald.delivery.SendHistory history;
    private final PreviewCache previews;
    private final io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider csrf;
    private static final PageMemo PAGES = new PageMemo();

    PreviewResource(
            ArticleStore articles,
            MailingLists mailingLists,
            TeaserStore teasers,
            EditionPreview editionPreview,
            io.herald.social.SocialOutbox outbox,
            TeaserEditing editing,
            io.herald.config.HeraldConfig config,
            io.herald.delivery.SendHistory history,
            PreviewCache previews,
            io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider csrf,
            io.herald.insight.EditionInsight insight,
            AuditNotes audit,
            Staff staff,
            io.herald.social.Cards cards) {
        this.cards = cards;
        this.audit = audit;
        this.staff = staff;
        this.csrf = csrf;
        this.insight = insight;
        this.history = history;
        this.previews = previews;
        this.outbox = outbox;
        this.editing = editing;
        this.publication = config.publication().name();
        this.articles = articles;
        this.mailingLists = mailingLists;
        this.teasers = teasers;
        this.editionPreview = editionPreview;
    }

    private final io.herald.insight.EditionInsight insight;
    private final io.herald.social.Cards cards;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(
                List<Article> articles,
                List<MailingList> lists,
                java.util.Map<Long, List<io.herald.delivery.SendHistory.EditionState>> editions);

        static native TemplateInstance article(
                Article article,
                List<MailingList> lists,
                MailingList list,
                RenderedEmail email,
                DeliverabilityCheck.Summary checks,
                List<TeaserResource.TeaserJson> teasers,
                String publication,
                Notice notice,
                List<io.herald.insight.EditionInsight.Figures> sent,
                PreviewCards cards);
    }

    /** What the page says after an action: a message, or an error and the field it is about. */
    public record Notice(String message, String error, String channel, String text) {
        static Notice none() {
            return new Notice(null, null, null, null);
        }
    }

    @GET
    public TemplateInstance index() throws SQLException {
        return Templates.index(articles.list(100), mailingLists.all(), history.editionsByArticle());
    }

    @GET
    @Path("articles/{id}")
    public String article(
            @PathParam("id") long id,
            @QueryParam("list") String listId,
            @QueryParam("saved") String saved,
            @QueryParam("tested") String tested)
            throws Exception {
        String message = "cards".equals(saved)
                ? "Saved the card choices."
                : saved != null
                        ? "Saved the " + saved + " teaser."
                        : tested != null ? "Sent a test to " + tested + "." : null;
        return page(id, listId, new Notice(message, null, null, null));
    }

    /** Everything the article page shows; equal inputs render the same page (see {@link PageMemo}). */
    private record ArticlePage(
            Article article,
            List<MailingList> lists,
            MailingList list,
            RenderedEmail email,
            DeliverabilityCheck.Summary checks,
            List<TeaserResource.TeaserJson> teasers,
            String publication,
            Notice notice,
            List<io.herald.insight.EditionInsight.Figures> sent,
            PreviewCards cards,
            String person) {}

    String page(long id, String listId, Notice asked) throws Exception {
        Notice notice = asked;
        Article article = articles.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id));
        List<MailingList> lists = mailingLists.all();
        MailingList list = chosen(lists, listId, article);
        Optional<PreviewCache.Preview> preview;
        try {
            preview = list == null ? Optional.empty() : previews.of(article, list);
        } catch (io.quarkus.qute.TemplateException e) {
            // The page still shows the teasers; the editor sees which template line to fix.
            preview = Optional.empty();
            notice = new Notice(notice.message(), "The email cannot be rendered: " + e.getMessage(), "template", null);
        }
        RenderedEmail email = preview.map(PreviewCache.Preview::email).orElse(null);
        DeliverabilityCheck.Summary summary =
                preview.map(PreviewCache.Preview::checks).orElse(null);
        java.util.Map<String, io.herald.social.OutboxPost> posts = new java.util.HashMap<>();
        outbox.forArticle(id).forEach(p -> posts.put(p.channel(), p));
        List<TeaserResource.TeaserJson> views = teasers.forArticle(id).stream()
                .map(t -> TeaserResource.TeaserJson.of(t, posts.get(t.channel())))
                .toList();
        Notice shown = notice;
        List<io.herald.insight.EditionInsight.Figures> sent = new java.util.ArrayList<>();
        for (long send : insight.sendsOf(id).stream().limit(3).toList()) {
            insight.summary(send).ifPresent(sent::add);
        }
        // The header names the person and the forms depend on their role: both are part of what the page shows.
        String person = staff.name() + "/" + staff.role();
        PreviewCards shownCards = PreviewCards.of(
                cards,
                id,
                views.stream().map(TeaserResource.TeaserJson::channel).toList());
        ArticlePage inputs = new ArticlePage(
                article, lists, list, email, summary, views, publication, shown, sent, shownCards, person);
        return PAGES.page(
                id + "|" + (list == null ? "" : list.id()),
                inputs,
                csrf.getToken(),
                () -> Templates.article(
                                article, lists, list, email, summary, views, publication, shown, sent, shownCards)
                        .render());
    }

    /** An editor's edit from the teaser card: re-validated by the channel's rule; the page says what was wrong. */
    @POST
    @Path("articles/{id}/teasers/{channel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("editor")
    @Audited("teaser.edit")
    public Response editTeaser(
            @PathParam("id") long id,
            @PathParam("channel") String channel,
            @FormParam("text") String text,
            @FormParam("held") String held,
            @FormParam("list") String listId)
            throws Exception {
        try {
            Optional<Teaser> before = teasers.find(id, channel);
            Optional<Teaser> edited =
                    editing.edit(id, channel, text == null || text.isBlank() ? null : text, "on".equals(held));
            audit.teaser(id, channel, before, edited);
            if (edited.isEmpty()) {
                throw Refusal.notFound("channel", "article " + id + " has no " + channel + " teaser");
            }
        } catch (TeaserEditing.Refused e) {
            return Response.status(e.conflict() ? 409 : 422)
                    .entity(page(id, listId, new Notice(null, e.getMessage(), channel, text)))
                    .build();
        }
        return Response.seeOther(URI.create("/preview/articles/" + id + "?saved=" + channel
                        + (listId == null ? "" : "&list=" + listId) + "#teaser-" + channel))
                .build();
    }

    /** "Send a test to ...": the email as the list gets it, marked as a test, to any address; not in the ledger. */
    @POST
    @Path("articles/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("editor")
    @Audited("preview.test-send")
    public Response sendTest(
            @PathParam("id") long id, @FormParam("address") String address, @FormParam("list") String listId)
            throws Exception {
        io.herald.subscriber.EmailAddresses.Result checked = io.herald.subscriber.EmailAddresses.check(address);
        String clean = address == null ? "" : address.strip();
        if (checked.ok().isEmpty()) {
            return Response.status(422)
                    .entity(page(id, listId, new Notice(null, "Test address: " + checked.problem(), "test", clean)))
                    .build();
        }
        clean = checked.address();
        MailingList list = chosen(mailingLists.all(), listId);
        if (list == null) {
            throw Refusal.notFound("list", "no list " + listId);
        }
        try {
            editionPreview.sendTest(id, list.id(), clean);
        } catch (io.herald.delivery.DeliveryException e) {
            return Response.status(502)
                    .entity(page(
                            id,
                            list.id(),
                            new Notice(null, "The relay refused the test: " + e.getMessage(), "test", clean)))
                    .build();
        }
        return Response.seeOther(URI.create("/preview/articles/" + id + "?list=" + list.id() + "&tested="
                        + java.net.URLEncoder.encode(clean, java.nio.charset.StandardCharsets.UTF_8)))
                .build();
    }

    @GET
    @Path("articles/{id}/email.html")
    public Response emailHtml(
            @PathParam("id") long id, @QueryParam("list") String listId, @QueryParam("dark") String dark)
            throws SQLException {
        Article article = articles.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id));
        MailingList list = chosen(mailingLists.all(), listId, article);
        if (list == null) {
            throw Refusal.notFound("list", "no list " + listId);
        }
        RenderedEmail email = previews.of(article, list)
                .map(PreviewCache.Preview::email)
                .orElseThrow(() -> Refusal.notFound("list", "list " + list.id() + " has no active member"));
        // Dark mode on request: the email's own prefers-color-scheme rules, applied whatever the editor's system says.
        String html = dark == null
                ? email.html()
                : email.html().replaceAll("@media \\(prefers-color-scheme: ?dark\\)", "@media all");
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", EMAIL_CSP)
                .build();
    }

    /**
     * The list asked for; without one, the first list in the article's language (a Russian article previews as the
     * Russian list gets it), else the first list.
     */
    private static MailingList chosen(List<MailingList> lists, String listId, Article article) {
        if (listId == null) {
            for (MailingList list : lists) {
                if (article.language().equals(list.language())) {
                    return list;
                }
            }
        }
        return chosen(lists, listId);
    }

    private static MailingList chosen(List<MailingList> lists, String listId) {
        return lists.stream()
                .filter(l -> listId == null || l.id().equals(listId))
                .findFirst()
                .orElse(null);
    }
}
