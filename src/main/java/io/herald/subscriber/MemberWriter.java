package io.herald.subscriber;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.herald.storage.Jdbc;
import io.quarkus.logging.Log;

/**
 * One of a {@link MemberSync}'s writers: its own connection and thread, a thousand rows at a time. The reading
 * thread fills the next chunk while this writer's thread writes the one before it, and chunks are written one after
 * another in the order they were read, so a row that repeats an earlier chunk's address (the sync hands every
 * address to the same writer each time) finds that chunk already in the database.
 */
final class MemberWriter implements AutoCloseable {

    static final int CHUNK = 1000;

    /** One row of the file, with the keyed hash an erased address leaves in the suppression list. */
    record Row(Member member, long line, String erasedKey) {}

    /** What the writer needs to know of its sync. */
    interface Sync {
        String listId();

        String source();

        Instant now();

        Path file();

        long syncId();

        /**
         * Called on the writer's thread after each chunk is committed, with the chunk's size; may analyze the tables
         * on the writer's connection.
         */
        void written(Connection c, int rows) throws SQLException;
    }

    private final Connection c;
    private final Sync sync;
    private final ExecutorService thread;
    private Future<?> writing = CompletableFuture.completedFuture(null);

    /** The chunk being read (the reading thread) and the one being written (this writer's thread). */
    private Map<String, Row> reading = new LinkedHashMap<>();

    private Map<String, Row> chunk = new LinkedHashMap<>();
    /** Problems found while writing; the reading thread collects them in {@link #await}. */
    private final List<FileProblem> found = new ArrayList<>();
    /** The chunk's addresses whose name or zone the file changed. */
    private final Set<String> renamed = new HashSet<>();

    private int added;
    private int updated;
    private int unchanged;
    private boolean handedOver;

    MemberWriter(Connection c, Sync sync, String name) throws SQLException {
        this.c = c;
        this.sync = sync;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        Jdbc.planForAnyValues(c, true);
        c.setAutoCommit(false);
    }

    /** Whether a chunk has gone to the writer's thread yet (it holds no rows just after). */
    boolean handedOver() {
        return handedOver;
    }

    int added() {
        return added;
    }

    int updated() {
        return updated;
    }

    int unchanged() {
        return unchanged;
    }

    /**
     * Takes a row of the file (the reading thread); false if this chunk already has its address. A full chunk goes
     * to the writer's thread once the one before it is written, whose problems join {@code problems}.
     */
    boolean add(Row row, List<FileProblem> problems) throws SQLException {
        if (reading.putIfAbsent(row.member().email(), row) != null) {
            return false;
        }
        if (reading.size() >= CHUNK) {
            handOver(problems);
        }
        return true;
    }

    /** Hands over what is left (then {@link #await} waits for it). */
    void handOverRest(List<FileProblem> problems) throws SQLException {
        if (!reading.isEmpty()) {
            handOver(problems);
        }
    }

    private void handOver(List<FileProblem> problems) throws SQLException {
        await(problems);
        handedOver = true;
        chunk = reading;
        reading = new LinkedHashMap<>();
        writing = thread.submit(() -> {
            write();
            return null;
        });
    }

    /** Waits for the chunk being written; its problems join the others in line order; its failure is the caller's. */
    void await(List<FileProblem> problems) throws SQLException {
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
            mergeFound(problems);
        }
    }

    /** The writer's problems are about lines of its chunk: each goes before the reader's later lines of this file. */
    private void mergeFound(List<FileProblem> problems) {
        for (FileProblem p : found) {
            int at = problems.size();
            while (at > 0
                    && problems.get(at - 1).file().equals(p.file())
                    && problems.get(at - 1).line() > p.line()) {
                at--;
            }
            problems.add(at, p);
        }
        found.clear();
    }

    /**
     * Times a chunk is written in all when one of its readers is erased between the chunk's look-up and its new
     * membership's foreign-key check (each erasure met costs one).
     */
    static final int ATTEMPTS = 3;

    /**
     * Writes the chunk in one transaction. A reader erased meanwhile fails the new membership's foreign key: the chunk
     * is rolled back and written again, and this time finds the address erased and reports it. The problems found
     * before the failure stand (rows erased or repeated in committed data), and so do the rows they dropped.
     */
    private void write() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            int addedBefore = added;
            int updatedBefore = updated;
            int unchangedBefore = unchanged;
            try {
                writeOnce();
                return;
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !Jdbc.referencedRowGone(e)) {
                    throw e;
                }
                c.rollback();
                added = addedBefore;
                updated = updatedBefore;
                unchanged = unchangedBefore;
                renamed.clear();
                Log.infof(
                        "List %s: %s (a reader erased while the chunk was written); writing it again",
                        sync.listId(), e.getMessage());
            }
        }
    }

    private void writeOnce() throws SQLException {
        dropErased();
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = stored();
        Map<Long, String[]> memberships = memberships(stored.values());
        dropRepeats(stored, memberships);
        Map<String, Long> ids = writeSubscribers(stored);
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
            ps.setString(1, sync.listId());
            ps.setString(2, sync.source());
            ps.setObject(3, Jdbc.ts(sync.now()));
            ps.setLong(4, sync.syncId());
        });
        forIds(SubscriberQueries.REVIVE_MEMBERSHIPS, reviving, 5, ps -> {
            ps.setString(1, sync.source());
            ps.setObject(2, Jdbc.ts(sync.now()));
            ps.setLong(3, sync.syncId());
            ps.setString(4, sync.listId());
        });
        forIds(SubscriberQueries.MARK_SEEN, seen, 3, ps -> {
            ps.setLong(1, sync.syncId());
            ps.setString(2, sync.listId());
        });
        forIds(SubscriberQueries.CONSENT_EVENTS, listed, 5, ps -> {
            ps.setString(1, sync.listId());
            ps.setString(2, "listed");
            ps.setString(3, sync.source());
            ps.setObject(4, Jdbc.ts(sync.now()));
        });
        c.commit();
        int rows = chunk.size();
        chunk.clear();
        renamed.clear();
        sync.written(c, rows);
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
        Map<String, String> byKey = new HashMap<>();
        chunk.values().forEach(row -> byKey.put(row.erasedKey(), row.member().email()));
        List<String> erased = new ArrayList<>();
        select(SubscriberQueries.SUPPRESSED_IN, byKey.keySet(), rs -> erased.add(rs.getString(1)));
        for (String key : erased) {
            Row row = chunk.remove(byKey.get(key));
            found.add(new FileProblem(
                    sync.file(),
                    row.line(),
                    "this address was erased at its owner's request and is not imported again"));
        }
    }

    /** A reader the database has already: id, name and time zone. */
    private record Stored(long id, String name, String timeZone) {}

    /** The chunk's addresses the database knows already. */
    private Map<String, Stored> stored() throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        select(
                SubscriberQueries.SUBSCRIBERS_IN,
                chunk.keySet(),
                rs -> stored.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3), rs.getString(4))));
        return stored;
    }

    /**
     * A row whose address an earlier chunk of this sync stamped is a repeat: reported, and the first row counts (its
     * name and zone stay).
     */
    private void dropRepeats(Map<String, Stored> stored, Map<Long, String[]> memberships) {
        String stamp = String.valueOf(sync.syncId());
        for (var rows = chunk.values().iterator(); rows.hasNext(); ) {
            Row row = rows.next();
            Stored reader = stored.get(row.member().email());
            String[] membership = reader == null ? null : memberships.get(reader.id());
            if (membership != null && stamp.equals(membership[1])) {
                found.add(SubscriberFileReader.duplicate(sync.file(), row.line(), row.member()));
                rows.remove();
            }
        }
    }

    /** Ids of the chunk's addresses, creating readers that do not exist yet and updating changed names and zones. */
    private Map<String, Long> writeSubscribers(Map<String, Stored> stored) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<String> emails = new ArrayList<>();
        List<String> newNames = new ArrayList<>();
        List<String> newZones = new ArrayList<>();
        try (PreparedStatement rename = c.prepareStatement(SubscriberQueries.UPDATE_SUBSCRIBER)) {
            for (Row row : chunk.values()) {
                Member m = row.member();
                Stored reader = stored.get(m.email());
                if (reader == null) {
                    emails.add(m.email());
                    newNames.add(m.name());
                    newZones.add(m.timeZone());
                    continue;
                }
                ids.put(m.email(), reader.id());
                if (changes(m.name(), reader.name()) || changes(m.timeZone(), reader.timeZone())) {
                    rename.setString(1, m.name());
                    rename.setString(2, m.timeZone());
                    rename.setLong(3, reader.id());
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
                insert.setObject(1, Jdbc.ts(sync.now()));
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

    /** The list's memberships of these readers, by id: state and the stamp of the sync that last saw them. */
    private Map<Long, String[]> memberships(Collection<Stored> readers) throws SQLException {
        Map<Long, String[]> states = new HashMap<>();
        if (readers.isEmpty()) {
            return states;
        }
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.MEMBERSHIPS_IN)) {
            ps.setObject(1, readers.stream().map(Stored::id).toArray(Long[]::new));
            ps.setString(2, sync.listId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long stamp = rs.getLong(3);
                    states.put(
                            rs.getLong(1), new String[] {rs.getString(2), rs.wasNull() ? null : String.valueOf(stamp)});
                }
            }
        }
        return states;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs a query whose one parameter is the array of addresses. */
    private void select(String sql, Collection<String> emails, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, emails.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    /**
     * Lets a chunk still being written end (a sync that failed may still be writing on this connection), then
     * rolls back what is not committed and gives the connection back as the pool lent it. The connection itself is
     * the caller's to close.
     */
    @Override
    public void close() throws SQLException {
        thread.shutdown();
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            // Already the caller's, from await.
        }
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        Jdbc.planForAnyValues(c, false);
    }
}
