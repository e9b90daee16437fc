package io.herald.subscriber;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.storage.Jdbc;

/**
 * Makes the database agree with a members file, a thousand rows at a time so that a file of a million rows never
 * sits in memory: new members become active, members the file no longer names become removed, an unsubscribe in the
 * database is never undone by the file. Each membership the file names is stamped with this sync's id; whatever an
 * earlier sync stamped and this one did not is gone from the file.
 */
final class MemberSync implements AutoCloseable {

    private static final int CHUNK = 1000;

    private final Connection c;
    private final String listId;
    private final String source;
    private final Instant now;
    private final Path file;
    private final List<FileProblem> problems;
    private final long syncId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final Map<String, Row> chunk = new LinkedHashMap<>();
    private int added;
    private int updated;
    private int unchanged;
    private boolean addOnly;

    private record Row(Member member, long line) {}

    private final java.util.function.UnaryOperator<String> erasedKey;

    MemberSync(
            Connection c,
            String listId,
            String source,
            Instant now,
            Path file,
            List<FileProblem> problems,
            java.util.function.UnaryOperator<String> erasedKey)
            throws SQLException {
        this.erasedKey = erasedKey;
        this.c = c;
        this.listId = listId;
        this.source = source;
        this.now = now;
        this.file = file;
        this.problems = problems;
        Jdbc.planWithValues(c, true);
        c.setAutoCommit(false);
    }

    /** An API import: adds and updates, never removes (the list file, not an import, says who is gone). */
    MemberSync addOnly() {
        this.addOnly = true;
        return this;
    }

    int updated() {
        return updated;
    }

    int unchanged() {
        return unchanged;
    }

    void add(Member member, long line) throws SQLException {
        if (chunk.putIfAbsent(member.email(), new Row(member, line)) != null) {
            problems.add(SubscriberFileReader.duplicate(file, line, member));
            return;
        }
        if (chunk.size() >= CHUNK) {
            flush();
        }
    }

    /**
     * Finishes the sync: members not seen are removed, except those who joined by confirmed signup or an API import
     * (the file never listed them). Returns (added, removed).
     */
    MemberImports.SyncReport finish() throws SQLException {
        flush();
        if (addOnly) {
            c.commit();
            return new MemberImports.SyncReport(added, 0);
        }
        return removeUnseen();
    }

    /** Keeps what was added and updated, and removes nobody: for a file that could not be read to its end. */
    MemberImports.SyncReport finishWithoutRemoving() throws SQLException {
        flush();
        c.commit();
        return new MemberImports.SyncReport(added, 0);
    }

    private MemberImports.SyncReport removeUnseen() throws SQLException {
        int removed;
        try (PreparedStatement events = c.prepareStatement(SubscriberQueries.REMOVED_EVENTS);
                PreparedStatement update = c.prepareStatement(SubscriberQueries.REMOVE_UNSEEN)) {
            for (PreparedStatement ps : List.of(events, update)) {
                ps.setString(1, source);
                ps.setObject(2, Jdbc.ts(now));
                ps.setString(3, listId);
                ps.setLong(4, syncId);
            }
            events.executeUpdate();
            removed = update.executeUpdate();
        }
        c.commit();
        return new MemberImports.SyncReport(added, removed);
    }

    private void flush() throws SQLException {
        dropErased();
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, Long> ids = subscriberIds();
        Map<Long, String[]> memberships = memberships(ids.values());
        try (PreparedStatement insert = c.prepareStatement(SubscriberQueries.INSERT_MEMBERSHIP);
                PreparedStatement revive = c.prepareStatement(SubscriberQueries.REVIVE_MEMBERSHIP);
                PreparedStatement stamp = c.prepareStatement(SubscriberQueries.MARK_SEEN);
                PreparedStatement event = c.prepareStatement(SubscriberQueries.CONSENT_EVENT)) {
            for (Row row : chunk.values()) {
                long id = ids.get(row.member().email());
                String[] existing = memberships.get(id);
                if (existing == null) {
                    insert.setString(1, listId);
                    insert.setLong(2, id);
                    insert.setString(3, source);
                    insert.setObject(4, Jdbc.ts(now));
                    insert.setLong(5, syncId);
                    insert.addBatch();
                    addEvent(event, id, "listed");
                    added++;
                } else if (String.valueOf(syncId).equals(existing[1])) {
                    problems.add(SubscriberFileReader.duplicate(file, row.line(), row.member()));
                } else if (SubscriberStore.REMOVED.equals(existing[0])) {
                    revive.setString(1, source);
                    revive.setObject(2, Jdbc.ts(now));
                    revive.setLong(3, syncId);
                    revive.setString(4, listId);
                    revive.setLong(5, id);
                    revive.addBatch();
                    addEvent(event, id, "listed");
                    added++;
                } else {
                    stamp.setLong(1, syncId);
                    stamp.setString(2, listId);
                    stamp.setLong(3, id);
                    stamp.addBatch();
                    if (renamed.contains(row.member().email())) {
                        updated++;
                    } else {
                        unchanged++;
                    }
                }
            }
            insert.executeBatch();
            revive.executeBatch();
            stamp.executeBatch();
            event.executeBatch();
        }
        c.commit();
        chunk.clear();
        renamed.clear();
    }

    /** Addresses erased at their owner's request (GDPR) are never imported again; each is reported. */
    private void dropErased() throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, String> byKey = new HashMap<>();
        chunk.keySet().forEach(email -> byKey.put(erasedKey.apply(email), email));
        List<String> found = new ArrayList<>();
        select(SubscriberQueries.SUPPRESSED_IN, byKey.keySet(), rs -> found.add(rs.getString(1)));
        for (String key : found) {
            Row row = chunk.remove(byKey.get(key));
            problems.add(new FileProblem(
                    file, row.line(), "this address was erased at its owner's request and is " + "not imported again"));
        }
    }

    private void addEvent(PreparedStatement event, long id, String what) throws SQLException {
        SubscriberStore.bindConsentEvent(event, listId, id, what, source, now);
        event.addBatch();
    }

    /** Ids of the chunk's addresses, creating subscribers that do not exist yet and updating changed names. */
    private final java.util.Set<String> renamed = new java.util.HashSet<>();

    private Map<String, Long> subscriberIds() throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> zones = new HashMap<>();
        select(SubscriberQueries.SUBSCRIBERS_IN, chunk.keySet(), rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
            names.put(rs.getString(1), rs.getString(3));
            zones.put(rs.getString(1), rs.getString(4));
        });
        try (PreparedStatement insert = c.prepareStatement(SubscriberQueries.INSERT_SUBSCRIBER);
                PreparedStatement rename = c.prepareStatement(SubscriberQueries.UPDATE_SUBSCRIBER)) {
            List<String> created = new ArrayList<>();
            for (Row row : chunk.values()) {
                Member m = row.member();
                Long id = ids.get(m.email());
                if (id == null) {
                    insert.setString(1, m.email());
                    insert.setString(2, m.name());
                    insert.setObject(3, Jdbc.ts(now));
                    insert.setString(4, m.timeZone());
                    insert.addBatch();
                    created.add(m.email());
                } else if (changes(m.name(), names.get(m.email())) || changes(m.timeZone(), zones.get(m.email()))) {
                    rename.setString(1, m.name());
                    rename.setString(2, m.timeZone());
                    rename.setLong(3, id);
                    rename.addBatch();
                    renamed.add(m.email());
                }
            }
            insert.executeBatch();
            rename.executeBatch();
            if (!created.isEmpty()) {
                select(SubscriberQueries.SUBSCRIBER_IDS_IN, created, rs -> ids.put(rs.getString(1), rs.getLong(2)));
            }
        }
        return ids;
    }

    /** Whether the file's value replaces the reader's: an empty cell keeps what they have. */
    private static boolean changes(String fromFile, String stored) {
        return fromFile != null && !fromFile.equals(stored);
    }

    private Map<Long, String[]> memberships(java.util.Collection<Long> ids) throws SQLException {
        Map<Long, String[]> states = new HashMap<>();
        List<Object> params = new ArrayList<>(ids);
        try (PreparedStatement ps =
                c.prepareStatement(SubscriberQueries.MEMBERSHIPS_IN.formatted(marks(params.size())))) {
            ps.setString(1, listId);
            for (int i = 0; i < params.size(); i++) {
                ps.setLong(i + 2, (Long) params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long sync = rs.getLong(3);
                    states.put(
                            rs.getLong(1), new String[] {rs.getString(2), rs.wasNull() ? null : String.valueOf(sync)});
                }
            }
        }
        return states;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** "?,?,?": one parameter mark per value of an IN list. */
    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** Runs a query whose %s takes one mark per address. */
    private void select(String sql, java.util.Collection<String> emails, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.formatted(marks(emails.size())))) {
            int i = 1;
            for (String email : emails) {
                ps.setString(i++, email);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        Jdbc.planWithValues(c, false);
    }
}
