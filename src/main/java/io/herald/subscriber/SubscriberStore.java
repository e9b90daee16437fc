package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                    + "reply_to=?, schedule=?, time_zone=?, mode=?, synced_at=? WHERE id=?")) {
                bindList(ps, list, now);
                ps.setString(8, list.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailing_list (name, from_address, "
                        + "reply_to, schedule, time_zone, mode, synced_at, id) VALUES (?,?,?,?,?,?,?,?)")) {
                    bindList(ps, list, now);
                    ps.setString(8, list.id());
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
    }

    public Optional<MailingList> findList(String id) throws SQLException {
        return lists("SELECT id, name, from_address, reply_to, schedule, time_zone, mode FROM mailing_list WHERE id = ?",
                id).stream().findFirst();
    }

    public List<MailingList> allLists() throws SQLException {
        return lists("SELECT id, name, from_address, reply_to, schedule, time_zone, mode FROM mailing_list ORDER BY id",
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
                            rs.getString(5), ZoneId.of(rs.getString(6)), MailingList.Mode.valueOf(rs.getString(7))));
                }
            }
            return result;
        }
    }

    /**
     * Makes the database agree with a list file: new members become active, members gone from the file become
     * removed. An unsubscribe recorded in the database is never undone by the file.
     */
    public SyncReport syncMembers(String listId, List<Member> members, String source, Instant now) throws SQLException {
        int added = 0;
        int removed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Long, String> states = memberStates(c, listId);
                Map<Long, Boolean> inFile = new HashMap<>();
                for (Member m : members) {
                    long id = subscriberId(c, m, now);
                    inFile.put(id, true);
                    String state = states.get(id);
                    if (state == null) {
                        insertMembership(c, listId, id, source, now);
                        added++;
                    } else if (REMOVED.equals(state)) {
                        setState(c, listId, id, ACTIVE, source, now);
                        added++;
                    }
                }
                for (Map.Entry<Long, String> e : states.entrySet()) {
                    if (ACTIVE.equals(e.getValue()) && !inFile.containsKey(e.getKey())) {
                        setState(c, listId, e.getKey(), REMOVED, source, now);
                        removed++;
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return new SyncReport(added, removed);
    }

    /** What a sync changed. */
    public record SyncReport(int added, int removed) {
    }

    private static Map<Long, String> memberStates(Connection c, String listId) throws SQLException {
        Map<Long, String> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, state FROM membership WHERE list_id=?")) {
            ps.setString(1, listId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return states;
    }

    private static long subscriberId(Connection c, Member m, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subscriber WHERE email = ?")) {
            ps.setString(1, m.email());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    if (m.name() != null) {
                        try (PreparedStatement up = c.prepareStatement("UPDATE subscriber SET name=? WHERE id=?")) {
                            up.setString(1, m.name());
                            up.setLong(2, id);
                            up.executeUpdate();
                        }
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (email, name, created_at) VALUES (?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, m.email());
            ps.setString(2, m.name());
            ps.setObject(3, Jdbc.ts(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertMembership(Connection c, String listId, long id, String source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO membership (list_id, subscriber_id, state, source, "
                + "changed_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, listId);
            ps.setLong(2, id);
            ps.setString(3, ACTIVE);
            ps.setString(4, source);
            ps.setObject(5, Jdbc.ts(now));
            ps.executeUpdate();
        }
        consentEvent(c, listId, id, "listed", source, now);
    }

    private static void setState(Connection c, String listId, long id, String state, String source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE membership SET state=?, source=?, changed_at=? "
                + "WHERE list_id=? AND subscriber_id=?")) {
            ps.setString(1, state);
            ps.setString(2, source);
            ps.setObject(3, Jdbc.ts(now));
            ps.setString(4, listId);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        consentEvent(c, listId, id, state, source, now);
    }

    private static void consentEvent(Connection c, String listId, long id, String event, String source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_event (list_id, subscriber_id, event, "
                + "source, at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, listId);
            ps.setLong(2, id);
            ps.setString(3, event);
            ps.setString(4, source);
            ps.setObject(5, Jdbc.ts(now));
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
