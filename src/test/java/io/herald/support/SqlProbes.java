package io.herald.support;

import javax.sql.DataSource;

import io.herald.storage.Sql;

/** One-number questions a test asks the database while it holds transactions open. */
public final class SqlProbes {

    private SqlProbes() {}

    /** The first column of the first row, as a number ({@code SELECT COUNT(*) ...}). */
    public static long number(DataSource ds, String sql) throws Exception {
        return Sql.first(ds, sql, Sql.NONE, rs -> rs.getLong(1)).orElseThrow();
    }

    /** PostgreSQL: how many of the database's backends wait for a lock another transaction holds. */
    public static long waitingForALock(DataSource ds) throws Exception {
        return number(
                ds,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    }
}
