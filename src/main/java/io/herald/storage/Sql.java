package io.herald.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** One statement on a pooled connection: the few lines every store would otherwise write again. */
public final class Sql {

    private Sql() {}

    /** Sets a statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static final Binder NONE = ps -> {};

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(DataSource dataSource, String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> query(DataSource dataSource, String sql, Binder binder, Row<T> row) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        }
    }

    /** The first row, if there is one. */
    public static <T> java.util.Optional<T> first(DataSource dataSource, String sql, Binder binder, Row<T> row)
            throws SQLException {
        List<T> rows = query(dataSource, sql, binder, row);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
    }

    /** A COUNT(*) or any query whose first row's first column is a number: that number, 0 when there is no row. */
    public static long count(DataSource dataSource, String sql, Binder binder) throws SQLException {
        return first(dataSource, sql, binder, rs -> rs.getLong(1)).orElse(0L);
    }

    /** The first column of every row, as longs (ids and counts). */
    public static List<Long> longs(DataSource dataSource, String sql, Binder binder) throws SQLException {
        return query(dataSource, sql, binder, rs -> rs.getLong(1));
    }

    /** A timestamp column as an Instant; null stays null. */
    public static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
