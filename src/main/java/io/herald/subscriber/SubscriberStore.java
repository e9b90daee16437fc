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

    private final ErasedAddresses erased;
    private final Suppressions suppressions;

    SubscriberStore(DataSource dataSource, ErasedAddresses erased, Suppressions suppressions) {
        this.dataSource = dataSource;
        this.erased = erased;
        this.suppressions = suppressions;
    }

    /** A subscriber as a send sees them. */
    public record Recipient(long id, String email, String name) {
    }

    public void upsertList(MailingList list, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE mailing_list SET name=?, from_address=?, "
                    + "reply_to=?, schedule=?, time_zone=?, mode=?, synced_at=?, feeds=?, default_channels=?, "
                    + "digest_style=? WHERE id=?")) {
                bindList(ps, list, now);
                ps.setString(11, list.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailing_list (name, from_address, "
                        + "reply_to, schedule, time_zone, mode, synced_at, feeds, default_channels, digest_style, "
                        + "id) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                    bindList(ps, list, now);
                    ps.setString(11, list.id());
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
        ps.setString(10, list.digestStyle().name());
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
                            split(rs.getString(8), "\n"), split(rs.getString(9), ","),
                            rs.getString(10) == null ? null : MailingList.DigestStyle.valueOf(rs.getString(10))));
                }
            }
            return result;
        }
    }

    private static final String LIST_COLUMNS = "id, name, from_address, reply_to, schedule, time_zone, mode, feeds, "
            + "default_channels, digest_style";

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
            try (MemberSync sync = new MemberSync(c, listId, source, now, file, problems, erased::key)) {
                boolean whole = reader.readMembers(file, (member, line) -> sync.add(member, line), problems);
                if (whole) {
                    report = sync.finish();
                } else {
                    // Members after the point the reading stopped are not "no longer in the file": nobody goes.
                    report = sync.finishWithoutRemoving();
                    long stoppedAt = problems.isEmpty() ? 1 : problems.get(problems.size() - 1).line();
                    problems.add(new FileProblem(file, stoppedAt, "nobody was removed from list " + listId
                            + " because the file could not be read to its end; fix it and it is read again"));
                }
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

    /** What an API import did, row by row. */
    public record ImportReport(int added, int updated, int unchanged, List<FileProblem> rejected,
            List<String> roleAccounts) {
    }

    /**
     * POST /api/lists/{id}/members: adds and updates the CSV's members (source "import", which a later file sync
     * does not remove), never removes anyone, never undoes an unsubscribe, never re-adds an erased address. Every bad
     * row is reported with its line and reason; the good ones load.
     */
    public ImportReport importMembers(String listId, Path csv, SubscriberFileReader reader, Instant now)
            throws SQLException {
        List<FileProblem> problems = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                MemberSync sync = new MemberSync(c, listId, "import", now, csv, problems, erased::key).addOnly()) {
            reader.readMembers(csv, (member, line) -> {
                if (EmailAddresses.check(member.email()).roleAccount()) {
                    roles.add("line " + line + ": " + member.email());
                }
                sync.add(member, line);
            }, problems);
            SyncReport report = sync.finish();
            return new ImportReport(report.added(), sync.updated(), sync.unchanged(), problems, roles);
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

    /**
     * GDPR erasure: the subscriber, their memberships, consent history and ledger rows are deleted; the suppression
     * list keeps only the keyed hash of the address ({@link ErasedAddresses}), so no import or signup brings it back.
     * Returns false when Herald has no such subscriber (the hash is recorded anyway).
     */
    public boolean erase(String email, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Long> id = Optional.empty();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subscriber WHERE email = ?")) {
                    ps.setString(1, email);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = Optional.of(rs.getLong(1));
                        }
                    }
                }
                if (id.isPresent()) {
                    for (String sql : List.of("DELETE FROM delivery WHERE subscriber_id = ?",
                            "DELETE FROM consent_event WHERE subscriber_id = ?",
                            "DELETE FROM membership WHERE subscriber_id = ?", "DELETE FROM subscriber WHERE id = ?")) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setLong(1, id.get());
                            ps.executeUpdate();
                        }
                    }
                }
                suppressions.replaceWithErasedKey(c, email, now);
                c.commit();
                return id.isPresent();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Everything Herald holds about one address, for a GDPR access request. */
    public Optional<java.util.Map<String, Object>> export(String email) throws SQLException {
        Optional<Recipient> r = findByEmail(email);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        long id = r.get().id();
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("email", r.get().email());
        data.put("name", r.get().name());
        data.put("memberships", io.herald.storage.Sql.query(dataSource, "SELECT list_id, state, source, changed_at "
                + "FROM membership WHERE subscriber_id = ? ORDER BY list_id", ps -> ps.setLong(1, id),
                rs -> java.util.Map.of("list", rs.getString(1), "state", rs.getString(2), "source", rs.getString(3),
                        "changedAt", rs.getObject(4, java.time.OffsetDateTime.class).toString())));
        data.put("consentHistory", io.herald.storage.Sql.query(dataSource, "SELECT list_id, event, source, at FROM "
                + "consent_event WHERE subscriber_id = ? ORDER BY id", ps -> ps.setLong(1, id),
                rs -> java.util.Map.of("list", rs.getString(1), "event", rs.getString(2), "source", rs.getString(3),
                        "at", rs.getObject(4, java.time.OffsetDateTime.class).toString())));
        data.put("emails", io.herald.storage.Sql.query(dataSource, "SELECT d.send_id, s.list_id, d.state, "
                + "d.updated_at FROM delivery d JOIN send s ON s.id = d.send_id WHERE d.subscriber_id = ? ORDER BY "
                + "d.id", ps -> ps.setLong(1, id), rs -> java.util.Map.of("send", rs.getLong(1), "list",
                        rs.getString(2), "state", rs.getString(3), "at",
                        rs.getObject(4, java.time.OffsetDateTime.class).toString())));
        data.put("suppressed", suppressions.isSuppressed(email));
        return Optional.of(data);
    }

    public boolean isActive(String listId, String email) throws SQLException {
        return !io.herald.storage.Sql.query(dataSource, "SELECT 1 FROM membership m JOIN subscriber s ON s.id = "
                + "m.subscriber_id WHERE m.list_id = ? AND s.email = ? AND m.state = 'active'", ps -> {
                    ps.setString(1, listId);
                    ps.setString(2, email);
                }, rs -> 1).isEmpty();
    }

    public Optional<Recipient> findByEmail(String email) throws SQLException {
        return io.herald.storage.Sql.query(dataSource, "SELECT id, email, name FROM subscriber WHERE email = ?",
                ps -> ps.setString(1, email), rs -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .stream().findFirst();
    }

    /** The lists a subscriber is on and the state there. */
    public java.util.Map<String, String> memberships(long subscriberId) throws SQLException {
        java.util.Map<String, String> states = new java.util.LinkedHashMap<>();
        for (String[] row : io.herald.storage.Sql.query(dataSource, "SELECT list_id, state FROM membership WHERE "
                + "subscriber_id = ? ORDER BY list_id", ps -> ps.setLong(1, subscriberId),
                rs -> new String[] { rs.getString(1), rs.getString(2) })) {
            states.put(row[0], row[1]);
        }
        return states;
    }

    /**
     * A confirmed signup: the subscriber exists, the membership is active with source "signup" (which the file sync
     * never removes), and the consent event records {@code source} (where the request and confirmation came from).
     */
    public void join(String listId, String email, String name, String source, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                Optional<Long> existing = io.herald.storage.Sql.query(dataSource, "SELECT id FROM subscriber WHERE "
                        + "email = ?", ps -> ps.setString(1, email), rs -> rs.getLong(1)).stream().findFirst();
                if (existing.isPresent()) {
                    id = existing.get();
                } else {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO subscriber (email, name, created_at) "
                            + "VALUES (?,?,?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                        ins.setString(1, email);
                        ins.setString(2, name);
                        ins.setObject(3, Jdbc.ts(now));
                        ins.executeUpdate();
                        try (ResultSet keys = ins.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                }
                int updated;
                try (PreparedStatement up = c.prepareStatement("UPDATE membership SET state='active', source=?, "
                        + "changed_at=? WHERE list_id=? AND subscriber_id=? AND state <> 'active'")) {
                    up.setString(1, "signup");
                    up.setObject(2, Jdbc.ts(now));
                    up.setString(3, listId);
                    up.setLong(4, id);
                    updated = up.executeUpdate();
                }
                if (updated == 0 && state(listId, id).isEmpty()) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO membership (list_id, subscriber_id, "
                            + "state, source, changed_at) VALUES (?,?,'active',?,?)")) {
                        ins.setString(1, listId);
                        ins.setLong(2, id);
                        ins.setString(3, "signup");
                        ins.setObject(4, Jdbc.ts(now));
                        ins.executeUpdate();
                        updated = 1;
                    }
                }
                if (updated > 0) {
                    consentEvent(c, listId, id, "confirmed", source, now);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
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
