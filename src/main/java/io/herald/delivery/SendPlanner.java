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

    public Plan plan(List<Article> articles, MailingList list, boolean dryRun, String startedBy, Instant now,
            int batchSize) throws SQLException {
        String key = dedupeKey(articles);
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
                insertBatches(c, send, batchSize);
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

    /**
     * "articles:3,5,8" names an edition by its articles in order; a digest of many articles (a backlog, a busy day)
     * would outgrow the column, so a long key is replaced by the SHA-256 of it: the same articles still make the same
     * key.
     */
    static String dedupeKey(List<Article> articles) {
        String key = articles.stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(",", "articles:", ""));
        if (key.length() <= 200) {
            return key;
        }
        try {
            return "articles-sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    /**
     * Active members become pending rows; members who unsubscribed or are suppressed become skipped rows, so the
     * skip is counted. The database copies the list: no member is ever held in memory here.
     */
    private static void insertDeliveries(Connection c, long send, String listId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (send_id, subscriber_id, state, "
                + "next_attempt, updated_at, last_reply) SELECT ?, m.subscriber_id, "
                + "CASE WHEN m.state = 'active' AND sp.email IS NULL THEN 'pending' ELSE 'skipped' END, ?, ?, "
                + "CASE WHEN sp.email IS NOT NULL THEN 'suppressed: ' || sp.reason "
                + "WHEN m.state = 'active' THEN NULL ELSE m.state END "
                + "FROM membership m JOIN subscriber s ON s.id = m.subscriber_id "
                + "LEFT JOIN suppression sp ON sp.email = s.email "
                + "WHERE m.list_id = ? AND m.state IN ('active', 'unsubscribed') ORDER BY m.subscriber_id")) {
            ps.setLong(1, send);
            ps.setObject(2, Jdbc.ts(now));
            ps.setObject(3, Jdbc.ts(now));
            ps.setString(4, listId);
            ps.executeUpdate();
        }
    }

    /**
     * Cuts the send's rows into id ranges of batchSize. Ids of one INSERT ... SELECT are ascending, so the ranges are
     * computed from MIN and MAX alone; a range that another send's rows interleave with just holds fewer of ours.
     */
    private static void insertBatches(Connection c, long send, int batchSize) throws SQLException {
        long min;
        long max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id), MAX(id) FROM delivery WHERE send_id = ?")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                min = rs.getLong(1);
                max = rs.getLong(2);
                if (rs.wasNull()) {
                    return;
                }
            }
        }
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO send_batch (send_id, seq, first_id, last_id) VALUES (?,?,?,?)")) {
            for (long first = min; first <= max; first += batchSize) {
                ps.setLong(1, send);
                ps.setInt(2, count++);
                ps.setLong(3, first);
                ps.setLong(4, Math.min(max, first + batchSize - 1));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE send SET batch_count = ? WHERE id = ?")) {
            ps.setInt(1, count);
            ps.setLong(2, send);
            ps.executeUpdate();
        }
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** The list an edition was made for. */
    public Optional<String> editionList(long editionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT list_id FROM edition WHERE id=?")) {
            ps.setLong(1, editionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
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
