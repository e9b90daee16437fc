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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** Rows a sync writes before its first {@link Jdbc#analyze}. */
    private static final long ANALYZE_FROM = 10L * CHUNK;

    private final Connection c;
    private final String listId;
    private final String source;
    private final Instant now;
    private final Path file;
    private final List<FileProblem> problems;
    private final long syncId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    /** The chunk being read from the file (the caller's thread) and the one being written (the writer thread). */
    private Map<String, Row> reading = new LinkedHashMap<>();

    private Map<String, Row> chunk = new LinkedHashMap<>();
    /** Problems the writer found in its chunk; the caller's thread moves them into {@link #problems}. */
    private final List<FileProblem> found = new ArrayList<>();

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "member-sync-writer");
        t.setDaemon(true);
        return t;
    });
    private Future<?> writing = CompletableFuture.completedFuture(null);
    private int added;
    private int updated;
    private int unchanged;
    /** Rows looked up and written so far, and at the last {@link Jdbc#analyze}: it runs each time they double. */
    private long written;

    private long writtenAtAnalyze;
    private boolean addOnly;

    private record Row(Member member, long line, String erasedKey) {}

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
        Jdbc.planForAnyValues(c, true);
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
        if (reading.containsKey(member.email())) {
            problems.add(SubscriberFileReader.duplicate(file, line, member));
            return;
        }
        // The erased-address key (a keyed hash) is made here, on the reading thread, which waits for the writer.
        reading.put(member.email(), new Row(member, line, erasedKey.apply(member.email())));
        if (reading.size() >= CHUNK) {
            handOver();
        }
    }

    /**
     * The chunk read goes to the writer thread, once the one before it is in the database: the file is read and
     * checked while the database works (an import on PostgreSQL had each side idle half the time). Chunks are
     * written one after another, in file order, so a row that repeats an earlier chunk's address is found as before.
     */
    private void handOver() throws SQLException {
        awaitWriter();
        chunk = reading;
        reading = new LinkedHashMap<>();
        writing = writer.submit(() -> {
            flush();
            return null;
        });
    }

    /** Waits for the chunk being written; its problems join the others in line order; its failure is the caller's. */
    private void awaitWriter() throws SQLException {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the members were written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            mergeFound();
        }
    }

    /** The writer's problems are about lines of its chunk: each goes before the reader's later lines of this file. */
    private void mergeFound() {
        for (FileProblem p : found) {
            int at = problems.size();
            while (at > 0
                    && problems.get(at - 1).file().equals(file)
                    && problems.get(at - 1).line() > p.line()) {
                at--;
            }
            problems.add(at, p);
        }
        found.clear();
    }

    /** Writes what is left and waits for it. */
    private void drain() throws SQLException {
        if (!reading.isEmpty()) {
            handOver();
        }
        awaitWriter();
    }

    /**
     * Finishes the sync: members not seen are removed, except those who joined by confirmed signup or an API import
     * (the file never listed them). Returns (added, removed).
     */
    MemberImports.SyncReport finish() throws SQLException {
        drain();
        if (addOnly) {
            c.commit();
            return new MemberImports.SyncReport(added, 0);
        }
        return removeUnseen();
    }

    /** Keeps what was added and updated, and removes nobody: for a file that could not be read to its end. */
    MemberImports.SyncReport finishWithoutRemoving() throws SQLException {
        drain();
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
        // A reader created just now is on no list yet: only those who were there already are looked up.
        List<Long> known = new ArrayList<>();
        ids.forEach((email, id) -> {
            if (!created.contains(email)) {
                known.add(id);
            }
        });
        Map<Long, String[]> memberships = known.isEmpty() ? Map.of() : memberships(known);
        List<Long> joining = new ArrayList<>();
        List<Long> reviving = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        List<Long> listed = new ArrayList<>();
        for (Row row : chunk.values()) {
            long id = ids.get(row.member().email());
            String[] existing = memberships.get(id);
            if (existing == null) {
                joining.add(id);
                listed.add(id);
                added++;
            } else if (String.valueOf(syncId).equals(existing[1])) {
                found.add(SubscriberFileReader.duplicate(file, row.line(), row.member()));
            } else if (SubscriberStore.REMOVED.equals(existing[0])) {
                reviving.add(id);
                listed.add(id);
                added++;
            } else {
                seen.add(id);
                if (renamed.contains(row.member().email())) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
        }
        // One statement per kind of change, the chunk's ids as one array (a batch of a thousand rows cost
        // PostgreSQL a third more per row, and a round trip per 128 rows).
        forIds(SubscriberQueries.INSERT_MEMBERSHIPS, joining, 5, ps -> {
            ps.setString(1, listId);
            ps.setString(2, source);
            ps.setObject(3, Jdbc.ts(now));
            ps.setLong(4, syncId);
        });
        forIds(SubscriberQueries.REVIVE_MEMBERSHIPS, reviving, 5, ps -> {
            ps.setString(1, source);
            ps.setObject(2, Jdbc.ts(now));
            ps.setLong(3, syncId);
            ps.setString(4, listId);
        });
        forIds(SubscriberQueries.MARK_SEEN, seen, 3, ps -> {
            ps.setLong(1, syncId);
            ps.setString(2, listId);
        });
        forIds(SubscriberQueries.CONSENT_EVENTS, listed, 5, ps -> {
            ps.setString(1, listId);
            ps.setString(2, "listed");
            ps.setString(3, source);
            ps.setObject(4, Jdbc.ts(now));
        });
        c.commit();
        written += chunk.size();
        chunk.clear();
        renamed.clear();
        if (written >= Math.max(ANALYZE_FROM, 2 * writtenAtAnalyze)) {
            // The rows this sync wrote have doubled since the planner last learnt the tables' size: it learns again.
            // A small sync (a few readers more in a list file) leaves the statistics to autovacuum.
            Jdbc.analyze(c, "subscriber", "membership");
            c.commit();
            writtenAtAnalyze = written;
        }
    }

    private interface Parameters {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs a statement once for all these subscribers: its parameter {@code idsAt} is the array of their ids. */
    private void forIds(String sql, List<Long> ids, int idsAt, Parameters parameters) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            parameters.bind(ps);
            ps.setObject(idsAt, ids.toArray(Long[]::new));
            ps.executeUpdate();
        }
    }

    /** Addresses erased at their owner's request (GDPR) are never imported again; each is reported. */
    private void dropErased() throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, String> byKey = new HashMap<>();
        chunk.values().forEach(row -> byKey.put(row.erasedKey(), row.member().email()));
        List<String> erased = new ArrayList<>();
        select(SubscriberQueries.SUPPRESSED_IN, byKey.keySet(), rs -> erased.add(rs.getString(1)));
        for (String key : erased) {
            Row row = chunk.remove(byKey.get(key));
            found.add(new FileProblem(
                    file, row.line(), "this address was erased at its owner's request and is not imported again"));
        }
    }

    /** Ids of the chunk's addresses, creating subscribers that do not exist yet and updating changed names. */
    private final java.util.Set<String> renamed = new java.util.HashSet<>();

    /** The chunk's addresses that {@link #subscriberIds} created. */
    private final java.util.Set<String> created = new java.util.HashSet<>();

    private Map<String, Long> subscriberIds() throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> zones = new HashMap<>();
        select(SubscriberQueries.SUBSCRIBERS_IN, chunk.keySet(), rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
            names.put(rs.getString(1), rs.getString(3));
            zones.put(rs.getString(1), rs.getString(4));
        });
        List<String> emails = new ArrayList<>();
        List<String> newNames = new ArrayList<>();
        List<String> newZones = new ArrayList<>();
        created.clear();
        try (PreparedStatement rename = c.prepareStatement(SubscriberQueries.UPDATE_SUBSCRIBER)) {
            for (Row row : chunk.values()) {
                Member m = row.member();
                Long id = ids.get(m.email());
                if (id == null) {
                    emails.add(m.email());
                    newNames.add(m.name());
                    newZones.add(m.timeZone());
                    created.add(m.email());
                } else if (changes(m.name(), names.get(m.email())) || changes(m.timeZone(), zones.get(m.email()))) {
                    rename.setString(1, m.name());
                    rename.setString(2, m.timeZone());
                    rename.setLong(3, id);
                    rename.addBatch();
                    renamed.add(m.email());
                }
            }
            rename.executeBatch();
        }
        if (!emails.isEmpty()) {
            // One statement for the chunk's new readers; the database hands back each address's new id.
            try (PreparedStatement insert =
                    c.prepareStatement(SubscriberQueries.INSERT_SUBSCRIBERS, new String[] {"email", "id"})) {
                insert.setObject(1, Jdbc.ts(now));
                insert.setObject(2, emails.toArray(String[]::new));
                insert.setObject(3, newNames.toArray(String[]::new));
                insert.setObject(4, newZones.toArray(String[]::new));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.put(keys.getString(1), keys.getLong(2));
                    }
                }
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
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.MEMBERSHIPS_IN)) {
            ps.setObject(1, ids.toArray(Long[]::new));
            ps.setString(2, listId);
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

    /** Runs a query whose one parameter is the array of addresses. */
    private void select(String sql, java.util.Collection<String> emails, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, emails.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        // A sync that failed may still be writing on this connection: let it end before the connection is reset.
        writer.shutdown();
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            // Already the caller's, from awaitWriter.
        }
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        Jdbc.planForAnyValues(c, false);
    }
}
