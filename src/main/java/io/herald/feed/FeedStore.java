package io.herald.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The feed and feed_item tables. */
@ApplicationScoped
public class FeedStore {

    private static final String COLUMNS = "id, url, lists, source, etag, last_modified, last_poll_at, "
            + "last_success_at, last_status, last_error, consecutive_failures, next_poll_at, items_seen, items_skipped";

    private final DataSource dataSource;

    FeedStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the feed, or sets its lists when it exists; returns it. */
    public Feed upsert(String url, List<String> lists, String source, Instant now) throws SQLException {
        Optional<Feed> existing = findByUrl(url);
        if (existing.isPresent()) {
            update("UPDATE feed SET lists = ? WHERE id = ?", ps -> {
                ps.setString(1, String.join(",", lists));
                ps.setLong(2, existing.get().id());
            });
        } else {
            try {
                update("INSERT INTO feed (url, lists, source, next_poll_at, created_at) VALUES (?,?,?,?,?)", ps -> {
                    ps.setString(1, url);
                    ps.setString(2, String.join(",", lists));
                    ps.setString(3, source);
                    ps.setObject(4, Jdbc.ts(now));
                    ps.setObject(5, Jdbc.ts(now));
                });
            } catch (SQLException e) {
                if (findByUrl(url).isEmpty()) {
                    throw e;
                }
            }
        }
        return findByUrl(url).orElseThrow();
    }

    public List<Feed> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feed ORDER BY id", Sql.NONE);
    }

    public Optional<Feed> find(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feed WHERE id = ?", ps -> ps.setLong(1, id)).stream()
                .findFirst();
    }

    public Optional<Feed> findByUrl(String url) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feed WHERE url = ?", ps -> ps.setString(1, url)).stream()
                .findFirst();
    }

    /** Feeds with lists whose next poll is due. */
    public List<Feed> due(Instant now) throws SQLException {
        return query(
                "SELECT " + COLUMNS + " FROM feed WHERE next_poll_at <= ? AND lists <> '' ORDER BY next_poll_at",
                ps -> ps.setObject(1, Jdbc.ts(now)));
    }

    /** Takes the feed for this poll (moves its next poll on), so two nodes do not poll it at once. */
    public boolean claim(Feed feed, Instant next) throws SQLException {
        return update("UPDATE feed SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?", ps -> {
                    ps.setObject(1, Jdbc.ts(next));
                    ps.setLong(2, feed.id());
                    ps.setObject(3, Jdbc.ts(feed.nextPollAt()));
                })
                == 1;
    }

    public void succeeded(
            long id,
            String status,
            String etag,
            String lastModified,
            int newItems,
            int skipped,
            String note,
            Instant now,
            Instant next)
            throws SQLException {
        update(
                "UPDATE feed SET last_poll_at = ?, last_success_at = ?, last_status = ?, etag = COALESCE(?, etag), "
                        + "last_modified = COALESCE(?, last_modified), items_seen = items_seen + ?, last_error = ?, "
                        + "consecutive_failures = 0, next_poll_at = ?, items_skipped = items_skipped + ? WHERE id = ?",
                ps -> {
                    ps.setObject(1, Jdbc.ts(now));
                    ps.setObject(2, Jdbc.ts(now));
                    ps.setString(3, status);
                    ps.setString(4, etag);
                    ps.setString(5, lastModified);
                    ps.setInt(6, newItems);
                    ps.setString(7, note == null || note.length() <= 2000 ? note : note.substring(0, 1999) + "…");
                    ps.setObject(8, Jdbc.ts(next));
                    ps.setInt(9, skipped);
                    ps.setLong(10, id);
                });
    }

    public void failed(long id, String reason, int failures, Instant now, Instant next) throws SQLException {
        update(
                "UPDATE feed SET last_poll_at = ?, last_status = 'failed', last_error = ?, consecutive_failures = ?, "
                        + "next_poll_at = ? WHERE id = ?",
                ps -> {
                    ps.setObject(1, Jdbc.ts(now));
                    ps.setString(2, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
                    ps.setInt(3, failures);
                    ps.setObject(4, Jdbc.ts(next));
                    ps.setLong(5, id);
                });
    }

    public void pollNow(long id, Instant now) throws SQLException {
        update("UPDATE feed SET next_poll_at = ? WHERE id = ?", ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, id);
        });
    }

    /** Feeds named in list files that no list names any more stop being polled (their items are remembered). */
    public void detachFileFeeds(List<String> stillNamed) throws SQLException {
        for (Feed feed : all()) {
            if (feed.source().equals("file")
                    && !stillNamed.contains(feed.url())
                    && !feed.lists().isEmpty()) {
                update("UPDATE feed SET lists = '' WHERE id = ?", ps -> ps.setLong(1, feed.id()));
            }
        }
    }

    /** An item seen before: by GUID within the feed, else by link in any feed. */
    public Optional<Item> findItem(long feedId, String guid, String link) throws SQLException {
        if (guid != null) {
            Optional<Item> byGuid = items(
                    "SELECT id, article_id, content_hash FROM feed_item WHERE feed_id = ? " + "AND guid = ?", ps -> {
                        ps.setLong(1, feedId);
                        ps.setString(2, guid);
                    });
            if (byGuid.isPresent()) {
                return byGuid;
            }
        }
        if (link != null) {
            // This feed's item with that link: another feed's item with the same link (a home page, a tracking
            // redirect) is another story as far as Herald knows, and never rewritten from here.
            return items(
                    "SELECT id, article_id, content_hash FROM feed_item WHERE feed_id = ? AND link = ? "
                            + "ORDER BY id",
                    ps -> {
                        ps.setLong(1, feedId);
                        ps.setString(2, link);
                    });
        }
        return Optional.empty();
    }

    /** This feed's item with exactly this content, for items with neither GUID nor link. */
    public Optional<Item> findItemByContent(long feedId, String hash) throws SQLException {
        return items(
                "SELECT id, article_id, content_hash FROM feed_item WHERE feed_id = ? AND content_hash = ? "
                        + "ORDER BY id",
                ps -> {
                    ps.setLong(1, feedId);
                    ps.setString(2, hash);
                });
    }

    public void addItem(long feedId, String guid, String link, String hash, long articleId, Instant now)
            throws SQLException {
        update(
                "INSERT INTO feed_item (feed_id, guid, link, content_hash, article_id, first_seen_at, updated_at) "
                        + "VALUES (?,?,?,?,?,?,?)",
                ps -> {
                    ps.setLong(1, feedId);
                    ps.setString(2, guid);
                    ps.setString(3, link);
                    ps.setString(4, hash);
                    ps.setLong(5, articleId);
                    ps.setObject(6, Jdbc.ts(now));
                    ps.setObject(7, Jdbc.ts(now));
                });
    }

    public void itemChanged(long itemId, String hash, Instant now) throws SQLException {
        update("UPDATE feed_item SET content_hash = ?, updated_at = ? WHERE id = ?", ps -> {
            ps.setString(1, hash);
            ps.setObject(2, Jdbc.ts(now));
            ps.setLong(3, itemId);
        });
    }

    /** A feed item Herald has: its row, its article, and the content hash it had when last read. */
    public record Item(long id, long articleId, String contentHash) {}

    private int update(String sql, Sql.Binder binder) throws SQLException {
        return Sql.update(dataSource, sql, binder);
    }

    private Optional<Item> items(String sql, Sql.Binder binder) throws SQLException {
        return Sql.query(dataSource, sql, binder, rs -> new Item(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .stream()
                .findFirst();
    }

    private List<Feed> query(String sql, Sql.Binder binder) throws SQLException {
        return Sql.query(dataSource, sql, binder, rs -> {
            String lists = rs.getString("lists");
            return new Feed(
                    rs.getLong("id"),
                    rs.getString("url"),
                    lists.isEmpty() ? List.of() : Arrays.asList(lists.split(",")),
                    rs.getString("source"),
                    rs.getString("etag"),
                    rs.getString("last_modified"),
                    instant(rs, "last_poll_at"),
                    instant(rs, "last_success_at"),
                    rs.getString("last_status"),
                    rs.getString("last_error"),
                    rs.getInt("consecutive_failures"),
                    instant(rs, "next_poll_at"),
                    rs.getInt("items_seen"),
                    rs.getInt("items_skipped"),
                    null);
        });
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
