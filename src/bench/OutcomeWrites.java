import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two ways to record a ledger row's outcome, measured statement by statement on one connection: the row of the
 * ledger updated in place (what Herald does: DeliveryQueries.OUTCOME on H2, a batch of single rows, and OUTCOMES on
 * PostgreSQL, one UPDATE joined to arrays), against the outcome appended to a narrow table of its own whose key is
 * the ledger row's id (an INSERT, the same shapes), which leaves the ledger row pending. The second makes the claims
 * and the counts read the narrow table beside the ledger, so those are timed too: a claim of the next due rows (as
 * DUE_ROWS, with an anti-join in the appended design) and a send's count by state. A third design updates in place
 * a ledger without its two foreign keys: H2 makes an index of its own for each, and writes every index of a table
 * again for each row it updates.
 *
 * <p>Each round builds both tables afresh in the ledger's shape (its three indexes and two foreign keys; H2 adds an
 * index of its own for each key), fills ROWS pending rows of one send, writes the outcome of every other row in
 * flushes of 50 (a commit each, as a sending worker does), claims the rows left pending 100 at a time, batch by batch
 * of 500 ids, and counts the send.
 * On PostgreSQL it also reads the backend's CPU from /proc (the bench runs beside its cluster).
 *
 * <p>usage: java -cp H2_AND_POSTGRESQL_DRIVERS src/bench/OutcomeWrites.java JDBC_URL [ROWS] [ROUNDS]
 */
public class OutcomeWrites {

    static final int FLUSH = 50;
    static final int CLAIM = 100;
    static final int BATCH = 500;

    enum Design {
        /** What Herald does. */
        IN_PLACE,
        /** The same without the ledger's two foreign keys, whose indexes H2 makes for them. */
        IN_PLACE_NO_KEYS,
        /** The outcome appended to the narrow table. */
        APPENDED
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean pg = url.startsWith("jdbc:postgresql:");
        System.out.printf(
                Locale.ROOT,
                "%s, %,d ledger rows, outcomes of %,d of them in flushes of %d; claims of %d%n",
                pg ? "PostgreSQL" : "H2",
                rows,
                rows / 2,
                FLUSH,
                CLAIM);
        System.out.println(
                "round design           outcome: wall µs/row (database CPU)  claim: µs/row  count by state: ms");
        for (int round = 1; round <= rounds; round++) {
            for (Design design : Design.values()) {
                try (Connection c = DriverManager.getConnection(url, pg ? "herald" : "sa", "")) {
                    String figures = measure(c, pg, design, rows);
                    System.out.println(String.format(Locale.ROOT, "%5d %-16s ", round, design) + figures);
                }
            }
        }
    }

    static String measure(Connection c, boolean pg, Design design, int rows) throws SQLException {
        setUp(c, pg, design, rows);
        c.setAutoCommit(false);
        long backend = pg ? backendPid(c) : 0;
        OffsetDateTime now = OffsetDateTime.now();

        long cpu0 = cpuTicks(backend);
        long t0 = System.nanoTime();
        int written = pg ? writeArrays(c, design, rows, now) : writeBatches(c, design, rows, now);
        long t1 = System.nanoTime();
        long cpu1 = cpuTicks(backend);
        if (written != rows / 2) {
            throw new IllegalStateException(written + " outcomes written, expected " + rows / 2);
        }

        long t2 = System.nanoTime();
        int claimed = claimAll(c, design, rows, now.plusSeconds(1));
        long t3 = System.nanoTime();
        if (claimed != rows - rows / 2) {
            throw new IllegalStateException(claimed + " rows claimed, expected " + (rows - rows / 2));
        }

        long t4 = System.nanoTime();
        String counts = count(c, design);
        long t5 = System.nanoTime();
        c.commit();
        String cpu = pg ? String.format(Locale.ROOT, " (%.1f)", (cpu1 - cpu0) * 10_000.0 / written) : "";
        return String.format(
                Locale.ROOT,
                "%6.1f%-8s %20.2f %14.1f   %s",
                (t1 - t0) / 1e3 / written,
                cpu,
                (t3 - t2) / 1e3 / claimed,
                (t5 - t4) / 1e6,
                counts);
    }

    static void setUp(Connection c, boolean pg, Design design, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS outcome");
            s.execute("DROP TABLE IF EXISTS delivery");
            s.execute("DROP TABLE IF EXISTS send");
            s.execute("DROP TABLE IF EXISTS subscriber");
            s.execute("CREATE TABLE send (id BIGINT PRIMARY KEY)");
            s.execute("CREATE TABLE subscriber (id BIGINT PRIMARY KEY, email VARCHAR(320) NOT NULL)");
            s.execute("INSERT INTO send VALUES (1)");
            s.execute("INSERT INTO subscriber SELECT x, CONCAT('reader', x, '@example.org') FROM "
                    + (pg ? "generate_series(1, " + rows + ") x" : "SYSTEM_RANGE(1, " + rows + ") t(x)"));
            s.execute("CREATE TABLE delivery (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + (design == Design.IN_PLACE_NO_KEYS
                            ? "send_id BIGINT NOT NULL, subscriber_id BIGINT NOT NULL, "
                            : "send_id BIGINT NOT NULL REFERENCES send (id), "
                                    + "subscriber_id BIGINT NOT NULL REFERENCES subscriber (id), ")
                    + "state VARCHAR(20) NOT NULL, "
                    + "attempts INTEGER NOT NULL DEFAULT 0, next_attempt TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "last_reply VARCHAR(1000), message_id VARCHAR(300), "
                    + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL, variant INTEGER, "
                    + "CONSTRAINT delivery_uq UNIQUE (send_id, subscriber_id))");
            s.execute("CREATE INDEX delivery_send_state_id_idx ON delivery (send_id, state, id)");
            s.execute("CREATE TABLE outcome (delivery_id BIGINT PRIMARY KEY, state VARCHAR(20) NOT NULL, "
                    + "last_reply VARCHAR(1000), message_id VARCHAR(300), attempts INTEGER NOT NULL, "
                    + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("INSERT INTO delivery (send_id, subscriber_id, state, next_attempt, updated_at) "
                    + "SELECT 1, id, 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM subscriber ORDER BY id");
            if (pg) {
                s.execute("VACUUM ANALYZE delivery");
                s.execute("ANALYZE outcome");
                s.execute("CHECKPOINT");
            }
        }
    }

    static String reply(long id) {
        return "250 2.0.0 Ok: queued as 4Q" + Long.toString(id * 7919, 36).toUpperCase(Locale.ROOT);
    }

    static String messageId(long id) {
        return "<20261205." + id + ".a81f0c4e9b27d6e3@news.example.org>";
    }

    /** H2: a batch of single-row statements per flush, as Herald writes its outcomes there. */
    static int writeBatches(Connection c, Design design, int rows, OffsetDateTime now) throws SQLException {
        String sql = design != Design.APPENDED
                ? "UPDATE delivery SET state=?, last_reply=?, message_id=?, next_attempt=COALESCE(?, next_attempt), "
                        + "attempts=attempts+?, updated_at=? WHERE id=? AND (state='pending' OR (state='cancelled' "
                        + "AND ?='sent'))"
                : "INSERT INTO outcome (state, last_reply, message_id, attempts, updated_at, delivery_id) "
                        + "VALUES (?,?,?,?,?,?)";
        int written = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int inFlush = 0;
            for (long id = 1; id <= rows; id += 2) {
                int k = 1;
                ps.setString(k++, "sent");
                ps.setString(k++, reply(id));
                ps.setString(k++, messageId(id));
                if (design != Design.APPENDED) {
                    ps.setObject(k++, null);
                }
                ps.setInt(k++, 1);
                ps.setObject(k++, now);
                ps.setLong(k++, id);
                if (design != Design.APPENDED) {
                    ps.setString(k, "sent");
                }
                ps.addBatch();
                if (++inFlush == FLUSH || id + 2 > rows) {
                    for (int n : ps.executeBatch()) {
                        written += n;
                    }
                    c.commit();
                    inFlush = 0;
                }
            }
        }
        return written;
    }

    /** PostgreSQL: one statement per flush joined to arrays of the values, as Herald's OUTCOMES. */
    static int writeArrays(Connection c, Design design, int rows, OffsetDateTime now) throws SQLException {
        String sql = design != Design.APPENDED
                ? "UPDATE delivery d SET state=u.state, last_reply=u.reply, message_id=u.message_id, "
                        + "next_attempt=COALESCE(CAST(u.next_attempt AS TIMESTAMP WITH TIME ZONE), d.next_attempt), "
                        + "attempts=d.attempts+u.tried, updated_at=? FROM UNNEST(CAST(? AS BIGINT ARRAY), "
                        + "CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), "
                        + "CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY)) AS u(id, state, reply, message_id, "
                        + "next_attempt, tried) WHERE d.id = u.id AND (d.state = 'pending' OR (d.state = 'cancelled' "
                        + "AND u.state = 'sent'))"
                : "INSERT INTO outcome (delivery_id, state, last_reply, message_id, attempts, updated_at) "
                        + "SELECT u.id, u.state, u.reply, u.message_id, u.tried, ? "
                        + "FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), "
                        + "CAST(? AS VARCHAR ARRAY), "
                        + "CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY)) AS u(id, state, reply, message_id, "
                        + "next_attempt, tried)";
        int written = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= rows; id += 2) {
                ids.add(id);
                if (ids.size() == FLUSH || id + 2 > rows) {
                    int n = ids.size();
                    String[] states = new String[n];
                    String[] replies = new String[n];
                    String[] messageIds = new String[n];
                    Integer[] tried = new Integer[n];
                    for (int i = 0; i < n; i++) {
                        states[i] = "sent";
                        replies[i] = reply(ids.get(i));
                        messageIds[i] = messageId(ids.get(i));
                        tried[i] = 1;
                    }
                    ps.setObject(1, now);
                    ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                    ps.setArray(3, c.createArrayOf("varchar", states));
                    ps.setArray(4, c.createArrayOf("varchar", replies));
                    ps.setArray(5, c.createArrayOf("varchar", messageIds));
                    ps.setArray(6, c.createArrayOf("varchar", new String[n]));
                    ps.setArray(7, c.createArrayOf("integer", tried));
                    written += ps.executeUpdate();
                    c.commit();
                    ids.clear();
                }
            }
        }
        return written;
    }

    /**
     * Every batch's due rows (BATCH ids each, as a plan cuts a send), CLAIM at a time from the last claimed id on, as
     * a worker's claims go through its batch.
     */
    static int claimAll(Connection c, Design design, int rows, OffsetDateTime due) throws SQLException {
        String sql = "SELECT id FROM delivery d WHERE send_id=1 AND id BETWEEN ? AND ? AND state='pending' "
                + "AND next_attempt <= ? "
                + (design == Design.APPENDED
                        ? "AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.delivery_id = d.id) "
                        : "")
                + "ORDER BY id FETCH FIRST " + CLAIM + " ROWS ONLY";
        int claimed = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long first = 1; first <= rows; first += BATCH) {
                long from = first;
                long last = Math.min(rows, first + BATCH - 1);
                while (from <= last) {
                    ps.setLong(1, from);
                    ps.setLong(2, last);
                    ps.setObject(3, due);
                    long seen = -1;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seen = rs.getLong(1);
                            claimed++;
                        }
                    }
                    c.commit();
                    if (seen < 0) {
                        break;
                    }
                    from = seen + 1;
                }
            }
        }
        return claimed;
    }

    static String count(Connection c, Design design) throws SQLException {
        String sql = design != Design.APPENDED
                ? "SELECT state, COUNT(*) FROM delivery WHERE send_id=1 GROUP BY state ORDER BY state"
                : "SELECT COALESCE(o.state, d.state), COUNT(*) FROM delivery d "
                        + "LEFT JOIN outcome o ON o.delivery_id = d.id WHERE d.send_id=1 GROUP BY COALESCE(o.state, "
                        + "d.state) ORDER BY 1";
        StringBuilder counts = new StringBuilder();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.append(counts.length() == 0 ? "" : ", ");
                counts.append(rs.getString(1)).append(' ').append(rs.getLong(2));
            }
        }
        return counts.toString();
    }

    static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The process's user and system CPU in clock ticks (100 a second on Linux), 0 when not on this machine. */
    static long cpuTicks(long pid) {
        if (pid == 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }
}
