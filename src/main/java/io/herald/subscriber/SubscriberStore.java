package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import io.herald.storage.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

import static io.herald.subscriber.SubscriberQueries.CLICK_CONSENT;
import static io.herald.subscriber.SubscriberQueries.CONSENTING_READERS;
import static io.herald.subscriber.SubscriberQueries.CONSENT_EVENT;
import static io.herald.subscriber.SubscriberQueries.INSERT_SUBSCRIBER;
import static io.herald.subscriber.SubscriberQueries.IS_ACTIVE;
import static io.herald.subscriber.SubscriberQueries.JOIN;
import static io.herald.subscriber.SubscriberQueries.MEMBERSHIPS;
import static io.herald.subscriber.SubscriberQueries.MEMBERSHIP_STATE;
import static io.herald.subscriber.SubscriberQueries.REJOIN;
import static io.herald.subscriber.SubscriberQueries.SAMPLE_RECIPIENT;
import static io.herald.subscriber.SubscriberQueries.SET_CLICK_CONSENT;
import static io.herald.subscriber.SubscriberQueries.SET_TIME_ZONE;
import static io.herald.subscriber.SubscriberQueries.SUBSCRIBER_BY_EMAIL;
import static io.herald.subscriber.SubscriberQueries.SUBSCRIBER_BY_ID;
import static io.herald.subscriber.SubscriberQueries.UNSUBSCRIBE;

/** Readers and their membership of each list, with the consent history every change of membership writes. */
@ApplicationScoped
public class SubscriberStore {

    public static final String ACTIVE = "active";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String REMOVED = "removed";

    /** A subscriber as a send sees them. */
    public record Recipient(long id, String email, String name) {}

    private final DataSource dataSource;
    private final Transactions transactions;

    SubscriberStore(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    static void bindConsentEvent(PreparedStatement ps, String listId, long id, String event, String source, Instant now)
            throws SQLException {
        ps.setString(1, listId);
        ps.setLong(2, id);
        ps.setString(3, event);
        ps.setString(4, source);
        ps.setObject(5, Jdbc.ts(now));
    }

    private static void consentEvent(Connection c, String listId, long id, String event, String source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSENT_EVENT)) {
            bindConsentEvent(ps, listId, id, event, source, now);
            ps.executeUpdate();
        }
    }

    /** Whether the member agreed that their clicks be kept under their name (lists that track individually). */
    public boolean clickConsent(String listId, long subscriberId) throws SQLException {
        return Sql.first(
                        dataSource,
                        CLICK_CONSENT,
                        ps -> {
                            ps.setString(1, listId);
                            ps.setLong(2, subscriberId);
                        },
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /**
     * Gives or withdraws consent to individual click tracking, with a consent event ("clicks-tracked" or
     * "clicks-untracked") naming where it came from; true when it changed.
     */
    public boolean setClickConsent(String listId, long subscriberId, boolean consent, String source, Instant now)
            throws SQLException {
        return transactions.inTransaction(c -> {
            boolean changed;
            try (PreparedStatement ps = c.prepareStatement(SET_CLICK_CONSENT)) {
                ps.setBoolean(1, consent);
                ps.setString(2, listId);
                ps.setLong(3, subscriberId);
                ps.setBoolean(4, consent);
                changed = ps.executeUpdate() == 1;
            }
            if (changed) {
                consentEvent(c, listId, subscriberId, consent ? "clicks-tracked" : "clicks-untracked", source, now);
            }
            return changed;
        });
    }

    /** The active members of a list who consented to individual click tracking. */
    public java.util.Set<Long> consentingReaders(String listId) throws SQLException {
        return new java.util.HashSet<>(
                Sql.query(dataSource, CONSENTING_READERS, ps -> ps.setString(1, listId), rs -> rs.getLong(1)));
    }

    /** Records an unsubscribe; true when the member was subscribed until now. */
    public boolean unsubscribe(String listId, long subscriberId, String source, Instant now) throws SQLException {
        return transactions.inTransaction(c -> {
            boolean changed;
            try (PreparedStatement ps = c.prepareStatement(UNSUBSCRIBE)) {
                ps.setString(1, UNSUBSCRIBED);
                ps.setString(2, source);
                ps.setObject(3, Jdbc.ts(now));
                ps.setString(4, listId);
                ps.setLong(5, subscriberId);
                ps.setString(6, UNSUBSCRIBED);
                changed = ps.executeUpdate() == 1;
            }
            if (changed) {
                consentEvent(c, listId, subscriberId, UNSUBSCRIBED, source, now);
            }
            return changed;
        });
    }

    public boolean isActive(String listId, String email) throws SQLException {
        return !Sql.query(
                        dataSource,
                        IS_ACTIVE,
                        ps -> {
                            ps.setString(1, listId);
                            ps.setString(2, email);
                        },
                        rs -> 1)
                .isEmpty();
    }

    public Optional<Recipient> findByEmail(String email) throws SQLException {
        return Sql.first(dataSource, SUBSCRIBER_BY_EMAIL, ps -> ps.setString(1, email), SubscriberStore::recipient);
    }

    public Optional<Recipient> recipient(long subscriberId) throws SQLException {
        return Sql.first(dataSource, SUBSCRIBER_BY_ID, ps -> ps.setLong(1, subscriberId), SubscriberStore::recipient);
    }

    /** The first active member of a list: the sample recipient of previews. */
    public Optional<Recipient> sampleRecipient(String listId) throws SQLException {
        return Sql.first(
                dataSource,
                SAMPLE_RECIPIENT,
                ps -> {
                    ps.setString(1, listId);
                    ps.setString(2, ACTIVE);
                },
                SubscriberStore::recipient);
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3));
    }

    /** The lists a subscriber is on and the state there. */
    public Map<String, String> memberships(long subscriberId) throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String[] row : Sql.query(dataSource, MEMBERSHIPS, ps -> ps.setLong(1, subscriberId), rs ->
                new String[] {rs.getString(1), rs.getString(2)})) {
            states.put(row[0], row[1]);
        }
        return states;
    }

    /** The membership state, if this subscriber was ever on this list. */
    public Optional<String> state(String listId, long subscriberId) throws SQLException {
        return Sql.first(
                dataSource,
                MEMBERSHIP_STATE,
                ps -> {
                    ps.setString(1, listId);
                    ps.setLong(2, subscriberId);
                },
                rs -> rs.getString(1));
    }

    /**
     * A confirmed signup: the subscriber exists, the membership is active with source "signup" (which the file sync
     * never removes), and the consent event records {@code source} (where the request and confirmation came from).
     */
    public void join(String listId, String email, String name, String timeZone, String source, Instant now)
            throws SQLException {
        transactions.inTransaction(c -> {
            long id = findByEmail(email).map(Recipient::id).orElse(-1L);
            if (id < 0) {
                id = insertSubscriber(c, email, name, timeZone, now);
            } else if (timeZone != null) {
                // The zone the reader confirmed on the form is the newest word on where they read.
                try (PreparedStatement zone = c.prepareStatement(SET_TIME_ZONE)) {
                    zone.setString(1, timeZone);
                    zone.setLong(2, id);
                    zone.executeUpdate();
                }
            }
            long subscriber = id;
            int updated;
            try (PreparedStatement up = c.prepareStatement(REJOIN)) {
                up.setString(1, "signup");
                up.setObject(2, Jdbc.ts(now));
                up.setString(3, listId);
                up.setLong(4, subscriber);
                updated = up.executeUpdate();
            }
            if (updated == 0 && state(listId, subscriber).isEmpty()) {
                try (PreparedStatement ins = c.prepareStatement(JOIN)) {
                    ins.setString(1, listId);
                    ins.setLong(2, subscriber);
                    ins.setString(3, "signup");
                    ins.setObject(4, Jdbc.ts(now));
                    ins.executeUpdate();
                    updated = 1;
                }
            }
            if (updated > 0) {
                consentEvent(c, listId, subscriber, "confirmed", source, now);
            }
            return null;
        });
    }

    private static long insertSubscriber(Connection c, String email, String name, String timeZone, Instant now)
            throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(INSERT_SUBSCRIBER, Statement.RETURN_GENERATED_KEYS)) {
            ins.setString(1, email);
            ins.setString(2, name);
            ins.setObject(3, Jdbc.ts(now));
            ins.setString(4, timeZone);
            ins.executeUpdate();
            try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
