package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the subscriber tables hold about one address, for a GDPR access request, and its erasure. The ledger rows of
 * the emails sent to it are the delivery side's; io.herald.PersonalDataRequests puts both together.
 */
@ApplicationScoped
public class PersonalData {

    /** A membership as it stands. */
    public record Membership(String list, String state, String source, String changedAt, boolean clicksTracked) {}

    /** One entry of the consent history. */
    public record ConsentEvent(String list, String event, String source, String at) {}

    /** Everything the subscriber tables hold about an address. */
    public record Held(
            long subscriberId,
            String email,
            String name,
            String timeZone,
            List<Membership> memberships,
            List<ConsentEvent> consentHistory,
            boolean suppressed) {}

    private final DataSource dataSource;
    private final SubscriberStore subscribers;
    private final Suppressions suppressions;

    PersonalData(DataSource dataSource, SubscriberStore subscribers, Suppressions suppressions) {
        this.dataSource = dataSource;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
    }

    public Optional<Held> of(String email) throws SQLException {
        Optional<SubscriberStore.Recipient> r = subscribers.findByEmail(email);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        long id = r.get().id();
        List<Membership> memberships = Sql.query(
                dataSource,
                SubscriberQueries.MEMBERSHIP_HISTORY,
                ps -> ps.setLong(1, id),
                rs -> new Membership(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toString(),
                        rs.getBoolean(5)));
        List<ConsentEvent> consent = Sql.query(
                dataSource,
                SubscriberQueries.CONSENT_HISTORY,
                ps -> ps.setLong(1, id),
                rs -> new ConsentEvent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toString()));
        // A reader without a zone of their own has NULL here (the list's zone applies).
        String zone =
                Sql.query(dataSource, SubscriberQueries.TIME_ZONE, ps -> ps.setLong(1, id), rs -> rs.getString(1))
                        .stream()
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        return Optional.of(new Held(
                id, r.get().email(), r.get().name(), zone, memberships, consent, suppressions.isSuppressed(email)));
    }

    /**
     * The subscriber's id, read first inside an erasure's transaction; the row stays locked until it commits, so that
     * no other transaction adds rows pointing at the reader in between ({@link SubscriberQueries#SUBSCRIBER_TO_ERASE}).
     */
    public Optional<Long> subscriberToErase(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.SUBSCRIBER_TO_ERASE)) {
            ps.setString(1, email);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * GDPR erasure inside the caller's transaction, after the delivery side has forgotten the subscriber's rows: the
     * subscriber, their memberships and consent history go; the suppression list keeps only the keyed hash of the
     * address ({@link ErasedAddresses}), so no import or signup brings it back.
     */
    public void erase(Connection c, Optional<Long> subscriberId, String email, Instant now) throws SQLException {
        if (subscriberId.isPresent()) {
            for (String sql : List.of(
                    SubscriberQueries.ERASE_CONSENT,
                    SubscriberQueries.ERASE_MEMBERSHIPS,
                    SubscriberQueries.ERASE_SUBSCRIBER)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, subscriberId.get());
                    ps.executeUpdate();
                }
            }
        }
        suppressions.replaceWithErasedKey(c, email, now);
    }
}
