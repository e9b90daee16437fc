package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The suppression list, the one owner of its table: addresses Herald never sends to again (a hard bounce, a
 * complaint, too many soft bounces, an erasure). Bounces, the send runner and erasure add to it; signup, import and
 * planning ask it.
 */
@ApplicationScoped
public class Suppressions {

    /** Why an address is suppressed; stored as the lower-case name. */
    public enum Reason {
        /** The relay or a bounce report refused the address for good. */
        HARD_BOUNCE,
        /** The reader marked a message as spam (a feedback report). */
        COMPLAINT,
        /** Too many temporary failures within the window (herald.bounces.soft-limit). */
        SOFT_BOUNCES,
        /** Erased at the owner's request: only the keyed hash of the address is kept. */
        ERASED;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final DataSource dataSource;
    private final ErasedAddresses erased;

    Suppressions(DataSource dataSource, ErasedAddresses erased) {
        this.dataSource = dataSource;
        this.erased = erased;
    }

    /** Suppresses the address; already suppressed is the outcome wanted, not an error. */
    public void add(String email, Reason reason, String detail, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            add(c, email, reason, detail, now);
        } catch (SQLException raced) {
            // Two nodes suppressing the same address at once: the unique key kept one row, which is what is wanted.
            if (!isSuppressed(email)) {
                throw raced;
            }
        }
    }

    /** The same inside the caller's transaction (erasure). */
    void add(Connection c, String email, Reason reason, String detail, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.SUPPRESS_ONCE)) {
            ps.setString(1, email);
            ps.setString(2, reason.text());
            ps.setString(3, truncate(detail));
            ps.setObject(4, Jdbc.ts(now));
            ps.setString(5, email);
            ps.executeUpdate();
        }
    }

    /** Erasure: the address's own row goes, the keyed hash of it stays, inside the caller's transaction. */
    void replaceWithErasedKey(Connection c, String email, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.UNSUPPRESS)) {
            ps.setString(1, email);
            ps.executeUpdate();
        }
        add(c, erased.key(email), Reason.ERASED, "erased at the owner's request", now);
    }

    /** Whether the address (or the keyed hash an erasure left of it) is on the list. */
    public boolean isSuppressed(String email) throws SQLException {
        return !Sql.query(
                        dataSource,
                        SubscriberQueries.IS_SUPPRESSED,
                        ps -> {
                            ps.setString(1, email);
                            ps.setString(2, erased.key(email));
                        },
                        rs -> 1)
                .isEmpty();
    }

    /**
     * How many addresses have been erased so far, by any node: a number that changes whenever an erasure commits
     * (what a node keeps of the ledger's finished sends is counted again then).
     */
    public long erasures() throws SQLException {
        return Sql.count(dataSource, SubscriberQueries.ERASURES, ps -> ps.setString(1, Reason.ERASED.text()));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }
}
