package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/** Lists, subscribers and their membership state in the database. */
@ApplicationScoped
public class SubscriberStore {

    public static final String ACTIVE = "active";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String REMOVED = "removed";

    private final DataSource dataSource;

    SubscriberStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A subscriber as a send sees them. */
    public record Recipient(long id, String email, String name) {
    }

    public void upsertList(MailingList list, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE mailing_list SET name=?, from_address=?, "
                    + "reply_to=?, schedule=?, time_zone=?, mode=?, synced_at=?, feeds=?, default_channels=? "
                    + "WHERE id=?")) {
                bindList(ps, list, now);
                ps.setString(10, list.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailing_list (name, from_address, "
                        + "reply_to, schedule, time_zone, mode, synced_at, feeds, default_channels, id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    bindList(ps, list, now);
                    ps.setString(10, list.id());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void bindList(PreparedStatement ps, MailingList list, Instant now) throws SQLException {
        ps.setString(1, list.name());
        ps.setString(2, list.from());
        ps.setString(3, list.replyTo());
        ps.setString(4, list.schedule());
        ps.setString(5, list.timeZone().getId());
        ps.setString(6, list.mode().name());
        ps.setObject(7, Jdbc.ts(now));
        ps.setString(8, String.join("\n", list.feeds()));
        ps.setString(9, String.join(",", list.defaultChannels()));
    }

    public Optional<MailingList> findList(String id) throws SQLException {
        return lists("SELECT " + LIST_COLUMNS + " FROM mailing_list WHERE id = ?",
                id).stream().findFirst();
    }

    public List<MailingList> allLists() throws SQLException {
        return lists("SELECT " + LIST_COLUMNS + " FROM mailing_list ORDER BY id",
                null);
    }

    private List<MailingList> lists(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            List<MailingList> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new MailingList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), ZoneId.of(rs.getString(6)), MailingList.Mode.valueOf(rs.getString(7)),
                            split(rs.getString(8), "\n"), split(rs.getString(9), ",")));
                }
            }
            return result;
        }
    }

    private static final String LIST_COLUMNS = "id, name, from_address, reply_to, schedule, time_zone, mode, feeds, "
            + "default_channels";

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(separator));
    }

    /** What a sync changed. */
    public record SyncReport(int added, int removed) {
    }

    /**
     * Streams a members file into the list (see {@link MemberSync}); bad and repeated rows go to {@code problems}.
     * An unchanged file (same fingerprint as last time) is not read again.
     */
    public Optional<SyncReport> syncMembers(String listId, Path file, String fingerprint, boolean evenUnchanged,
            SubscriberFileReader reader, String source, Instant now, List<FileProblem> problems) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT members_fingerprint FROM mailing_list WHERE id = ?")) {
                ps.setString(1, listId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!evenUnchanged && rs.next() && fingerprint.equals(rs.getString(1))) {
                        return Optional.empty();
                    }
                }
            }
            SyncReport report;
            try (MemberSync sync = new MemberSync(c, listId, source, now, file, problems)) {
                reader.readMembers(file, (member, line) -> sync.add(member, line), problems);
                report = sync.finish();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mailing_list SET members_fingerprint = ? WHERE id = ?")) {
                ps.setString(1, fingerprint);
                ps.setString(2, listId);
                ps.executeUpdate();
            }
            return Optional.of(report);
        }
    }

    /** One entry of a subscriber's consent history; bound by {@link #bindConsentEvent}. */
    static final String CONSENT_EVENT = "INSERT INTO consent_event (list_id, subscriber_id, event, source, at) "
            + "VALUES (?,?,?,?,?)";

    static void bindConsentEvent(PreparedStatement ps, String listId, long id, String event, String source,
            Instant now) throws SQLException {
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

    /** Records an unsubscribe; true when the member was subscribed until now. */
    public boolean unsubscribe(String listId, long subscriberId, String source, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE membership SET state=?, source=?, changed_at=? "
                        + "WHERE list_id=? AND subscriber_id=? AND state <> ?")) {
            ps.setString(1, UNSUBSCRIBED);
            ps.setString(2, source);
            ps.setObject(3, Jdbc.ts(now));
            ps.setString(4, listId);
            ps.setLong(5, subscriberId);
            ps.setString(6, UNSUBSCRIBED);
            boolean changed = ps.executeUpdate() == 1;
            if (changed) {
                consentEvent(c, listId, subscriberId, UNSUBSCRIBED, source, now);
            }
            return changed;
        }
    }

    /** The membership state, if this subscriber was ever on this list. */
    public Optional<String> state(String listId, long subscriberId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state FROM membership WHERE list_id=? AND subscriber_id=?")) {
            ps.setString(1, listId);
            ps.setLong(2, subscriberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<Recipient> recipient(long subscriberId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, email, name FROM subscriber WHERE id=?")) {
            ps.setLong(1, subscriberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** The first active member of a list: the sample recipient of previews. */
    public Optional<Recipient> sampleRecipient(String listId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.id, s.email, s.name FROM membership m "
                        + "JOIN subscriber s ON s.id = m.subscriber_id WHERE m.list_id=? AND m.state=? ORDER BY s.id "
                        + "FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, listId);
            ps.setString(2, ACTIVE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }
}
