package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.herald.EditionPreview;
import io.herald.SendControl;
import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.SendHistory;
import io.herald.delivery.SendStatus;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.digest.EditionPlan;
import io.herald.feed.Feed;
import io.herald.feed.FeedStore;
import io.herald.schedule.JobHealth;
import io.herald.social.OutboxPost;
import io.herald.social.OutboxStore;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quartz.SchedulerException;

/**
 * /ops: sends with live progress (thirty a page), a manual send (dry run first, then confirm), pause, resume, cancel, failures with
 * the server's reply, the social outbox and the feeds. Every action is a form with a CSRF token.
 */
@Path("/ops")
@RolesAllowed("ops")
@Produces(MediaType.TEXT_HTML)
public class OpsResource {

    /** A send as the console shows it. */
    public record SendView(DeliveryReport report, int percent, List<SendHistory.Failure> failures) {
        public boolean live() {
            return report.running();
        }

        public boolean paused() {
            return report.status() == SendStatus.PAUSED;
        }

        public long done() {
            return report.sent() + report.failed() + report.skipped() + report.cancelled();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(
                List<SendView> sends,
                List<Article> articles,
                List<MailingList> lists,
                List<OutboxPost> outbox,
                java.util.Map<Long, io.herald.social.ManualPosting.Manual> manual,
                List<Feed> feeds,
                io.herald.bounce.BounceRecords.Recent bounces,
                List<JobHealth.JobStatus> jobs,
                String message,
                String error,
                String olderSends,
                String newestSends);

        static native TemplateInstance dryRun(
                List<Article> edition,
                MailingList list,
                SendHistory.Audience audience,
                String subject,
                EditionPlan plan,
                String planError);
    }

    private final SendControl sendControl;
    private final EditionPreview editionPreview;
    private final SendHistory history;
    private final ArticleStore articles;
    private final MailingLists mailingLists;
    private final OutboxStore outboxStore;
    private final FeedStore feeds;
    private final io.herald.bounce.BounceRecords bounceRecords;
    private final JobHealth jobs;
    private final WaitingReasons waiting;
    private final DigestRenderer renderer;

    OpsResource(
            SendControl sendControl,
            EditionPreview editionPreview,
            SendHistory history,
            ArticleStore articles,
            MailingLists mailingLists,
            OutboxStore outboxStore,
            FeedStore feeds,
            io.herald.bounce.BounceRecords bounceRecords,
            JobHealth jobs,
            WaitingReasons waiting,
            DigestRenderer renderer,
            Staff staff,
            io.herald.social.ManualPosting manualPosting) {
        this.manualPosting = manualPosting;
        this.staff = staff;
        this.renderer = renderer;
        this.jobs = jobs;
        this.waiting = waiting;
        this.bounceRecords = bounceRecords;
        this.sendControl = sendControl;
        this.editionPreview = editionPreview;
        this.history = history;
        this.articles = articles;
        this.mailingLists = mailingLists;
        this.outboxStore = outboxStore;
        this.feeds = feeds;
    }

    private final Staff staff;
    private final io.herald.social.ManualPosting manualPosting;

    /** Sends the console shows at a time; older ones a page further ("Older sends"). */
    static final int SENDS_SHOWN = 30;

    @GET
    public TemplateInstance index(
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @QueryParam("sends-before") Long sendsBefore)
            throws SQLException, SchedulerException {
        List<SendHistory.SendRow> rows = history.sends(sendsBefore, null, null, SENDS_SHOWN + 1);
        String olderSends = rows.size() > SENDS_SHOWN
                ? "/ops?sends-before=" + rows.get(SENDS_SHOWN - 1).id() + "#sends"
                : null;
        List<SendView> sends = new ArrayList<>();
        for (SendHistory.SendRow row : rows.subList(0, Math.min(rows.size(), SENDS_SHOWN))) {
            long id = row.id();
            DeliveryReport r = waiting.send(sendControl.report(id).orElseThrow());
            long done = r.sent() + r.failed() + r.skipped() + r.cancelled();
            int percent = r.total() == 0 ? 100 : (int) (done * 100 / r.total());
            sends.add(new SendView(r, percent, r.failed() > 0 ? history.failures(id, 10) : List.of()));
        }
        List<OutboxPost> posts = waiting.posts(outboxStore.list(null, 100));
        return Templates.index(
                sends,
                articles.list(50),
                // A person with list rights is offered only their lists (the send itself checks them again)
                mailingLists.all().stream()
                        .filter(l -> staff.lists().isEmpty() || staff.lists().contains(l.id()))
                        .toList(),
                posts,
                manualPosting.of(posts),
                waiting.feeds(feeds.all()),
                bounceRecords.recent(),
                jobs.statuses(),
                message,
                error,
                olderSends,
                sendsBefore == null ? null : "/ops#sends");
    }

    /** Step one of a manual send: who it would reach and what they would get; nothing is sent. */
    @POST
    @Path("dry-run")
    @Audited("send.dry-run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dryRun(@FormParam("article") List<Long> articleIds, @FormParam("list") String listId)
            throws SQLException {
        if (articleIds == null || articleIds.isEmpty()) {
            return back(null, "Choose at least one article.");
        }
        MailingList list = mailingLists.find(listId == null ? "" : listId).orElse(null);
        if (list == null) {
            return back(null, "Choose a list.");
        }
        List<Article> edition = new ArrayList<>();
        for (long id : articleIds) {
            edition.add(articles.find(id).orElseThrow(() -> Refusal.notFound("article", "no article " + id)));
        }
        String subject = editionPreview
                .sampleEmail(edition.get(0).id(), list.id())
                .map(e -> e.subject())
                .orElse(null);
        EditionPlan plan = null;
        String planError = null;
        try {
            EditionContext context = renderer.previewContext(edition.get(0));
            plan = renderer.plan(edition, list, context);
            if (subject != null) {
                subject = renderer.render(edition, list, null, null, null, context)
                        .subject();
            }
        } catch (io.quarkus.qute.TemplateException e) {
            planError = "The email cannot be rendered: " + e.getMessage();
        }
        return Response.ok(Templates.dryRun(edition, list, history.audience(list.id()), subject, plan, planError))
                .build();
    }

    /** Back to /ops with a message or an error (the sends and outbox actions answer the same way). */
    static Response back(String message, String error) {
        String query = message != null ? "?message=" + encode(message) : "?error=" + encode(error);
        return Response.seeOther(URI.create("/ops" + query)).build();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
