package io.herald.insight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Clicks kept with their reader: only on lists with tracking: individual, only while the reader's consent stands
 * (checked in the same statement that writes the click, so a withdrawal counts from that moment), and only for
 * herald.insight.reader-click-retention. A reader's access request shows them; erasure removes them.
 */
@ApplicationScoped
public class ReaderClicks {

    /** A click of a consenting reader, as the counter saw it. */
    public record Click(long editionId, int n, long subscriberId, boolean machine, Instant at) {}

    /** What an access request shows of a reader's clicks. */
    public record Clicked(long edition, String url, boolean machine, String at) {}

    private final DataSource dataSource;

    ReaderClicks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static void insert(Connection c, List<Click> clicks) throws SQLException {
        if (clicks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(InsightQueries.INSERT_READER_CLICK)) {
            for (Click click : clicks) {
                ps.setLong(1, click.editionId());
                ps.setInt(2, click.n());
                ps.setLong(3, click.subscriberId());
                ps.setBoolean(4, click.machine());
                ps.setObject(5, Jdbc.ts(click.at()));
                ps.setLong(6, click.editionId());
                ps.setLong(7, click.subscriberId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<Clicked> of(long subscriberId) throws SQLException {
        return Sql.query(
                dataSource,
                InsightQueries.READER_CLICKS,
                ps -> ps.setLong(1, subscriberId),
                rs -> new Clicked(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getObject(4, OffsetDateTime.class).toString()));
    }

    /** A reader withdrew consent on a list: what was kept of their clicks there goes. */
    public int forget(long subscriberId, String listId) throws SQLException {
        return Sql.update(dataSource, InsightQueries.FORGET_READER_CLICKS_ON_LIST, ps -> {
            ps.setLong(1, subscriberId);
            ps.setString(2, listId);
        });
    }

    /** Erasure, inside the caller's transaction. */
    public void erase(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(InsightQueries.ERASE_READER_CLICKS)) {
            ps.setLong(1, subscriberId);
            ps.executeUpdate();
        }
    }
}
