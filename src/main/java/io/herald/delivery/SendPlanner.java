package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.herald.article.Article;
import io.herald.storage.Jdbc;
import io.herald.subscriber.MailingList;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns "these articles to that list" into an edition, a send and one ledger row per member, in one transaction.
 * An edition goes out for real at most once: a second live plan for it (the scheduled job racing ops, a double
 * click) returns the send that already exists.
 */
@ApplicationScoped
public class SendPlanner {

    private final DataSource dataSource;

    SendPlanner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The send a plan produced, and whether this call created it. */
    public record Plan(long sendId, boolean created) {
    }

    public Plan plan(List<Article> articles, MailingList list, boolean dryRun, String startedBy, Instant now)
            throws SQLException {
        String key = articles.stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(",", "articles:", ""));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long edition = edition(c, list.id(), key, articles, now);
                if (!dryRun) {
                    Optional<Long> existing = liveSend(c, edition);
                    if (existing.isPresent()) {
                        c.commit();
                        return new Plan(existing.get(), false);
                    }
                }
                long send = insertSend(c, edition, list.id(), dryRun, startedBy, now);
                insertDeliveries(c, send, list.id(), now);
                c.commit();
                return new Plan(send, true);
            } catch (SQLException e) {
                c.rollback();
                // Lost a race on the unique keys: the winner's send is the one.
                if (!dryRun) {
                    Optional<Long> winner = liveSendForKey(c, list.id(), key);
                    if (winner.isPresent()) {
                        return new Plan(winner.get(), false);
                    }
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static long edition(Connection c, String listId, String key, List<Article> articles, Instant now)
            throws SQLException {
        Optional<Long> existing = editionId(c, listId, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO edition (list_id, dedupe_key, created_at) "
                + "VALUES (?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, listId);
            ps.setString(2, key);
            ps.setObject(3, Jdbc.ts(now));
            ps.executeUpdate();
            id = generatedKey(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO edition_article (edition_id, article_id, position) VALUES (?,?,?)")) {
            for (int i = 0; i < articles.size(); i++) {
                ps.setLong(1, id);
                ps.setLong(2, articles.get(i).id());
                ps.setInt(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    private static Optional<Long> editionId(Connection c, String listId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM edition WHERE list_id=? AND dedupe_key=?")) {
            ps.setString(1, listId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> liveSend(Connection c, long edition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM send WHERE live_edition_id=?")) {
            ps.setLong(1, edition);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> liveSendForKey(Connection c, String listId, String key) throws SQLException {
        Optional<Long> edition = editionId(c, listId, key);
        return edition.isPresent() ? liveSend(c, edition.get()) : Optional.empty();
    }

    private static long insertSend(Connection c, long edition, String listId, boolean dryRun, String startedBy,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO send (edition_id, live_edition_id, list_id, dry_run, "
                + "status, started_by, created_at) VALUES (?,?,?,?,'planned',?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, edition);
            if (dryRun) {
                ps.setNull(2, java.sql.Types.BIGINT);
            } else {
                ps.setLong(2, edition);
            }
            ps.setString(3, listId);
            ps.setBoolean(4, dryRun);
            ps.setString(5, startedBy);
            ps.setObject(6, Jdbc.ts(now));
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    /** Active members become pending rows; members who unsubscribed become skipped rows, so the skip is counted. */
    private static void insertDeliveries(Connection c, long send, String listId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (send_id, subscriber_id, state, "
                + "next_attempt, updated_at, last_reply) SELECT ?, m.subscriber_id, "
                + "CASE WHEN m.state = 'active' THEN 'pending' ELSE 'skipped' END, ?, ?, "
                + "CASE WHEN m.state = 'active' THEN NULL ELSE m.state END "
                + "FROM membership m WHERE m.list_id = ? AND m.state IN ('active', 'unsubscribed')")) {
            ps.setLong(1, send);
            ps.setObject(2, Jdbc.ts(now));
            ps.setObject(3, Jdbc.ts(now));
            ps.setString(4, listId);
            ps.executeUpdate();
        }
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** The articles of an edition, in their order. */
    public List<Long> editionArticles(long editionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT article_id FROM edition_article WHERE edition_id=? ORDER BY position")) {
            ps.setLong(1, editionId);
            List<Long> ids = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
