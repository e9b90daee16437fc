package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.delivery.DeliveryConfig;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SendStatus;
import io.herald.delivery.SubjectTest;
import io.herald.feed.NewArticles;
import io.herald.social.TeasersFollowEmail;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

/**
 * One distribution, in pipeline order: pick the articles, plan the send, hand its batches to the queue, and when a
 * batch runs, compose each subscriber's email and deliver it. The list's schedule, a feed's new items and the ops
 * endpoint all start here; none of them renders or sends by itself. Delivering a batch is BatchDelivery's, control of a
 * running send SendControl's, previews EditionPreview's.
 */
@ApplicationScoped
public class Distribution implements NewArticles {

    private final ArticleStore articles;
    private final MailingLists mailingLists;
    private final SendPlanner planner;
    private final BatchQueue queue;
    private final SendLedger ledger;
    private final BatchDelivery batches;
    private final DryRun dryRuns;
    private final TeasersFollowEmail teasers;
    private final HeraldConfig config;
    private final DeliveryConfig deliveryConfig;
    private final Clock clock;
    private final io.herald.audit.AuditTrail audit;

    Distribution(
            ArticleStore articles,
            MailingLists mailingLists,
            SendPlanner planner,
            BatchQueue queue,
            SendLedger ledger,
            BatchDelivery batches,
            DryRun dryRuns,
            TeasersFollowEmail teasers,
            HeraldConfig config,
            DeliveryConfig deliveryConfig,
            Clock clock,
            io.herald.audit.AuditTrail audit) {
        this.audit = audit;
        this.articles = articles;
        this.mailingLists = mailingLists;
        this.planner = planner;
        this.queue = queue;
        this.ledger = ledger;
        this.batches = batches;
        this.dryRuns = dryRuns;
        this.teasers = teasers;
        this.config = config;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
    }

    /** The scheduled path: every article the list has not had yet, one edition each or one digest. */
    public List<SendPlanner.Plan> distributeNew(String listId, String startedBy) throws SQLException {
        MailingList list =
                mailingLists.find(listId).orElseThrow(() -> new IllegalArgumentException("No list " + listId));
        List<Article> fresh = articles.notYetSentTo(
                listId, clock.instant().minus(deliveryConfig.schedule().maxArticleAge()));
        if (fresh.isEmpty()) {
            Log.debugf("List %s: nothing new to send", listId);
        }
        return startEach(fresh, list, startedBy);
    }

    /**
     * A feed's new articles: they go at once to each of its lists that has no schedule. Lists with a schedule take
     * them at their next run, with anything else new.
     */
    @Override
    public void arrived(List<Long> articleIds, List<String> listIds, String startedBy) throws SQLException {
        List<Article> fresh = new ArrayList<>();
        for (long id : articleIds) {
            articles.find(id).ifPresent(fresh::add);
        }
        for (String id : listIds) {
            Optional<MailingList> list = mailingLists.find(id);
            if (list.isEmpty()) {
                Log.warnf("%s names list %s, which does not exist", startedBy, id);
            } else if (list.get().schedule() == null && !fresh.isEmpty()) {
                startEach(fresh, list.get(), startedBy);
            }
        }
    }

    /** The one place the list's mode decides: one digest of them all, or one email per article. */
    private List<SendPlanner.Plan> startEach(List<Article> arrived, MailingList list, String startedBy)
            throws SQLException {
        List<SendPlanner.Plan> plans = new ArrayList<>();
        // A list that names its language takes the articles written in it (a newsroom runs a list per language);
        // one that names none takes every article. An ops send picks its articles itself and is not filtered.
        List<Article> fresh = list.language() == null
                ? arrived
                : arrived.stream()
                        .filter(a -> list.language().equals(a.language()))
                        .toList();
        if (fresh.isEmpty()) {
            return plans;
        }
        if (list.mode() == MailingList.Mode.DIGEST) {
            plans.add(start(fresh, list, false, startedBy));
        } else {
            for (Article article : fresh) {
                plans.add(start(List.of(article), list, false, startedBy));
            }
        }
        // Sends Herald starts by itself (a list's schedule, a feed's new items) go on the audit trail as a person's
        // do (web/AuditRecorder), with the schedule or feed as the actor.
        for (SendPlanner.Plan plan : plans) {
            if (plan.created()) {
                audit.append(
                        startedBy,
                        "herald",
                        "send.start",
                        "send " + plan.sendId(),
                        202,
                        java.util.Map.of(
                                "list",
                                list.id(),
                                "articles",
                                fresh.stream().map(Article::id).toList()));
            }
        }
        return plans;
    }

    /**
     * The ops path for an edition of one or more articles, in the order given (the first leads), with a subject test
     * when {@code subjectTest} is not null.
     */
    public SendPlanner.Plan start(
            List<Long> articleIds, String listId, boolean dryRun, String startedBy, SubjectTest subjectTest)
            throws SQLException {
        List<Article> edition = new ArrayList<>();
        for (long id : articleIds) {
            edition.add(articles.find(id).orElseThrow(() -> Refusal.notFound("article", "no article " + id)));
        }
        MailingList list = mailingLists.find(listId).orElseThrow(() -> Refusal.notFound("list", "no list " + listId));
        if (subjectTest != null) {
            SubjectTesting.refusal(list, dryRun || config.dryRun()).ifPresent(reason -> {
                throw new Refusal(Refusal.Kind.UNPROCESSABLE, "subjects", reason);
            });
        }
        return start(edition, list, dryRun, startedBy, subjectTest);
    }

    private SendPlanner.Plan start(List<Article> edition, MailingList list, boolean dryRun, String startedBy)
            throws SQLException {
        return start(edition, list, dryRun, startedBy, null);
    }

    private SendPlanner.Plan start(
            List<Article> edition, MailingList list, boolean dryRun, String startedBy, SubjectTest subjectTest)
            throws SQLException {
        boolean rehearsal = dryRun || config.dryRun();
        SendPlanner.Plan plan = planner.plan(
                edition,
                list,
                rehearsal,
                startedBy,
                clock.instant(),
                deliveryConfig.delivery().batchSize(),
                subjectTest);
        if (!plan.created()) {
            Log.infof("List %s already has send %d for this edition; not sending again", list.id(), plan.sendId());
            return plan;
        }
        SendLedger.SendRow send = ledger.send(plan.sendId()).orElseThrow();
        Log.infof(
                "Send %d planned: %d article(s) to list %s in %d batch(es)%s, by %s",
                plan.sendId(), edition.size(), list.id(), send.batchCount(), rehearsal ? " (dry run)" : "", startedBy);
        if (rehearsal) {
            dryRuns.rehearse(plan.sendId(), edition, list);
            return plan;
        }
        if (send.batchCount() == 0) {
            ledger.transition(
                    plan.sendId(), SendStatus.RUNNING, SendStatus.FINISHED, "the list has no member", clock.instant());
        } else {
            queue.runBatchesNow(
                    plan.sendId(),
                    ledger.handOut(plan.sendId(), deliveryConfig.delivery().batchesInFlight()));
        }
        teasers.editionGoingOut(edition.stream().map(Article::id).toList(), list.id(), clock.instant());
        return plan;
    }

    /** Runs a batch (its job calls this): returns when to run it again, if rows in it wait for a retry. */
    public Optional<Instant> deliverBatch(long sendId, int seq) throws SQLException, MessagingException {
        return batches.deliver(sendId, seq);
    }
}
