package io.herald.article;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** Articles in the database. */
@ApplicationScoped
public class ArticleStore {

    private static final String COLUMNS = "id, title, dateline, body, photos, cta_text, cta_channels, cta_unknown, "
            + "cta_signup, url, content_hash, created_at, meta";

    private final DataSource dataSource;
    private final ObjectMapper json;

    ArticleStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        // Publication dates keep the offset the source wrote; Jackson would move them to UTC on reading.
        this.json = json.copy()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** Stores a new article; an article with the same content already stored is returned instead. */
    public Stored insertOrFind(Article article, Instant now) throws SQLException {
        Optional<Article> existing = findByHash(article.contentHash());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        String sql = "INSERT INTO article (title, dateline, body, photos, cta_text, cta_channels, cta_unknown, "
                + "cta_signup, url, content_hash, created_at, meta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bindContent(ps, article);
            ps.setString(10, article.contentHash());
            ps.setObject(11, Jdbc.ts(now));
            ps.setString(12, writeJson(article.meta()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Stored(article.stored(keys.getLong(1), now), true);
            }
        } catch (SQLException e) {
            // Two posts of the same text at once: the unique hash lets one win; the other reads it.
            Optional<Article> raced = findByHash(article.contentHash());
            if (raced.isPresent()) {
                return new Stored(raced.get(), false);
            }
            throw e;
        }
    }

    /**
     * Replaces an article's content (a feed item changed after Herald read it). Editions that carried it keep
     * their sends; nothing is sent again because of this.
     */
    public Article update(long id, Article article) throws SQLException {
        String sql = "UPDATE article SET title=?, dateline=?, body=?, photos=?, cta_text=?, cta_channels=?, "
                + "cta_unknown=?, cta_signup=?, url=?, content_hash=?, meta=? WHERE id=?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bindContent(ps, article);
            ps.setString(10, article.contentHash());
            ps.setString(11, writeJson(article.meta()));
            ps.setLong(12, id);
            ps.executeUpdate();
        }
        return find(id).orElseThrow();
    }

    /** Parameters 1-9 of both INSERT and UPDATE: title, dateline, body, photos, call-to-action, url. */
    private void bindContent(PreparedStatement ps, Article article) throws SQLException {
        CallToAction cta = article.cta();
        ps.setString(1, article.title());
        ps.setString(2, article.dateline());
        ps.setString(3, String.join("\n\n", article.paragraphs()));
        ps.setString(4, toJson(article.photos()));
        ps.setString(5, cta == null ? null : cta.text());
        ps.setString(6, cta == null ? null : String.join(",", cta.channels()));
        ps.setString(7, cta == null ? null : String.join(",", cta.unknownChannels()));
        ps.setBoolean(8, cta != null && cta.websiteSignup());
        ps.setString(9, article.url());
    }

    public Optional<Article> find(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM article WHERE id = ?", ps -> ps.setLong(1, id));
    }

    public Optional<Article> findByHash(String hash) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM article WHERE content_hash = ?", ps -> ps.setString(1, hash));
    }

    public List<Article> list(int limit) throws SQLException {
        return many(
                "SELECT " + COLUMNS + " FROM article ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                ps -> ps.setInt(1, limit));
    }

    /** Newest first, only those older than {@code before} (an id) when it is given. */
    public List<Article> list(int limit, Long before) throws SQLException {
        return before == null
                ? list(limit)
                : many(
                        "SELECT " + COLUMNS + " FROM article WHERE id < ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                        ps -> {
                            ps.setLong(1, before);
                            ps.setInt(2, limit);
                        });
    }

    /** Articles created since {@code since} that no live send has taken to the list yet, oldest first. */
    public List<Article> notYetSentTo(String listId, Instant since) throws SQLException {
        return many(
                "SELECT " + COLUMNS + " FROM article a WHERE a.created_at >= ? AND NOT EXISTS ("
                        + " SELECT 1 FROM edition_article ea JOIN send s ON s.edition_id = ea.edition_id"
                        + " WHERE ea.article_id = a.id AND s.list_id = ? AND s.dry_run = FALSE) ORDER BY a.id",
                ps -> {
                    ps.setObject(1, Jdbc.ts(since));
                    ps.setString(2, listId);
                });
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM article");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Optional<Article> one(String sql, Sql.Binder binder) throws SQLException {
        return Sql.first(dataSource, sql, binder, this::map);
    }

    private List<Article> many(String sql, Sql.Binder binder) throws SQLException {
        return Sql.query(dataSource, sql, binder, this::map);
    }

    private Article map(ResultSet rs) throws SQLException {
        String ctaText = rs.getString("cta_text");
        CallToAction cta = ctaText == null
                ? null
                : new CallToAction(
                        ctaText,
                        split(rs.getString("cta_channels")),
                        split(rs.getString("cta_unknown")),
                        rs.getBoolean("cta_signup"));
        return new Article(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("dateline"),
                Arrays.asList(rs.getString("body").split("\n\n")),
                fromJson(rs.getString("photos")),
                cta,
                rs.getString("url"),
                rs.getString("content_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                meta(rs.getString("meta")));
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    private ArticleMeta meta(String text) {
        try {
            return text == null ? ArticleMeta.NONE : json.readValue(text, ArticleMeta.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable meta column: " + text, e);
        }
    }

    private String toJson(List<Photo> photos) {
        return writeJson(photos);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Photo> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<List<Photo>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable photos column: " + text, e);
        }
    }

    /** An article as stored, and whether this call created it. */
    public record Stored(Article article, boolean created) {}
}
