package io.herald.social;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The social_post table. Every state change is a conditional UPDATE on the state it leaves, so two nodes (or the
 * same job fired twice) can race for a row and exactly one wins.
 */
@ApplicationScoped
public class OutboxStore {

    private static final String COLUMNS = "id, article_id, channel, route, state, text, idempotency_key, due_at, "
            + "next_attempt_at, attempts, external_id, external_url, last_error, created_at, published_at, "
            + "published_by";

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the row unless the (article, channel) already has one; true when this call added it. */
    public boolean insertIfAbsent(
            long articleId, String channel, String route, String state, Instant dueAt, String note, Instant now)
            throws SQLException {
        if (find(articleId, channel).isPresent()) {
            return false;
        }
        try {
            update(
                    "INSERT INTO social_post (article_id, channel, route, state, idempotency_key, due_at, last_error, "
                            + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    ps -> {
                        ps.setLong(1, articleId);
                        ps.setString(2, channel);
                        ps.setString(3, route);
                        ps.setString(4, state);
                        ps.setString(5, UUID.randomUUID().toString());
                        ps.setObject(6, Jdbc.ts(dueAt));
                        ps.setString(7, note);
                        ps.setObject(8, Jdbc.ts(now));
                        ps.setObject(9, Jdbc.ts(now));
                    });
            return true;
        } catch (SQLException e) {
            // Another node enqueued the same (article, channel) first: the unique key keeps one row.
            if (find(articleId, channel).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<OutboxPost> find(long id) throws SQLException {
        List<OutboxPost> rows = query("SELECT " + COLUMNS + " FROM social_post WHERE id = ?", ps -> ps.setLong(1, id));
        return rows.stream().findFirst();
    }

    public Optional<OutboxPost> find(long articleId, String channel) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM social_post WHERE article_id = ? AND channel = ?", ps -> {
                    ps.setLong(1, articleId);
                    ps.setString(2, channel);
                })
                .stream()
                .findFirst();
    }

    public List<OutboxPost> forArticle(long articleId) throws SQLException {
        return query(
                "SELECT " + COLUMNS + " FROM social_post WHERE article_id = ? ORDER BY id",
                ps -> ps.setLong(1, articleId));
    }

    /** Newest first; every state when {@code state} is null. */
    /** Newest first, of one state or all, only those older than {@code before} (an id) when it is given. */
    public List<OutboxPost> list(String state, int limit, Long before) throws SQLException {
        long below = before == null ? Long.MAX_VALUE : before;
        return state == null
                ? query(
                        "SELECT " + COLUMNS + " FROM social_post WHERE id < ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                        ps -> {
                            ps.setLong(1, below);
                            ps.setInt(2, limit);
                        })
                : query(
                        "SELECT " + COLUMNS + " FROM social_post WHERE state = ? AND id < ? ORDER BY id DESC "
                                + "FETCH FIRST ? ROWS ONLY",
                        ps -> {
                            ps.setString(1, state);
                            ps.setLong(2, below);
                            ps.setInt(3, limit);
                        });
    }

    public long count(String state) throws SQLException {
        return state == null
                ? Sql.query(dataSource, "SELECT COUNT(*) FROM social_post", Sql.NONE, rs -> rs.getLong(1))
                        .get(0)
                : Sql.query(
                                dataSource,
                                "SELECT COUNT(*) FROM social_post WHERE state = ?",
                                ps -> ps.setString(1, state),
                                rs -> rs.getLong(1))
                        .get(0);
    }

    public List<OutboxPost> list(String state, int limit) throws SQLException {
        return state == null
                ? query(
                        "SELECT " + COLUMNS + " FROM social_post ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                        ps -> ps.setInt(1, limit))
                : query(
                        "SELECT " + COLUMNS + " FROM social_post WHERE state = ? ORDER BY id DESC "
                                + "FETCH FIRST ? ROWS ONLY",
                        ps -> {
                            ps.setString(1, state);
                            ps.setInt(2, limit);
                        });
    }

    /** Pending rows that are due, whose teaser is not held; oldest due first. */
    public List<Long> due(Instant now, int limit) throws SQLException {
        return Sql.query(
                dataSource,
                "SELECT p.id FROM social_post p JOIN teaser t ON t.article_id = p.article_id "
                        + "AND t.channel = p.channel WHERE p.state = 'pending' AND p.due_at <= ? AND (p.next_attempt_at IS NULL "
                        + "OR p.next_attempt_at <= ?) AND t.held = FALSE ORDER BY p.due_at, p.id FETCH FIRST ? ROWS ONLY",
                ps -> {
                    ps.setObject(1, Jdbc.ts(now));
                    ps.setObject(2, Jdbc.ts(now));
                    ps.setInt(3, limit);
                },
                rs -> rs.getLong(1));
    }

    /** Rows a stopped node left in publishing. */
    public List<Long> stale(Instant now) throws SQLException {
        return Sql.query(
                dataSource,
                "SELECT id FROM social_post WHERE state = 'publishing' AND lease_until < ? " + "ORDER BY id",
                ps -> ps.setObject(1, Jdbc.ts(now)),
                rs -> rs.getLong(1));
    }

    /** pending -> publishing, with the text that goes; false when another took it first or it is not due now. */
    public boolean claim(long id, String text, String node, Instant leaseUntil, Instant now) throws SQLException {
        // Still due as due() saw it: a run of the job that listed the row may reach it after another run set it to
        // wait for a retry (a platform's Retry-After) or an editor held its channel.
        return update(
                        "UPDATE social_post SET state = 'publishing', text = ?, claimed_by = ?, lease_until = ?, "
                                + "attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'pending' "
                                + "AND due_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                                + "AND NOT EXISTS (SELECT 1 FROM teaser t WHERE t.article_id = social_post.article_id "
                                + "AND t.channel = social_post.channel AND t.held = TRUE)",
                        ps -> {
                            ps.setString(1, text);
                            ps.setString(2, node);
                            ps.setObject(3, Jdbc.ts(leaseUntil));
                            ps.setObject(4, Jdbc.ts(now));
                            ps.setLong(5, id);
                            ps.setObject(6, Jdbc.ts(now));
                            ps.setObject(7, Jdbc.ts(now));
                        })
                == 1;
    }

    /** Takes over a publishing row whose lease ran out, so only one node settles it. */
    public boolean claimStale(long id, String node, Instant leaseUntil, Instant now) throws SQLException {
        return update(
                        "UPDATE social_post SET claimed_by = ?, lease_until = ?, updated_at = ? "
                                + "WHERE id = ? AND state = 'publishing' AND lease_until < ?",
                        ps -> {
                            ps.setString(1, node);
                            ps.setObject(2, Jdbc.ts(leaseUntil));
                            ps.setObject(3, Jdbc.ts(now));
                            ps.setLong(4, id);
                            ps.setObject(5, Jdbc.ts(now));
                        })
                == 1;
    }

    public boolean published(long id, String externalId, String externalUrl, String by, Instant now)
            throws SQLException {
        return update(
                        "UPDATE social_post SET state = 'published', external_id = ?, external_url = ?, "
                                + "published_at = ?, published_by = ?, lease_until = NULL, last_error = NULL, updated_at = ? "
                                + "WHERE id = ? AND state IN ('publishing', 'manual', 'unknown', 'failed')",
                        ps -> {
                            ps.setString(1, externalId);
                            ps.setString(2, externalUrl);
                            ps.setObject(3, Jdbc.ts(now));
                            ps.setString(4, by);
                            ps.setObject(5, Jdbc.ts(now));
                            ps.setLong(6, id);
                        })
                == 1;
    }

    /** publishing -> pending (retry at {@code next}) or to a final state (failed, unknown, skipped). */
    public boolean settle(long id, String state, Instant next, String error, Instant now) throws SQLException {
        return update(
                        "UPDATE social_post SET state = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL, "
                                + "updated_at = ? WHERE id = ? AND state = 'publishing'",
                        ps -> {
                            ps.setString(1, state);
                            ps.setObject(2, Jdbc.ts(next));
                            ps.setString(
                                    3, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
                            ps.setObject(4, Jdbc.ts(now));
                            ps.setLong(5, id);
                        })
                == 1;
    }

    /** failed or unknown -> pending now (a person asked); attempts start again. */
    public boolean retry(long id, Instant now) throws SQLException {
        return update(
                        "UPDATE social_post SET state = 'pending', attempts = 0, next_attempt_at = NULL, due_at = ?, "
                                + "updated_at = ? WHERE id = ? AND state IN ('failed', 'unknown')",
                        ps -> {
                            ps.setObject(1, Jdbc.ts(now));
                            ps.setObject(2, Jdbc.ts(now));
                            ps.setLong(3, id);
                        })
                == 1;
    }

    /** A pending row goes now rather than at its scheduled time. */
    public boolean dueNow(long id, Instant now) throws SQLException {
        return update(
                        "UPDATE social_post SET due_at = ?, next_attempt_at = NULL, updated_at = ? "
                                + "WHERE id = ? AND state = 'pending'",
                        ps -> {
                            ps.setObject(1, Jdbc.ts(now));
                            ps.setObject(2, Jdbc.ts(now));
                            ps.setLong(3, id);
                        })
                == 1;
    }

    private int update(String sql, Sql.Binder binder) throws SQLException {
        return Sql.update(dataSource, sql, binder);
    }

    private List<OutboxPost> query(String sql, Sql.Binder binder) throws SQLException {
        return Sql.query(
                dataSource,
                sql,
                binder,
                rs -> new OutboxPost(
                        rs.getLong("id"),
                        rs.getLong("article_id"),
                        rs.getString("channel"),
                        rs.getString("route"),
                        rs.getString("state"),
                        rs.getString("text"),
                        rs.getString("idempotency_key"),
                        instant(rs, "due_at"),
                        instant(rs, "next_attempt_at"),
                        rs.getInt("attempts"),
                        rs.getString("external_id"),
                        rs.getString("external_url"),
                        rs.getString("last_error"),
                        instant(rs, "created_at"),
                        instant(rs, "published_at"),
                        rs.getString("published_by")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
