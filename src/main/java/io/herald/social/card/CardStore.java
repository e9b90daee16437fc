package io.herald.social.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The rendered cards (table article_card): kept per article and format under the fingerprint they were made from. */
@ApplicationScoped
public class CardStore {

    /** A card as kept. */
    public record Stored(String fingerprint, byte[] png, byte[] jpeg, List<String> problems, Instant renderedAt) {}

    private final DataSource dataSource;

    CardStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Stored> find(long articleId, CardFormat format) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT fingerprint, png, jpeg, problems, rendered_at "
                        + "FROM article_card WHERE article_id = ? AND format = ?")) {
            ps.setLong(1, articleId);
            ps.setString(2, format.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String problems = rs.getString(4);
                return Optional.of(new Stored(
                        rs.getString(1),
                        rs.getBytes(2),
                        rs.getBytes(3),
                        problems.isEmpty() ? List.of() : Arrays.asList(problems.split("\n")),
                        rs.getTimestamp(5).toInstant()));
            }
        }
    }

    /** What is kept for a card besides its images: the fingerprint and the problems. */
    public record Summary(String fingerprint, List<String> problems) {}

    /** A card's fingerprint and problems, without reading its images. */
    public Optional<Summary> summary(long articleId, CardFormat format) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT fingerprint, problems FROM article_card WHERE article_id = ? AND format = ?")) {
            ps.setLong(1, articleId);
            ps.setString(2, format.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String problems = rs.getString(2);
                return Optional.of(new Summary(
                        rs.getString(1), problems.isEmpty() ? List.of() : Arrays.asList(problems.split("\n"))));
            }
        }
    }

    /** The fingerprint kept for a card, without reading its images. */
    public Optional<String> fingerprint(long articleId, CardFormat format) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT fingerprint FROM article_card WHERE article_id = ? AND format = ?")) {
            ps.setLong(1, articleId);
            ps.setString(2, format.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Keeps a card; two nodes rendering the same card at once both succeed (the same bytes win either way). */
    public void save(long articleId, CardFormat format, Stored card) throws SQLException {
        String problems = String.join("\n", card.problems());
        if (problems.length() > 4000) {
            problems = problems.substring(0, 3999) + "…";
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up =
                    c.prepareStatement("UPDATE article_card SET fingerprint = ?, png = ?, jpeg = ?, "
                            + "problems = ?, rendered_at = ? WHERE article_id = ? AND format = ?")) {
                up.setString(1, card.fingerprint());
                up.setBytes(2, card.png());
                up.setBytes(3, card.jpeg());
                up.setString(4, problems);
                up.setTimestamp(5, Timestamp.from(card.renderedAt()));
                up.setLong(6, articleId);
                up.setString(7, format.id());
                if (up.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO article_card (article_id, format, fingerprint, "
                    + "png, jpeg, problems, rendered_at) VALUES (?,?,?,?,?,?,?)")) {
                in.setLong(1, articleId);
                in.setString(2, format.id());
                in.setString(3, card.fingerprint());
                in.setBytes(4, card.png());
                in.setBytes(5, card.jpeg());
                in.setString(6, problems);
                in.setTimestamp(7, Timestamp.from(card.renderedAt()));
                in.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e; // 23505: another node kept the same card first
                }
            }
        }
    }

    /** Forgets an article's cards (the article was removed or replaced). */
    public void forget(long articleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM article_card WHERE article_id = ?")) {
            ps.setLong(1, articleId);
            ps.executeUpdate();
        }
    }
}
