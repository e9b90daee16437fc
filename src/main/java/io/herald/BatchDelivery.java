package io.herald;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryRows;
import io.herald.delivery.Draining;
import io.herald.delivery.PauseRule;
import io.herald.delivery.SendLedger;
import io.herald.delivery.SendReports;
import io.herald.delivery.SendRunner;
import io.herald.delivery.SendStatus;
import io.herald.delivery.SendStatuses;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

/**
 * One batch of a send, when its turn comes: render each claimed reader's email, deliver it, record the outcomes,
 * pause the send when it fails too often, hand out the next batch, and finish the send after its last row.
 */
@ApplicationScoped
class BatchDelivery {

    private final SendLedger ledger;
    private final DeliveryRows rows;
    private final SendReports reports;
    private final MailingLists mailingLists;
    private final EditionArticles editions;
    private final BatchMessages messages;
    private final SendRunner runner;
    private final SendStatuses statuses;
    private final PauseRule pauseRule;
    private final Draining draining;
    private final BatchQueue queue;
    private final SubjectTesting subjectTesting;
    private final Clock clock;

    BatchDelivery(
            SendLedger ledger,
            DeliveryRows rows,
            SendReports reports,
            MailingLists mailingLists,
            EditionArticles editions,
            BatchMessages messages,
            SendRunner runner,
            SendStatuses statuses,
            PauseRule pauseRule,
            Draining draining,
            BatchQueue queue,
            SubjectTesting subjectTesting,
            Clock clock) {
        this.subjectTesting = subjectTesting;
        this.ledger = ledger;
        this.rows = rows;
        this.reports = reports;
        this.mailingLists = mailingLists;
        this.editions = editions;
        this.messages = messages;
        this.runner = runner;
        this.statuses = statuses;
        this.pauseRule = pauseRule;
        this.draining = draining;
        this.queue = queue;
        this.clock = clock;
    }

    /** Delivers what is due in the batch. Returns when to run it again, if rows in it wait for a retry. */
    Optional<Instant> deliver(long sendId, int seq) throws SQLException, MessagingException {
        SendLedger.SendRow send = ledger.send(sendId).orElseThrow(() -> Refusal.notFound("send", "no send " + sendId));
        if (!send.running()) {
            return Optional.empty();
        }
        SendLedger.Batch batch = ledger.batch(sendId, seq).orElseThrow();
        ledger.transition(sendId, EnumSet.of(SendStatus.PLANNED), SendStatus.SENDING, null, clock.instant());
        MailingList list = mailingLists.find(send.listId()).orElseThrow();
        List<Article> edition = editions.of(send.editionId());
        SendRunner.Outcome outcome;
        try {
            // A subject test whose time is up gets its winner before the readers waiting for it are claimed.
            outcome = runner.run(
                    batch,
                    list.id(),
                    messages.of(sendId, send.editionId(), list, edition, subjectTesting.decideIfDue(sendId)));
        } catch (TemplateException e) {
            // An editor's template that does not render fails every message alike: the send waits for a person,
            // with the template, line and reason, instead of retrying in silence. Rows it had claimed go back
            // when their lease ends; resume after the fix sends them.
            pauseItself(
                    sendId,
                    "the email template does not render: " + e.getMessage()
                            + "; fix it in the templates folder and resume the send");
            statuses.changed(sendId);
            return Optional.empty();
        }
        if (outcome.relayDown().isPresent()) {
            // Nobody fails while the relay is away; ops see why the send does not move.
            ledger.waiting(
                    sendId, SendLedger.WAITING_FOR_RELAY + outcome.relayDown().get());
        } else if (outcome.attempted() > outcome.failed()) {
            ledger.waiting(sendId, null);
        }
        Optional<String> failing =
                outcome.halt().isPresent() ? outcome.halt() : pauseRule.failingTooOften(sendId, seq, outcome);
        if (failing.isPresent()) {
            pauseItself(sendId, failing.get());
            return Optional.empty();
        }
        if (draining.active()) {
            // Stopping: the batch goes back to the queue now, for another node, or this one when it starts again.
            return Optional.of(clock.instant());
        }
        // This batch's turn is over: the next batch of the send takes its place.
        queue.runBatchesNow(sendId, ledger.handOut(sendId, 1));
        // Counting a send's open rows costs as much as it has rows: only once every batch has been handed out,
        // when few are left (before that, the batches not yet handed out are open by definition).
        if (outcome.dueAgain().isEmpty()
                && ledger.allHandedOut(sendId)
                && rows.openRows(sendId) == 0
                && ledger.transition(sendId, SendStatus.RUNNING, SendStatus.FINISHED, null, clock.instant())) {
            reports.report(sendId, clock.instant())
                    .ifPresent(r -> Log.infof(
                            "Send %d finished: %d sent, %d failed, %d skipped of %d",
                            sendId, r.sent(), r.failed(), r.skipped(), r.total()));
        }
        return outcome.dueAgain();
    }

    private void pauseItself(long sendId, String reason) throws SQLException {
        if (ledger.transition(sendId, SendStatus.RUNNING, SendStatus.PAUSED, reason, clock.instant())) {
            Log.errorf("Send %d paused itself: %s", sendId, reason);
        }
    }
}
