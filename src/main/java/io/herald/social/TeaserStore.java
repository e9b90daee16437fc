package io.herald.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** Teasers stored with their article, one row per (article, channel). */
@ApplicationScoped
public class TeaserStore {

    private final DataSource dataSource;

    TeaserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void replaceAll(long articleId, List<Teaser> teasers) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM teaser WHERE article_id = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO teaser (article_id, channel, position, "
                            + "text, length, max_length, valid, problem, state, edited, held) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                del.setLong(1, articleId);
                del.executeUpdate();
                int position = 0;
                for (Teaser t : teasers) {
                    ins.setLong(1, articleId);
                    ins.setString(2, t.channel());
                    ins.setInt(3, position++);
                    ins.setString(4, t.text());
                    ins.setInt(5, t.length());
                    ins.setInt(6, t.limit());
                    ins.setBoolean(7, t.valid());
                    ins.setString(8, t.problem());
                    ins.setString(9, t.state());
                    ins.setBoolean(10, t.edited());
                    ins.setBoolean(11, t.held());
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public List<Teaser> forArticle(long articleId) throws SQLException {
        return query("WHERE article_id = ? ORDER BY position", ps -> ps.setLong(1, articleId));
    }

    public java.util.Optional<Teaser> find(long articleId, String channel) throws SQLException {
        return query("WHERE article_id = ? AND channel = ?", ps -> {
                    ps.setLong(1, articleId);
                    ps.setString(2, channel);
                })
                .stream()
                .findFirst();
    }

    /** An editor's text (already validated by the caller) and hold flag for one channel. */
    public boolean update(long articleId, Teaser teaser) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE teaser SET text = ?, length = ?, max_length = ?, valid = ?, problem = ?, edited = ?, held = ? "
                                + "WHERE article_id = ? AND channel = ?")) {
            ps.setString(1, teaser.text());
            ps.setInt(2, teaser.length());
            ps.setInt(3, teaser.limit());
            ps.setBoolean(4, teaser.valid());
            ps.setString(5, teaser.problem());
            ps.setBoolean(6, teaser.edited());
            ps.setBoolean(7, teaser.held());
            ps.setLong(8, articleId);
            ps.setString(9, teaser.channel());
            return ps.executeUpdate() == 1;
        }
    }

    private List<Teaser> query(String where, Sql.Binder binder) throws SQLException {
        return Sql.query(
                dataSource,
                "SELECT channel, text, length, max_length, valid, problem, state, edited, held FROM teaser " + where,
                binder,
                rs -> new Teaser(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getBoolean(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        rs.getBoolean(9)));
    }
}
