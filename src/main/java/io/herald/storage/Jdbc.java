package io.herald.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

/** Conversions every store needs between java.time and JDBC, the same on H2 and PostgreSQL. */
public final class Jdbc {

    private Jdbc() {}

    /**
     * Whether a failed statement may succeed as it is once the database is reachable again: the connection went or
     * could not be made (SQLState class 08, or the pool's own timeout, which has no SQLState), the server is
     * stopping, starting or short of resources (57, 53, 58), or it rolled the transaction back (40). A statement the
     * database refused for what it says (a constraint, a value, the SQL itself) fails the same way every time.
     */
    public static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                return state.startsWith("08")
                        || state.startsWith("40")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.startsWith("58");
            }
        }
        return true;
    }

    /**
     * Whether a statement failed because a row it pointed at was gone when its foreign key was checked: a reader
     * erased while a plan or an import chunk that had read them was being written. Made again, the work no longer sees
     * the reader. PostgreSQL names that foreign_key_violation (23503); H2 names a missing parent row 23506.
     */
    public static boolean referencedRowGone(SQLException e) {
        return "23503".equals(e.getSQLState()) || "23506".equals(e.getSQLState());
    }

    /**
     * Once the database is back after going away (a restart, a failover), checks the pool's idle connections and
     * closes those the server ended, so that the statements that follow get live ones. The pool drops a connection by
     * itself only on a broken link (Agroal's PostgreSQL sorter: SQLState 08006); one the server terminated while
     * stopping (57P01) goes back to the pool and fails the next statement made on it too.
     */
    public static void dropBrokenConnections(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(AgroalDataSource.class)) {
                dataSource.unwrap(AgroalDataSource.class).flush(AgroalDataSource.FlushMode.INVALID);
            }
        } catch (SQLException notAPool) {
            // Not a pool that can check its connections: its statements find out one by one.
        }
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * On PostgreSQL, has this connection plan its statements for any values ({@code on}) or go back to the server's
     * default ({@code off}); nothing on H2. For jobs that look up a thousand keys at a time, as one array joined to an
     * index, in a table they are filling: planned for the thousand values it holds, the lookup read the whole table
     * into a hash (40 ms a chunk at 120,000 rows, growing with the table) where a lookup per key took 2-3 ms; planned
     * for any array, it takes the index. Such a job also calls {@link #analyze} as the table grows, so that the plan
     * is made for a table of about the right size. The pool hands the connection to others afterwards, so every
     * {@code on} needs its {@code off}.
     */
    public static void planForAnyValues(Connection c, boolean on) throws SQLException {
        if (!postgres(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(on ? "SET plan_cache_mode = force_generic_plan" : "RESET plan_cache_mode");
        }
    }

    /**
     * On PostgreSQL, brings the planner's figures for these tables up to date now (autovacuum does it within a minute
     * or so, too late for a job filling them); nothing on H2, whose planner counts rows as it goes.
     */
    public static void analyze(Connection c, String... tables) throws SQLException {
        if (!postgres(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + String.join(", ", tables));
        }
    }

    /**
     * How many rows PostgreSQL's planner takes the table to hold (what its last analyze found), 0 before any; 0 on
     * H2, which needs no {@link #analyze}.
     */
    public static long plannedRows(Connection c, String table) throws SQLException {
        if (!postgres(c)) {
            return 0;
        }
        try (java.sql.PreparedStatement ps =
                c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
        }
    }

    /** Whether the connection is to PostgreSQL (else H2): for the few statements written apart for each. */
    public static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
