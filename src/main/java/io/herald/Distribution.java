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
import io.herald.delivery.MessageBuilder;
import io.herald.delivery.MessageSource;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SendRunner;
import io.herald.digest.DigestRenderer;
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
 * One distribution, in pipeline order: pick the articles, plan the send, hand it to Quartz, and when Quartz runs it,
 * render each subscriber's email and deliver it. The list's schedule and the ops endpoint both start here; neither
 * renders nor sends by itself.
 */
@ApplicationScoped
public class Distribution {

    private final ArticleStore articles;
    private final SubscriberStore subscribers;
    private final SendPlanner planner;
    private final SendScheduler scheduler;
    private final SendRunner runner;
    private final SendLedger ledger;
    private final DigestRenderer renderer;
    private final MessageBuilder messages;
    private final HeraldConfig config;
    private final Clock clock;

    Distribution(ArticleStore articles, SubscriberStore subscribers, SendPlanner planner, SendScheduler scheduler,
            SendRunner runner, SendLedger ledger, DigestRenderer renderer, MessageBuilder messages,
            HeraldConfig config, Clock clock) {
        this.articles = articles;
        this.subscribers = subscribers;
        this.planner = planner;
        this.scheduler = scheduler;
        this.runner = runner;
        this.ledger = ledger;
        this.renderer = renderer;
        this.messages = messages;
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
        Article article = articles.find(articleId)
                .orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        return start(List.of(article), list, dryRun, startedBy);
    }

    private SendPlanner.Plan start(List<Article> edition, MailingList list, boolean dryRun, String startedBy)
            throws SQLException {
        SendPlanner.Plan plan = planner.plan(edition, list, dryRun || config.dryRun(), startedBy, clock.instant());
        if (plan.created()) {
            Log.infof("Send %d planned: %d article(s) to list %s%s, by %s", plan.sendId(), edition.size(), list.id(),
                    dryRun ? " (dry run)" : "", startedBy);
            scheduler.runNow(plan.sendId());
        } else {
            Log.infof("List %s already has send %d for this edition; not sending again", list.id(), plan.sendId());
        }
        return plan;
    }

    /** Called by the send's Quartz job: delivers what is due and says whether to come back. */
    public SendRunner.Outcome deliver(long sendId) throws SQLException {
        SendLedger.SendRow send = ledger.send(sendId).orElseThrow(() -> new NotFound("send", "no send " + sendId));
        if ("finished".equals(send.status())) {
            return new SendRunner.Outcome(true, null);
        }
        MailingList list = subscribers.findList(send.listId()).orElseThrow();
        List<Article> edition = editionArticles(send.editionId());
        ledger.markStatus(sendId, "sending", null);
        if (send.dryRun()) {
            subscribers.sampleRecipient(list.id()).ifPresent(r -> Log.infof("Dry run %d: sample subject \"%s\"",
                    sendId, renderer.render(edition, list, r).subject()));
            ledger.markDryRun(sendId, clock.instant());
        }
        SendRunner.Outcome outcome = runner.run(sendId, new MessageSource() {
            @Override
            public Optional<String> skipReason(SendLedger.Claimed r) throws SQLException {
                String state = subscribers.state(list.id(), r.subscriberId()).orElse("removed");
                return SubscriberStore.ACTIVE.equals(state) ? Optional.empty() : Optional.of(state);
            }

            @Override
            public MimeMessage compose(SendLedger.Claimed r) throws MessagingException {
                return message(edition, list, new Recipient(r.subscriberId(), r.email(), r.name()), "s" + sendId);
            }
        });
        if (outcome.finished()) {
            ledger.report(sendId).ifPresent(r -> Log.infof("Send %d finished: %d sent, %d failed, %d skipped of %d",
                    sendId, r.sent(), r.failed(), r.skipped(), r.total()));
        }
        return outcome;
    }

    /** The exact message a list's first active member gets for this article: for preview and the API. */
    public Optional<MimeMessage> sampleMessage(long articleId, String listId) throws SQLException, MessagingException {
        Article article = articles.find(articleId).orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        Optional<Recipient> sample = subscribers.sampleRecipient(listId);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(message(List.of(article), list, sample.get(), "preview"));
    }

    /** The rendered parts of that sample message. */
    public Optional<RenderedEmail> sampleEmail(long articleId, String listId) throws SQLException {
        Article article = articles.find(articleId).orElseThrow(() -> new NotFound("article", "no article " + articleId));
        MailingList list = subscribers.findList(listId).orElseThrow(() -> new NotFound("list", "no list " + listId));
        return subscribers.sampleRecipient(listId).map(r -> renderer.render(List.of(article), list, r));
    }

    public Optional<DeliveryReport> report(long sendId) throws SQLException {
        return ledger.report(sendId);
    }

    private MimeMessage message(List<Article> edition, MailingList list, Recipient to, String sendKey)
            throws MessagingException {
        RenderedEmail email = renderer.render(edition, list, to);
        return messages.build(email, list, to, renderer.unsubscribeUrl(list.id(), to.id()),
                new MessageBuilder.MessageKey(sendKey, to.id()));
    }

    private List<Article> editionArticles(long editionId) throws SQLException {
        List<Article> result = new ArrayList<>();
        for (long id : planner.editionArticles(editionId)) {
            articles.find(id).ifPresent(result::add);
        }
        return result;
    }

    /** A named thing that does not exist; web/ answers 404 naming the field. */
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
