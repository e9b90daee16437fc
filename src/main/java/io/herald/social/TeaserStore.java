package io.herald.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

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
                            + "text, length, max_length, valid, problem, state) VALUES (?,?,?,?,?,?,?,?,?)")) {
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT channel, text, length, max_length, valid, problem, "
                        + "state FROM teaser WHERE article_id = ? ORDER BY position")) {
            ps.setLong(1, articleId);
            List<Teaser> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Teaser(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getBoolean(5), rs.getString(6), rs.getString(7)));
                }
            }
            return result;
        }
    }
}
