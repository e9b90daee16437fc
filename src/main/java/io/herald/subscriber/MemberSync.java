package io.herald.subscriber;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import org.jboss.logging.Logger;

/**
 * Makes the database agree with a members file, a thousand rows at a time so that a file of a million rows never
 * sits in memory: new members become active, members the file no longer names become removed, an unsubscribe in the
 * database is never undone by the file. Each membership the file names is stamped with this sync's id; whatever an
 * earlier sync stamped and this one did not is gone from the file.
 *
 * <p>The chunks are written by {@link MemberWriter}s while the file is read. The first thousand rows go to one
 * writer, so that a small file's readers get ids in the file's order (the first of them is the sample reader of
 * previews); once they are in the database, a file that goes on is written on {@code writers} connections, each
 * address always by the same writer (by its hash), so that the database works on that many chunks at once.
 */
final class MemberSync implements AutoCloseable, MemberWriter.Sync {

    private static final Logger LOG = Logger.getLogger(MemberSync.class);

    /** Rows a sync writes before its first {@link Jdbc#analyze}. */
    private static final long ANALYZE_FROM = 10L * MemberWriter.CHUNK;

    private final Connection c;
    private final DataSource dataSource;
    private final int writersWanted;
    private final String listId;
    private final String source;
    private final Instant now;
    private final Path file;
    private final List<FileProblem> problems;
    private final UnaryOperator<String> erasedKey;
    private final long syncId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final List<MemberWriter> writers = new ArrayList<>();
    /** Connections this sync opened for its further writers (the first writer's is the caller's). */
    private final List<Connection> opened = new ArrayList<>();

    private boolean addOnly;
    private boolean moreOpened;
    /**
     * Rows the writers have committed, and at the last {@link Jdbc#analyze}; and the rows the planner knew of then
     * (what it took the membership table to hold when the sync began, plus what the sync had written).
     */
    private long written;

    private long writtenAtAnalyze;
    private long plannerKnew;

    /**
     * A sync on connection {@code c}; further writers take connections from {@code dataSource} (up to {@code
     * writers} in all).
     */
    MemberSync(
            Connection c,
            DataSource dataSource,
            int writers,
            String listId,
            String source,
            Instant now,
            Path file,
            List<FileProblem> problems,
            UnaryOperator<String> erasedKey)
            throws SQLException {
        this.c = c;
        this.dataSource = dataSource;
        this.writersWanted = Math.max(1, writers);
        this.listId = listId;
        this.source = source;
        this.now = now;
        this.file = file;
        this.problems = problems;
        this.erasedKey = erasedKey;
        this.plannerKnew = Jdbc.plannedRows(c, "membership");
        // Last: the writer sets the connection up for the sync, which close() undoes.
        this.writers.add(new MemberWriter(c, this, "member-sync-writer-1"));
    }

    /** An API import: adds and updates, never removes (the list file, not an import, says who is gone). */
    MemberSync addOnly() {
        this.addOnly = true;
        return this;
    }

    int updated() {
        return writers.stream().mapToInt(MemberWriter::updated).sum();
    }

    int unchanged() {
        return writers.stream().mapToInt(MemberWriter::unchanged).sum();
    }

    void add(Member member, long line) throws SQLException {
        if (!moreOpened && writersWanted > 1 && writers.get(0).handedOver()) {
            moreOpened = true;
            openMoreWriters();
        }
        MemberWriter writer = writers.get(Math.floorMod(member.email().hashCode(), writers.size()));
        // The erased-address key (a keyed hash) is made here, on the reading thread, which waits for the writers.
        if (!writer.add(new MemberWriter.Row(member, line, erasedKey.apply(member.email())), problems)) {
            problems.add(SubscriberFileReader.duplicate(file, line, member));
        }
    }

    /**
     * The first writer has taken its first chunk and holds no rows: once that chunk is in the database, every
     * address goes to the writer of its hash. A pool that lends no further connection leaves the sync on one.
     */
    private void openMoreWriters() throws SQLException {
        writers.get(0).await(problems);
        try {
            while (writers.size() < writersWanted) {
                Connection more = dataSource.getConnection();
                opened.add(more);
                writers.add(new MemberWriter(more, this, "member-sync-writer-" + (writers.size() + 1)));
            }
        } catch (SQLException e) {
            LOG.infof("list %s: the members are written on %d connection(s): %s", listId, writers.size(), e);
            List<MemberWriter> spare = new ArrayList<>(writers.subList(1, writers.size()));
            writers.removeAll(spare);
            for (MemberWriter writer : spare) {
                writer.close();
            }
        }
    }

    /**
     * Finishes the sync: members not seen are removed, except those who joined by confirmed signup or an API import
     * (the file never listed them). Returns (added, removed).
     */
    MemberImports.SyncReport finish() throws SQLException {
        int added = drain();
        if (addOnly) {
            c.commit();
            return new MemberImports.SyncReport(added, 0);
        }
        return new MemberImports.SyncReport(added, removeUnseen());
    }

    /** Keeps what was added and updated, and removes nobody: for a file that could not be read to its end. */
    MemberImports.SyncReport finishWithoutRemoving() throws SQLException {
        int added = drain();
        c.commit();
        return new MemberImports.SyncReport(added, 0);
    }

    /** Writes what every writer holds and waits for them all; returns how many members were added. */
    private int drain() throws SQLException {
        for (MemberWriter writer : writers) {
            writer.handOverRest(problems);
        }
        for (MemberWriter writer : writers) {
            writer.await(problems);
        }
        return writers.stream().mapToInt(MemberWriter::added).sum();
    }

    private int removeUnseen() throws SQLException {
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
        return removed;
    }

    @Override
    public void written(Connection writer, int rows) throws SQLException {
        boolean analyze;
        synchronized (this) {
            written += rows;
            // The tables have doubled since the planner last learnt their size (from empty: at 10,000 rows, 20,000,
            // 40,000 ...): it learns again. A sync that adds less than the tables hold (a few readers more in a list
            // file, 50,000 into a list of 200,000) leaves the statistics to autovacuum: its plans stay right.
            analyze = written - writtenAtAnalyze >= Math.max(ANALYZE_FROM, plannerKnew);
            if (analyze) {
                plannerKnew += written - writtenAtAnalyze;
                writtenAtAnalyze = written;
            }
        }
        if (analyze) {
            // Outside the lock: the other writers go on writing their chunks meanwhile.
            Jdbc.analyze(writer, "subscriber", "membership");
            writer.commit();
        }
    }

    @Override
    public String listId() {
        return listId;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public long syncId() {
        return syncId;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (MemberWriter writer : writers) {
            try {
                writer.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        for (Connection more : opened) {
            try {
                more.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
