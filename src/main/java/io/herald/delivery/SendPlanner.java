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
import io.herald.storage.Sql;
import io.herald.subscriber.MailingList;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import static io.herald.delivery.DeliveryQueries.DELIVERY_ID_RANGE;
import static io.herald.delivery.DeliveryQueries.EDITION_ARTICLES;
import static io.herald.delivery.DeliveryQueries.EDITION_BY_KEY;
import static io.herald.delivery.DeliveryQueries.EDITION_LIST;
import static io.herald.delivery.DeliveryQueries.HIGHEST_DELIVERY_ID;
import static io.herald.delivery.DeliveryQueries.INSERT_BATCH;
import static io.herald.delivery.DeliveryQueries.INSERT_EDITION;
import static io.herald.delivery.DeliveryQueries.INSERT_EDITION_ARTICLE;
import static io.herald.delivery.DeliveryQueries.INSERT_SEND;
import static io.herald.delivery.DeliveryQueries.LIVE_SEND_OF_EDITION;
import static io.herald.delivery.DeliveryQueries.MEMBER_ZONES;
import static io.herald.delivery.DeliveryQueries.SET_BATCH_COUNT;
import static io.herald.delivery.DeliveryQueries.insertDeliveriesInZones;

/**
 * Turns "these articles to that list" into an edition, a send and one ledger row per member, in one transaction.
 * An edition goes out for real at most once: a second live plan for it (the scheduled job racing ops, a double
 * click) returns the send that already exists.
 */
@ApplicationScoped
public class SendPlanner {

    private final DataSource dataSource;
    private final DeliveryConfig config;
    private final SubjectVariants variants;

    SendPlanner(DataSource dataSource, DeliveryConfig config, SubjectVariants variants) {
        this.dataSource = dataSource;
        this.config = config;
        this.variants = variants;
    }

    /** The send a plan produced, and whether this call created it. */
    public record Plan(long sendId, boolean created) {}

    /**
     * Times a plan is made in all when a reader of the list is erased while it reads the list (each erasure met
     * costs one).
     */
    static final int ATTEMPTS = 3;

    /** Plans a send; {@code subjectTest} null sends one subject, the template's. */
    public Plan plan(
            List<Article> articles,
            MailingList list,
            boolean dryRun,
            String startedBy,
            Instant now,
            int batchSize,
            SubjectTest subjectTest)
            throws SQLException {
        String key = dedupeKey(articles);
        for (int attempt = 1; ; attempt++) {
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
                    long before = highestDeliveryId(c);
                    long rows = dryRun || !list.deliversAtLocalTime()
                            ? insertDeliveries(c, send, list.id(), now)
                            : insertLocalDeliveries(c, send, list, now);
                    if (subjectTest != null) {
                        variants.sample(c, send, subjectTest, now);
                    }
                    insertBatches(c, send, before, rows, batchSize);
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
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !Jdbc.referencedRowGone(e)) {
                    throw e;
                }
                Log.infof(
                        "List %s: %s (a reader erased while the plan read the list); planning again",
                        list.id(), e.getMessage());
            }
        }
    }

    /**
     * "articles:3,5,8" names an edition by its articles in order; a digest of many articles (a backlog, a busy day)
     * would outgrow the column, so a long key is replaced by the SHA-256 of it: the same articles still make the same
     * key.
     */
    static String dedupeKey(List<Article> articles) {
        String key =
                articles.stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(",", "articles:", ""));
        if (key.length() <= 200) {
            return key;
        }
        try {
            return "articles-sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
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
        try (PreparedStatement ps = c.prepareStatement(INSERT_EDITION, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, listId);
            ps.setString(2, key);
            ps.setObject(3, Jdbc.ts(now));
            ps.executeUpdate();
            id = generatedKey(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EDITION_ARTICLE)) {
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
        try (PreparedStatement ps = c.prepareStatement(EDITION_BY_KEY)) {
            ps.setString(1, listId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> liveSend(Connection c, long edition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LIVE_SEND_OF_EDITION)) {
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

    private static long insertSend(
            Connection c, long edition, String listId, boolean dryRun, String startedBy, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SEND, Statement.RETURN_GENERATED_KEYS)) {
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

    /** One row per member, pending or skipped with the reason (see DeliveryQueries.insertDeliveries). */
    private static long insertDeliveries(Connection c, long send, String listId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliveryQueries.insertDeliveries(Jdbc.postgres(c)))) {
            ps.setLong(1, send);
            ps.setObject(2, Jdbc.ts(now));
            ps.setObject(3, Jdbc.ts(now));
            ps.setString(4, listId);
            return ps.executeUpdate();
        }
    }

    /**
     * A list that delivers at a local hour: each reader's row is due at that hour in the reader's zone (see
     * LocalHours). The rows of one release time are inserted together, earliest release first, so ledger ids, and
     * the batches cut from them, follow the clock: a batch holds readers released together and runs when they are
     * due, and nothing waits in memory.
     */
    private long insertLocalDeliveries(Connection c, long send, MailingList list, Instant now) throws SQLException {
        List<String> zones = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MEMBER_ZONES)) {
            ps.setString(1, list.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    zones.add(rs.getString(1));
                }
            }
        }
        long rows = 0;
        for (LocalHours.Release release : LocalHours.releases(
                list.deliverAt(), list.timeZone(), zones, now, config.delivery().localHourGrace())) {
            try (PreparedStatement ps = c.prepareStatement(
                    insertDeliveriesInZones(Jdbc.postgres(c), release.zones().size(), release.withoutZone()))) {
                ps.setLong(1, send);
                ps.setObject(2, Jdbc.ts(release.at()));
                ps.setObject(3, Jdbc.ts(now));
                ps.setString(4, list.id());
                int i = 5;
                for (String zone : release.zones()) {
                    ps.setString(i++, zone);
                }
                rows += ps.executeUpdate();
            }
        }
        return rows;
    }

    /** The send's first and last id above {@code above}, and how many of its rows lie there. */
    private static long[] idRange(Connection c, long send, long above) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELIVERY_ID_RANGE)) {
            ps.setLong(1, send);
            ps.setLong(2, above);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static long highestDeliveryId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HIGHEST_DELIVERY_ID);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Cuts the send's rows into id ranges of batchSize. Ids of one INSERT ... SELECT are ascending, so the ranges are
     * computed from MIN and MAX alone, looked for above {@code before}, the ledger's highest id before the send's
     * {@code rows} went in; a range that another send's rows interleave with just holds fewer of ours. Should fewer
     * of them lie above it (a ledger whose id sequence was set back below its rows, by a restore or rows written with
     * their own ids), the range is read over the whole ledger, as it was before the bound, and a warning says why.
     */
    private static void insertBatches(Connection c, long send, long before, long rows, int batchSize)
            throws SQLException {
        long[] range = idRange(c, send, before);
        if (range[2] != rows) {
            Log.warnf(
                    "Send %d: %d of its %d ledger rows have ids above the ledger's highest id before the plan (%d): "
                            + "the ledger's id sequence is behind its rows; reading the send's ids over the whole "
                            + "ledger",
                    send, range[2], rows, before);
            range = idRange(c, send, Long.MIN_VALUE);
        }
        if (range[2] == 0) {
            return;
        }
        long min = range[0];
        long max = range[1];
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT_BATCH)) {
            for (long first = min; first <= max; first += batchSize) {
                ps.setLong(1, send);
                ps.setInt(2, count++);
                ps.setLong(3, first);
                ps.setLong(4, Math.min(max, first + batchSize - 1));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(SET_BATCH_COUNT)) {
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
        return Sql.first(dataSource, EDITION_LIST, ps -> ps.setLong(1, editionId), rs -> rs.getString(1));
    }

    /** The articles of an edition, in their order. */
    public List<Long> editionArticles(long editionId) throws SQLException {
        return Sql.longs(dataSource, EDITION_ARTICLES, ps -> ps.setLong(1, editionId));
    }
}
