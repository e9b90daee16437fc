package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.config.HeraldConfig;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.EditionMessages;
import io.herald.delivery.MessageBuilder;
import io.herald.delivery.PreparedEdition;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SendRunner;
import io.herald.delivery.SendStatuses;
import io.herald.digest.DigestRenderer;
import io.herald.digest.EditionContext;
import io.herald.digest.RenderedEmail;
import io.herald.schedule.SendScheduler;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.SubscriberStore.Recipient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One distribution, in pipeline order: pick the articles, plan the send, hand its batches to Quartz, and when Quartz
 * runs a batch, compose each subscriber's email and deliver it. The list's schedule and the ops endpoint both start
 * here; neither renders nor sends by itself.
 */
@ApplicationScoped
public class Distribution {

    private static final List<String> RUNNING = List.of("planned", "sending");

    private final ArticleStore articles;
    private final SubscriberStore subscribers;
    private final SendPlanner planner;
    private final SendScheduler scheduler;
    private final SendRunner runner;
    private final SendLedger ledger;
    private final DigestRenderer renderer;
    private final EditionMessages messages;
    private final SendStatuses statuses;
    private final io.herald.delivery.Draining draining;
    private final HeraldConfig config;
    private final Clock clock;
    private final jakarta.enterprise.event.Event<EditionGoingOut> goingOut;
    private final io.herald.delivery.Sender sender;
    private final io.herald.article.ArticleLinks links;

    Distribution(ArticleStore articles, SubscriberStore subscribers, SendPlanner planner, SendScheduler scheduler,
            SendRunner runner, SendLedger ledger, DigestRenderer renderer, EditionMessages messages,
            SendStatuses statuses, io.herald.delivery.Draining draining, HeraldConfig config, Clock clock,
            jakarta.enterprise.event.Event<EditionGoingOut> goingOut, io.herald.delivery.Sender sender,
            io.herald.article.ArticleLinks links) {
        this.goingOut = goingOut;
        this.sender = sender;
        this.links = links;
        this.draining = draining;
        this.articles = articles;
        this.subscribers = subscribers;
        this.planner = planner;
        this.scheduler = scheduler;
        this.runner = runner;
        this.ledger = ledger;
        this.renderer = renderer;
        this.messages = messages;
        this.statuses = statuses;
        this.config = config;
        this.clock = clock;
    }

    /** The scheduled path: every article the list has not had yet, one edition each or one digest. */
    public List<SendPlanner.Plan> distributeNew(String listId, String startedBy) throws SQLException {
        MailingList list = subscribers.findList(listId)
                .orElseThrow(() -> new IllegalArgumentException("No list " + listId));
        Instant since = clock.instant().minus(config.schedule().maxArticleAge());
        List<Article> fresh = articles.notYetSentTo(listId, since);
        List<SendPlanner.Plan> plans = new ArrayList<>();
        if (fresh.isEmpty()) {
            Log.debugf("List %s: nothing new to send", listId);
            return plans;
        }
        if (list.mode() == MailingList.Mode.DIGEST) {
            plans.add(start(fresh, list, false, startedBy));
        } else {
            for (Article article : fresh) {
                plans.add(start(List.of(article), list, false, startedBy));
            }
        }
        return plans;
    }

    /** The ops path: one article to one list, for real or as a dry run. */
    public SendPlanner.Plan start(long articleId, String listId, boolean dryRun, String startedBy) throws SQLException {
        return start(List.of(articleId), listId, dryRun, startedBy);
    }

    /** The ops path for an edition of several articles, in the order given (the first leads). */
    public SendPlanner.Plan start(List<Long> articleIds, String listId, boolean dryRun, String startedBy)
            throws SQLException {
        List<Article> edition = new ArrayList<>();
        for (long id : articleIds) {
            edition.add(articles.find(id).orElseThrow(() -> new NotFound("article", "no article " + id)));
        }
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        return start(edition, list, dryRun, startedBy);
    }

    private SendPlanner.Plan start(List<Article> edition, MailingList list, boolean dryRun, String startedBy)
            throws SQLException {
        boolean rehearsal = dryRun || config.dryRun();
        SendPlanner.Plan plan = planner.plan(edition, list, rehearsal, startedBy, clock.instant(),
                config.delivery().batchSize());
        if (!plan.created()) {
            Log.infof("List %s already has send %d for this edition; not sending again", list.id(), plan.sendId());
            return plan;
        }
        SendLedger.SendRow send = ledger.send(plan.sendId()).orElseThrow();
        Log.infof("Send %d planned: %d article(s) to list %s in %d batch(es)%s, by %s", plan.sendId(), edition.size(),
                list.id(), send.batchCount(), rehearsal ? " (dry run)" : "", startedBy);
        if (rehearsal) {
            rehearse(plan.sendId(), edition, list);
        } else if (send.batchCount() == 0) {
            ledger.transition(plan.sendId(), RUNNING, "finished", "the list has no member", clock.instant());
        } else {
            scheduler.runBatchesNow(plan.sendId(), ledger.handOut(plan.sendId(), config.delivery().batchesInFlight()));
        }
        if (!rehearsal) {
            goingOut.fire(new EditionGoingOut(edition.stream().map(Article::id).toList(), list.id(), clock.instant()));
        }
        return plan;
    }

    /** A dry run renders one sample, records every row as dry_run and sends nothing. */
    private void rehearse(long sendId, List<Article> edition, MailingList list) throws SQLException {
        subscribers.sampleRecipient(list.id()).ifPresent(r -> Log.infof("Dry run %d: sample subject \"%s\"", sendId,
                renderer.render(edition, list, r, renderer.previewContext(edition.get(0))).subject()));
        ledger.markDryRun(sendId, clock.instant());
        ledger.transition(sendId, RUNNING, "finished", "dry run: nothing sent", clock.instant());
    }

    /**
     * Called by a batch's Quartz job: delivers what is due in the batch. Returns when to run the batch again, if
     * rows in it wait for a retry.
     */
    public Optional<Instant> deliverBatch(long sendId, int seq) throws SQLException, MessagingException {
        SendLedger.SendRow send = ledger.send(sendId).orElseThrow(() -> new NotFound("send", "no send " + sendId));
        if (!send.running()) {
            return Optional.empty();
        }
        SendLedger.Batch batch = ledger.batch(sendId, seq).orElseThrow();
        ledger.transition(sendId, List.of("planned"), "sending", null, clock.instant());
        MailingList list = subscribers.findList(send.listId()).orElseThrow();
        List<Article> edition = editionArticles(send.editionId());
        EditionContext context = renderer.editionContext(send.editionId());
        PreparedEdition.Renderer render = (name, email, url) -> renderer.render(edition, list, name, email, url,
                context);
        SendRunner.Outcome outcome;
        try {
            outcome = runner.run(batch, list.id(),
                    messages.forSend(sendId, list, render, id -> renderer.unsubscribeUrl(list.id(), id)));
        } catch (io.quarkus.qute.TemplateException e) {
            // An editor's template that does not render fails every message alike: the send waits for a person,
            // with the template, line and reason, instead of retrying in silence. Rows it had claimed go back
            // when their lease ends; resume after the fix sends them.
            String reason = "the email template does not render: " + e.getMessage()
                    + "; fix it in the templates folder and resume the send";
            if (ledger.transition(sendId, RUNNING, "paused", reason, clock.instant())) {
                Log.errorf("Send %d paused itself: %s", sendId, reason);
            }
            statuses.changed(sendId);
            return Optional.empty();
        }
        if (outcome.relayDown().isPresent()) {
            // Nobody fails while the relay is away; ops see why the send does not move.
            ledger.waiting(sendId, SendLedger.WAITING_FOR_RELAY + outcome.relayDown().get());
        } else if (outcome.attempted() > outcome.failed()) {
            ledger.waiting(sendId, null);
        }
        Optional<String> failing = outcome.halt().isPresent() ? outcome.halt() : failingTooOften(sendId, seq, outcome);
        if (failing.isPresent()) {
            String reason = failing.get();
            if (ledger.transition(sendId, RUNNING, "paused", reason, clock.instant())) {
                Log.errorf("Send %d paused itself: %s", sendId, reason);
            }
            return Optional.empty();
        }
        if (draining.active()) {
            // Stopping: the batch goes back to Quartz now, for another node, or this one when it starts again.
            return Optional.of(clock.instant());
        }
        // This batch's turn is over: the next batch of the send takes its place.
        scheduler.runBatchesNow(sendId, ledger.handOut(sendId, 1));
        // Counting a send's open rows costs as much as it has rows: only once every batch has been handed out,
        // when few are left (before that, the batches not yet handed out are open by definition).
        if (outcome.dueAgain().isEmpty() && ledger.allHandedOut(sendId) && ledger.openRows(sendId) == 0
                && ledger.transition(sendId, RUNNING, "finished", null, clock.instant())) {
            report(sendId).ifPresent(r -> Log.infof("Send %d finished: %d sent, %d failed, %d skipped of %d",
                    sendId, r.sent(), r.failed(), r.skipped(), r.total()));
        }
        return outcome.dueAgain();
    }

    /**
     * Too many failures: in this batch, or among the send's final outcomes so far, at least herald.delivery
     * .pause-error-rate of at least pause-min-sample messages failed.
     */
    private Optional<String> failingTooOften(long sendId, int seq, SendRunner.Outcome batch) throws SQLException {
        double rate = config.delivery().pauseErrorRate();
        int sample = config.delivery().pauseMinSample();
        String last = "; last: " + batch.lastError();
        if (batch.attempted() >= sample && batch.failed() >= rate * batch.attempted()) {
            return Optional.of(batch.failed() + " of " + batch.attempted() + " messages failed in batch " + seq + last);
        }
        if (batch.failed() == 0) {
            return Optional.empty();
        }
        java.util.Map<String, Long> n = ledger.counts(sendId);
        long failed = n.getOrDefault(SendLedger.FAILED_PERMANENT, 0L) + n.getOrDefault(SendLedger.FAILED_TEMPORARY, 0L);
        long tried = failed + n.getOrDefault(SendLedger.SENT, 0L);
        return tried >= sample && failed >= rate * tried
                ? Optional.of(failed + " of " + tried + " messages failed so far (batch " + seq + ": " + batch.failed()
                        + " of " + batch.attempted() + ")" + last)
                : Optional.empty();
    }

    /** Stops a running send after the messages in flight; resume picks up where it stopped. */
    public boolean pause(long sendId, String by) throws SQLException {
        requireSend(sendId);
        boolean changed = ledger.transition(sendId, RUNNING, "paused", "paused by " + by, clock.instant());
        statuses.changed(sendId);
        return changed;
    }

    public boolean resume(long sendId) throws SQLException {
        requireSend(sendId);
        if (!ledger.transition(sendId, List.of("paused"), "sending", null, clock.instant())) {
            return false;
        }
        statuses.changed(sendId);
        scheduler.runBatchesNow(sendId, ledger.openBatches(sendId));
        scheduler.runBatchesNow(sendId, ledger.handOut(sendId, config.delivery().batchesInFlight()));
        return true;
    }

    /** Ends a send: nobody not yet tried gets it; what is in flight finishes and is recorded. */
    public boolean cancel(long sendId, String by) throws SQLException {
        requireSend(sendId);
        boolean changed = ledger.transition(sendId, List.of("planned", "sending", "paused"), "cancelled",
                "cancelled by " + by, clock.instant());
        statuses.changed(sendId);
        if (changed) {
            int n = ledger.cancelPending(sendId, clock.instant());
            Log.infof("Send %d cancelled by %s: %d recipients not sent to", sendId, by, n);
        }
        return changed;
    }

    /**
     * After a crash: gives a Quartz job to every handed-out batch of a running send that holds open rows but has
     * none, and restarts the hand-out of a send none of whose batches has a job.
     */
    public void resumeOrphans() throws SQLException {
        for (long sendId : ledger.runningSends()) {
            boolean anyJob = false;
            for (int seq : ledger.openBatches(sendId)) {
                if (scheduler.hasJob(sendId, seq)) {
                    anyJob = true;
                } else {
                    Log.warnf("Send %d batch %d had open rows and no job: queueing it again", sendId, seq);
                    scheduler.runBatchAt(sendId, seq, clock.instant());
                    anyJob = true;
                }
            }
            if (!anyJob) {
                scheduler.runBatchesNow(sendId, ledger.handOut(sendId, config.delivery().batchesInFlight()));
            }
        }
    }

    /** The exact message a list's first active member gets for this article: for preview and the API. */
    public Optional<MimeMessage> sampleMessage(long articleId, String listId) throws SQLException, MessagingException {
        Article article = articles.find(articleId).orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        Optional<Recipient> sample = subscribers.sampleRecipient(listId);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        Recipient r = sample.get();
        return Optional.of(messages.single("preview", list, new MessageBuilder.To(r.id(), r.email(), r.name()),
                (name, email, url) -> renderer.render(List.of(article), list, name, email, url,
                        renderer.previewContext(article)),
                renderer.unsubscribeUrl(list.id(), r.id())));
    }

    /**
     * Sends the article's email as {@code listId} would get it to one address, marked as a test, through the same
     * SMTP path (pool, DKIM), recorded in no ledger. Returns the relay's reply.
     */
    public String sendTest(long articleId, String listId, String address) throws Exception {
        Article article = articles.find(articleId).orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        String unsubscribe = links.publicUrl("/unsubscribe?t=test");
        MimeMessage message = messages.test(list, new MessageBuilder.To(0, address, null),
                (name, email, url) -> renderer.render(List.of(article), list, name, email, url,
                        renderer.previewContext(article)),
                unsubscribe);
        try (io.herald.delivery.Sender.Session session = sender.open()) {
            String reply = session.send(message);
            Log.infof("Test of article %d (list %s) sent to %s", articleId, listId, address);
            return reply;
        }
    }

    /** The rendered parts of that sample message. */
    public Optional<RenderedEmail> sampleEmail(long articleId, String listId) throws SQLException {
        Article article = articles.find(articleId).orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        return subscribers.sampleRecipient(listId)
                .map(r -> renderer.render(List.of(article), list, r, renderer.previewContext(article)));
    }

    /** The public web copy of an edition ("view in browser"): rendered for no one in particular. */
    public Optional<String> editionPage(long editionId) throws SQLException {
        Optional<String> listId = planner.editionList(editionId);
        if (listId.isEmpty()) {
            return Optional.empty();
        }
        MailingList list = subscribers.findList(listId.get()).orElseThrow();
        List<Article> edition = editionArticles(editionId);
        if (edition.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(renderer.render(edition, list, null, null, null, renderer.editionContext(editionId)).html());
    }

    public Optional<DeliveryReport> report(long sendId) throws SQLException {
        return ledger.report(sendId, clock.instant());
    }

    private void requireSend(long sendId) throws SQLException {
        ledger.send(sendId).orElseThrow(() -> new NotFound("id", "no send " + sendId));
    }

    private List<Article> editionArticles(long editionId) throws SQLException {
        List<Article> result = new ArrayList<>();
        for (long id : planner.editionArticles(editionId)) {
            articles.find(id).ifPresent(result::add);
        }
        return result;
    }

    /** A named thing that does not exist; web/ answers 404 naming the field. */
    /** A real (not dry-run) send of these articles started: their teasers follow (io.herald.social). */
    public record EditionGoingOut(List<Long> articleIds, String listId, java.time.Instant at) {
    }

    public static class NotFound extends RuntimeException {
        private final String field;

        public NotFound(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
