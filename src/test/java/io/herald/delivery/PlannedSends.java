package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;

import io.herald.article.Article;
import io.herald.storage.SchemaMigrations;
import io.herald.storage.Sql;
import io.herald.subscriber.MailingList;
import io.herald.support.MigratedPostgres;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A list of {@code members} readers on a migrated database ({@code reader1@LIST.example.org} and on), and sends of one
 * article each to it, planned by the real {@link SendPlanner} in batches of {@code batch}.
 */
record PlannedSends(DataSource ds, MailingList list, SendPlanner planner, int batch) {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    static PlannedSends on(DataSource ds, String listId, int members, int batch) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mailing_list (id, name, from_address, mode, synced_at) VALUES ('" + listId
                    + "', 'Batches', 'news@example.org', 'per_article', CURRENT_TIMESTAMP)");
            for (int i = 1; i <= members; i++) {
                s.execute("INSERT INTO subscriber (email, created_at) VALUES ('" + reader(listId, i)
                        + "', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO membership (list_id, subscriber_id, state, source, changed_at) SELECT '" + listId
                    + "', id, 'active', 'test', CURRENT_TIMESTAMP FROM subscriber WHERE email LIKE '%@" + listId
                    + ".example.org'");
        }
        MailingList list = new MailingList(
                listId, "Batches", "news@example.org", null, null, ZoneId.of("UTC"), MailingList.Mode.PER_ARTICLE);
        return new PlannedSends(ds, list, new SendPlanner(ds, null, null), batch);
    }

    /**
     * The database a test parameterised over both runs on: {@code postgres}'s for "postgresql", else a fresh H2 one
     * named after {@code name}.
     */
    static DataSource database(String database, MigratedPostgres postgres, String name) {
        return database.equals("postgresql") ? postgres.dataSource() : h2(name);
    }

    /** A fresh in-memory H2 database with Herald's migrations run. */
    static DataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SchemaMigrations.flyway(h2).migrate();
        return h2;
    }

    static String reader(String listId, int n) {
        return "reader" + n + "@" + listId + ".example.org";
    }

    /** The subscriber id of the list's {@code n}th reader. */
    long readerId(int n) throws Exception {
        return Sql.first(
                        ds,
                        "SELECT id FROM subscriber WHERE email = ?",
                        ps -> ps.setString(1, reader(list.id(), n)),
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    /** Plans a send of a new article titled {@code title} to the list; its id. */
    long plan(String title) throws Exception {
        return planner.plan(List.of(article(title)), list, false, "test", NOW, batch, null)
                .sendId();
    }

    /** Every batch of {@code send} leased and its due rows claimed once, as a worker would. */
    List<DeliveryRows.Claimed> claimEveryBatch(long send) throws Exception {
        List<SendLedger.Batch> batches = Sql.query(
                ds,
                "SELECT seq, first_id, last_id FROM send_batch WHERE send_id = ? ORDER BY seq",
                ps -> ps.setLong(1, send),
                rs -> new SendLedger.Batch(send, rs.getInt(1), rs.getLong(2), rs.getLong(3)));
        DeliveryRows rows = new DeliveryRows(ds);
        List<DeliveryRows.Claimed> claimed = new java.util.ArrayList<>();
        for (SendLedger.Batch batch : batches) {
            claimed.addAll(rows.claim(batch, list.id(), "test-worker", NOW, NOW.plusSeconds(300), 100)
                    .orElseThrow());
        }
        return claimed;
    }

    private Article article(String title) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO article (title, body, photos, content_hash, created_at) "
                                + "VALUES (?, 'Body.', '[]', ?, CURRENT_TIMESTAMP)",
                        new String[] {"id"})) {
            ps.setString(1, title);
            ps.setString(2, String.format("%064d", Math.abs((long) title.hashCode())));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Article(keys.getLong(1), title, null, List.of("Body."), List.of(), null, null, "h", null);
            }
        }
    }
}
