package io.herald;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.herald.delivery.DeliveryRows;
import io.herald.delivery.SendHistory;
import io.herald.delivery.SendReports;
import io.herald.insight.ReaderClicks;
import io.herald.storage.Transactions;
import io.herald.subscriber.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GDPR requests for one address: everything Herald holds about it (subscriber tables and the emails sent to it), or
 * its erasure from both in one transaction.
 */
@ApplicationScoped
public class PersonalDataRequests {

    /** The answer to an access request. */
    public record Export(
            String email,
            String name,
            String timeZone,
            List<PersonalData.Membership> memberships,
            List<PersonalData.ConsentEvent> consentHistory,
            List<SendHistory.EmailSent> emails,
            List<ReaderClicks.Clicked> clicks,
            boolean suppressed) {}

    private final PersonalData personalData;
    private final SendHistory history;
    private final DeliveryRows rows;
    private final Transactions transactions;
    private final ReaderClicks readerClicks;
    private final SendReports reports;

    PersonalDataRequests(
            PersonalData personalData,
            SendHistory history,
            DeliveryRows rows,
            Transactions transactions,
            ReaderClicks readerClicks,
            SendReports reports) {
        this.readerClicks = readerClicks;
        this.reports = reports;
        this.personalData = personalData;
        this.history = history;
        this.rows = rows;
        this.transactions = transactions;
    }

    public Optional<Export> export(String email) throws SQLException {
        Optional<PersonalData.Held> held = personalData.of(email);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        PersonalData.Held h = held.get();
        return Optional.of(new Export(
                h.email(),
                h.name(),
                h.timeZone(),
                h.memberships(),
                h.consentHistory(),
                history.emailsTo(h.subscriberId()),
                readerClicks.of(h.subscriberId()),
                h.suppressed()));
    }

    /**
     * Erases the address: its ledger rows, the clicks kept under its name, memberships, consent history and subscriber row; a keyed hash stays on the
     * suppression list. False when Herald had no such subscriber (the hash is recorded anyway).
     */
    public boolean erase(String email, Instant now) throws SQLException {
        boolean found = transactions.inTransaction(c -> {
            Optional<Long> id = personalData.subscriberToErase(c, email);
            if (id.isPresent()) {
                rows.forget(c, id.get());
                readerClicks.erase(c, id.get());
            }
            personalData.erase(c, id, email, now);
            return id.isPresent();
        });
        if (found) {
            // The reader's rows are gone from the finished sends' counts too
            reports.readerErased();
        }
        return found;
    }
}
